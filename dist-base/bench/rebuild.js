"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.generate = void 0;
/**
 * Rebuild of every read model from a log of realistic size, beside the least a
 * reader of the same rows must do, then the latency of the ledger's queries at
 * that size. Prints figures; it asserts nothing. The rebuild is the bulk path
 * (BulkFold: one read of the log for every read model, folded in memory,
 * tables without indexes until the end; see README, Benchmarks).
 *
 *   npm run bench:rebuild
 *   BENCH_EVENTS=100000 BENCH_RUNS=50 BENCH_SYNC=NORMAL npm run bench:rebuild
 *   BENCH_KEEP=1 …   keeps the SQLite file and prints where it is
 *   BENCH_LOG_DIR=<kept directory> …   measures a kept log again instead of writing a new one
 *   BENCH_STORE=postgres …   then the same rebuild and queries on PostgreSQL (bench/postgres.ts)
 *
 * The log is written through the EventStore port (SqliteEventStore: expected
 * versions, hash chains, idempotency) an hour of simulated time at a time:
 * every act of that hour appended together (what one stream does in it in
 * one append), so group commit puts them in one transaction and the store
 * stamps each act within the hour it happened.
 * Events come out of the domain's own deciders, so every one is an event the
 * service could have written. The measuring phase runs in a child process, so
 * its peak RSS is that of the rebuild and the queries alone.
 */
const node_child_process_1 = require("node:child_process");
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_perf_hooks_1 = require("node:perf_hooks");
const cooperation_facts_1 = require("../src/application/cooperation/cooperation-facts");
const streams_1 = require("../src/application/cooperation/streams");
const fairness_handlers_1 = require("../src/application/fairness/fairness.handlers");
const fairness_messages_1 = require("../src/application/fairness/fairness.messages");
const balance_handlers_1 = require("../src/application/ledger/balance.handlers");
const balance_messages_1 = require("../src/application/ledger/balance.messages");
const projection_runner_1 = require("../src/application/projections/projection-runner");
const bulk_fold_1 = require("../src/application/projections/bulk-fold");
const agreements_1 = require("../src/domain/agreements");
const claims_1 = require("../src/domain/claims");
const exchanges_1 = require("../src/domain/exchanges");
const holdings_1 = require("../src/domain/holdings");
const loans_1 = require("../src/domain/loans");
const partners_1 = require("../src/domain/partners");
const services_1 = require("../src/domain/services");
const sqlite_database_1 = require("../src/infrastructure/event-store/sqlite/sqlite-database");
const sqlite_event_store_1 = require("../src/infrastructure/event-store/sqlite/sqlite-event-store");
const ledger_module_1 = require("../src/infrastructure/ledger.module");
const sqlite_balances_1 = require("../src/infrastructure/read-store/sqlite-balances");
const sqlite_fairness_1 = require("../src/infrastructure/read-store/sqlite-fairness");
const sqlite_read_store_1 = require("../src/infrastructure/read-store/sqlite-read-store");
const heap_collector_1 = require("../src/infrastructure/runtime/heap-collector");
const pg_event_store_1 = require("../src/infrastructure/event-store/postgres/pg-event-store");
const pg_balances_1 = require("../src/infrastructure/read-store/postgres/pg-balances");
const pg_fairness_1 = require("../src/infrastructure/read-store/postgres/pg-fairness");
const pg_read_store_1 = require("../src/infrastructure/read-store/postgres/pg-read-store");
const postgres_1 = require("./postgres");
const raw_read_1 = require("./raw-read");
const decide_all_1 = require("./decide-all");
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const SYNC = (process.env.BENCH_SYNC ?? 'FULL').toUpperCase();
const AGREEMENTS = 5;
const HOLDINGS_BATCHES = 2;
const TITLES_PER_BATCH = 100;
const TITLE_POOL = 50_000;
/** Appends queued before awaiting them: they share one group-commit transaction. */
const APPENDS_PER_TICK = 1000;
const READ_BATCH = projection_runner_1.PROJECTION_BATCH;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const SETUP_AT = Date.parse('2029-06-01T08:00:00.000Z');
const ACTIVITY_FROM = Date.parse('2029-07-01T00:00:00.000Z');
const ACTIVITY_DAYS = 365;
const PERIOD = { from: '2029-07-01', to: '2030-06-30' };
/** A quarter inside the log: most groups moved before it and after it, so each is two seeks. */
const QUARTER = { from: '2030-01-01', to: '2030-03-31' };
// ---- generation ---------------------------------------------------------
/** mulberry32: the same network every run, so runs compare. */
const random = (() => {
    let seed = 0x5eed;
    return () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
})();
const pick = (values) => values[Math.floor(random() * values.length)];
const two = (values) => {
    const first = Math.floor(random() * values.length);
    const second = (first + 1 + Math.floor(random() * (values.length - 1))) % values.length;
    return [values[first], values[second]];
};
const COUNTRIES = ['DE', 'FR', 'ID', 'NL', 'US', 'JP', 'BR', 'ZA'];
const isilOf = (i) => `${COUNTRIES[i % COUNTRIES.length]}-LIB${String(i).padStart(4, '0')}`;
/** ISBN-13 in publisher ranges the ISBN agency has allocated (978-0-306-…, 978-0-307-…), so the deciders accept them. */
const isbnOf = (publisher, title) => {
    const digits = `9780${publisher}${String(title).padStart(5, '0')}`;
    const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
    return `${digits}${(10 - (sum % 10)) % 10}`;
};
const generate = async (file) => {
    const db = (0, sqlite_database_1.openSqliteDatabase)(file, { synchronous: 'NORMAL' });
    // The store stamps recordedAt from its clock: here the simulated time, so the year of history keeps its dates.
    let simulated = new Date(0);
    const store = new sqlite_event_store_1.SqliteEventStore(db, { ownsDatabase: true, clock: { now: () => simulated } });
    let written = 0;
    /**
     * Each act's events wait for their hour of simulated time, and every act
     * of an hour is appended together once the generator passes it, stamped
     * with that hour's latest time: a loan shipped two days after its request
     * is recorded two days after it (a whole stream appended at once would
     * give every act of a loan the same time, every turnaround 0).
     */
    const hours = new Map();
    /** The first hour not yet appended. */
    let nextHour;
    const timeOf = (event) => Date.parse(String(event.metadata.recordedAt));
    const append = async (streamId, events) => {
        for (const event of events) {
            const hour = Math.floor(timeOf(event) / HOUR);
            if (nextHour !== undefined && hour < nextHour)
                throw new Error(`an act at ${String(event.metadata.recordedAt)} comes after its hour was appended`);
            const acts = hours.get(hour) ?? new Map();
            hours.set(hour, acts.set(streamId, [...(acts.get(streamId) ?? []), event]));
        }
        written += events.length;
    };
    const appendHour = async (hour) => {
        const acts = [...(hours.get(hour) ?? [])];
        hours.delete(hour);
        if (acts.length === 0)
            return;
        simulated = new Date(acts.reduce((latest, [, events]) => events.reduce((l, event) => Math.max(l, timeOf(event)), latest), 0));
        for (let i = 0; i < acts.length; i += APPENDS_PER_TICK) {
            await Promise.all(acts.slice(i, i + APPENDS_PER_TICK).map(([streamId, events]) => store.append(streamId, events, 'any')));
        }
    };
    /** Appends every hour before `until` (ms since 1970; Infinity: all that wait), in order. */
    const appendUntil = async (until) => {
        if (nextHour === undefined) {
            if (hours.size === 0)
                return;
            nextHour = Math.min(...hours.keys());
        }
        const last = Number.isFinite(until) ? Math.floor(until / HOUR) : Math.max(nextHour, ...hours.keys()) + 1;
        for (; nextHour < last; nextHour++)
            await appendHour(nextHour);
    };
    const started = node_perf_hooks_1.performance.now();
    const mix = { loans: 0, exchanges: 0, services: 0, claims: 0, setup: 0 };
    const isils = Array.from({ length: PARTNERS }, (_, i) => isilOf(i));
    const standings = Object.fromEntries(isils.map((isil) => [isil, 'active']));
    for (const [i, isil] of isils.entries()) {
        const steps = [
            { command: { type: 'RegisterPartner', data: { isil, name: `Library ${i}`, country: isil.slice(0, 2) } }, actor: decide_all_1.COORDINATOR, at: SETUP_AT - DAY },
        ];
        await append(streams_1.streams.partner(isil), (0, decide_all_1.decideAll)(partners_1.partnerDecider, steps));
    }
    // A few regional agreements, each partner in one; one in two charges a fee per loan.
    const membersOf = Array.from({ length: AGREEMENTS }, (_, k) => isils.filter((_, i) => i % AGREEMENTS === k));
    const agreements = [];
    for (const [k, members] of membersOf.entries()) {
        const agreementId = (0, node_crypto_1.randomUUID)();
        const establish = [{
                command: {
                    type: 'EstablishAgreement',
                    data: {
                        agreementId, title: `Region ${k}`, focalPoint: members[0], members, standings,
                        forms: ['loans', 'exchanges', 'rotations', 'acquisitions', 'services'], startsOn: '2029-06-01',
                        terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1 + (k % 3) * 0.5, claimHoldDays: 90, ...(k % 2 === 0 ? { feePerLoan: { amount: '2.50', currency: 'EUR' } } : {}) },
                    },
                },
                actor: decide_all_1.COORDINATOR,
                at: SETUP_AT,
            }];
        await append(streams_1.streams.agreement(agreementId), (0, decide_all_1.decideAll)(agreements_1.agreementDecider, establish));
        const established = agreements_1.agreementDecider.decide({ ...establish[0].command, metadata: { now: new Date(SETUP_AT), actor: decide_all_1.COORDINATOR } }, agreements_1.agreementDecider.initialState());
        agreements.push((0, agreements_1.agreementFacts)(established.reduce(agreements_1.agreementDecider.evolve, agreements_1.agreementDecider.initialState())));
    }
    // Holdings: each partner registers its titles in a few batches, from one pool, so most titles have several holders.
    for (const isil of isils) {
        const first = Math.floor(random() * TITLE_POOL);
        const steps = Array.from({ length: HOLDINGS_BATCHES }, (_, b) => ({
            command: {
                type: 'RegisterHoldings',
                data: {
                    isil,
                    items: Array.from({ length: TITLES_PER_BATCH }, (_, t) => {
                        const isbn13 = isbnOf('306', (first + (b * TITLES_PER_BATCH + t) * 7) % TITLE_POOL);
                        return { isbn13, title: `Title ${isbn13}` };
                    }),
                },
            },
            actor: (0, decide_all_1.librarian)(isil),
            at: SETUP_AT + (b + 1) * DAY,
        }));
        await append(streams_1.streams.holdings(isil), (0, decide_all_1.decideAll)(holdings_1.holdingsDecider, steps));
    }
    mix.setup = written;
    let claimTitle = 0;
    const estimate = EVENTS - written;
    for (let n = 0; written < EVENTS; n++) {
        const at = ACTIVITY_FROM + Math.min(1, (written - mix.setup) / estimate) * ACTIVITY_DAYS * DAY;
        await appendUntil(at);
        const k = Math.floor(random() * AGREEMENTS);
        const agreement = agreements[k];
        const [a, b] = two(membersOf[k]);
        const roll = random();
        if (roll < 0.45) {
            const id = (0, node_crypto_1.randomUUID)();
            const lender = a;
            const borrower = b;
            const variant = random();
            const steps = [{
                    command: { type: 'RequestLoan', data: { loanId: id, lender, agreementId: agreement.agreementId, agreement, standings, item: { title: `Loan item ${n}` } } },
                    actor: (0, decide_all_1.librarian)(borrower), at,
                }];
            const step = (type, actor, after, extra = {}) => steps.push({ command: { type, data: { loanId: id, ...extra } }, actor: (0, decide_all_1.librarian)(actor), at: at + after });
            if (variant < 0.1)
                step('DeclineLoan', lender, 3 * HOUR, { reason: 'not for loan' });
            else if (variant < 0.15)
                step('CancelLoan', borrower, 2 * HOUR, { reason: 'found elsewhere' });
            else {
                // Turnaround of a few hours to a few days.
                const shipped = 2 * HOUR + Math.floor(random() * 72) * HOUR;
                step('AcceptLoan', lender, HOUR);
                step('ShipLoan', lender, shipped);
                if (variant >= 0.2) {
                    step('ReceiveLoan', borrower, shipped + 3 * DAY);
                    if (variant >= 0.9)
                        step('RenewLoan', borrower, shipped + 25 * DAY);
                    step('ReturnLoan', borrower, shipped + 30 * DAY);
                    step('CheckInLoan', lender, shipped + 33 * DAY);
                }
            }
            await append(streams_1.streams.loan(id), (0, decide_all_1.decideAll)(loans_1.loanDecider, steps));
            mix.loans += steps.length;
        }
        else if (roll < 0.53) {
            const id = (0, node_crypto_1.randomUUID)();
            const items = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({ title: `Serial ${n}.${i}` }));
            // One in five is left with the counterpart's side still owed.
            const settled = random() >= 0.2;
            const side = (type, by, after) => ({ command: { type, data: { exchangeId: id } }, actor: (0, decide_all_1.librarian)(by), at: at + after });
            const steps = [
                {
                    command: { type: 'ProposeExchange', data: { exchangeId: id, agreementId: agreement.agreementId, agreement, standings, counterpart: b, offered: items, requested: items } },
                    actor: (0, decide_all_1.librarian)(a), at,
                },
                { command: { type: 'AcceptExchange', data: { exchangeId: id } }, actor: (0, decide_all_1.librarian)(b), at: at + DAY },
                side('DispatchExchangeItems', a, 2 * DAY),
                ...(settled ? [side('DispatchExchangeItems', b, 3 * DAY)] : []),
                side('ReceiveExchangeItems', b, 5 * DAY),
                ...(settled ? [side('ReceiveExchangeItems', a, 6 * DAY)] : []),
            ];
            const events = (0, decide_all_1.decideAll)(exchanges_1.exchangeDecider, steps);
            await append(streams_1.streams.exchange(id), events);
            mix.exchanges += events.length;
        }
        else if (roll < 0.88) {
            const id = (0, node_crypto_1.randomUUID)();
            const steps = [{
                    command: {
                        type: 'RenderService',
                        data: { serviceId: id, agreementId: agreement.agreementId, agreement, standings, recipient: b, kind: pick(services_1.SERVICE_KINDS), units: 1 + Math.floor(random() * 40) / 2 },
                    },
                    actor: (0, decide_all_1.librarian)(a), at,
                }];
            if (random() < 0.05)
                steps.push({ command: { type: 'VoidService', data: { serviceId: id, reason: 'recorded twice' } }, actor: (0, decide_all_1.librarian)(a), at: at + 2 * DAY });
            const events = (0, decide_all_1.decideAll)(services_1.serviceDecider, steps);
            await append(streams_1.streams.service(id), events);
            mix.services += events.length;
        }
        else {
            const isbn = isbnOf('307', claimTitle++ % 100_000);
            const steps = [{
                    command: { type: 'ClaimAcquisition', data: { isbn, agreementId: agreement.agreementId, agreement, standings, title: `New title ${isbn}`, heldBy: [] } },
                    actor: (0, decide_all_1.librarian)(a), at,
                }];
            const outcome = random();
            if (outcome < 0.6)
                steps.push({ command: { type: 'FulfilAcquisitionClaim', data: { isbn } }, actor: (0, decide_all_1.librarian)(a), at: at + 10 * DAY });
            else if (outcome < 0.8)
                steps.push({ command: { type: 'ReleaseAcquisitionClaim', data: { isbn } }, actor: (0, decide_all_1.librarian)(a), at: at + 5 * DAY });
            else
                steps.push({ command: { type: 'ExpireAcquisitionClaim', data: { isbn } }, actor: decide_all_1.SYSTEM, at: at + 92 * DAY });
            const events = (0, decide_all_1.decideAll)(claims_1.claimDecider, steps);
            await append(streams_1.streams.claim(isbn), events);
            mix.claims += events.length;
        }
    }
    await appendUntil(Infinity);
    const seconds = (node_perf_hooks_1.performance.now() - started) / 1000;
    await store.close();
    return { events: written, seconds, mix, world: { isils, agreements, membersOf, standings } };
};
exports.generate = generate;
const readRaw = (db) => (0, raw_read_1.readRawLog)(db, READ_BATCH);
/** CPU seconds (user + system, every thread of the process) since `since`. */
const cpuSeconds = (since) => {
    const { user, system } = process.cpuUsage(since);
    return (user + system) / 1e6;
};
const latency = async (runs, work) => {
    for (let i = 0; i < 5; i++)
        await work();
    const times = [];
    for (let i = 0; i < runs; i++) {
        const started = node_perf_hooks_1.performance.now();
        await work();
        times.push(node_perf_hooks_1.performance.now() - started);
    }
    times.sort((x, y) => x - y);
    return { median: (times[Math.floor((runs - 1) / 2)] + times[Math.ceil((runs - 1) / 2)]) / 2, p95: times[Math.ceil(0.95 * runs) - 1] };
};
const sqliteStores = (file) => {
    const db = (0, sqlite_database_1.openSqliteDatabase)(file, { synchronous: SYNC });
    const store = new sqlite_event_store_1.SqliteEventStore(db);
    return {
        store,
        reads: new sqlite_read_store_1.SqliteReadStore(db, { collect: (0, heap_collector_1.heapCollector)() }),
        balances: new sqlite_balances_1.SqliteBalances(db),
        fairness: new sqlite_fairness_1.SqliteFairnessReads(db),
        readRaw: async () => readRaw(db),
        close: async () => {
            await store.close();
            db.close();
        },
    };
};
/** The file's log copied into a fresh PostgreSQL schema (not timed), the read models kept there. */
const postgresStores = async (file) => {
    const source = new sqlite_event_store_1.SqliteEventStore((0, sqlite_database_1.openSqliteDatabase)(file), { ownsDatabase: true });
    const { schema, pool, drop } = await (0, postgres_1.benchSchema)();
    const store = await pg_event_store_1.PgEventStore.open(pool, { schema });
    await (0, postgres_1.copyLog)(source, store);
    await source.close();
    await pool.query('VACUUM ANALYZE');
    return {
        store,
        reads: await pg_read_store_1.PgReadStore.open(pool, { schema, collect: (0, heap_collector_1.heapCollector)() }),
        balances: new pg_balances_1.PgBalances(pool, schema),
        fairness: new pg_fairness_1.PgFairnessReads(pool, schema),
        readRaw: () => (0, postgres_1.readRawPgLog)(pool, schema, READ_BATCH),
        close: async () => {
            await store.close();
            await drop();
        },
    };
};
const measure = async (file, world) => {
    const stores = process.env.BENCH_MEASURE_STORE === 'postgres' ? await postgresStores(file) : sqliteStores(file);
    const { store, reads } = stores;
    // As the service's runner (ledger.module): the bulk fold's garbage collected as it goes.
    const runner = new projection_runner_1.ProjectionRunner(store, reads, ledger_module_1.ALL_PROJECTIONS, { collect: (0, heap_collector_1.heapCollector)() });
    await runner.init();
    await stores.readRaw(); // warms the page cache for both readers alike
    const loadBefore = (0, node_os_1.loadavg)()[0];
    let started = node_perf_hooks_1.performance.now();
    let cpu = process.cpuUsage();
    const rows = await stores.readRaw();
    const baseline = { rows, seconds: (node_perf_hooks_1.performance.now() - started) / 1000, cpu: cpuSeconds(cpu) };
    started = node_perf_hooks_1.performance.now();
    cpu = process.cpuUsage();
    const events = await runner.rebuild();
    const rebuild = { events, seconds: (node_perf_hooks_1.performance.now() - started) / 1000, cpu: cpuSeconds(cpu) };
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    const load = [loadBefore, (0, node_os_1.loadavg)()[0]];
    // The generated log's clock runs to 2030: a cut in it must not be refused as ahead of the machine's clock.
    const clock = { now: () => new Date('2031-01-01T00:00:00.000Z') };
    const balances = new balance_handlers_1.GetBalancesHandler(stores.balances, runner, store, clock);
    const facts = new cooperation_facts_1.CooperationFacts(store, reads);
    const fairnessReads = stores.fairness;
    const report = new fairness_handlers_1.FairnessReportHandler(facts, fairnessReads, runner);
    const suggest = new fairness_handlers_1.SuggestLendersHandler(facts, fairnessReads, clock, runner);
    const partner = world.isils[1];
    const midYear = '2030-01-01T00:00:00.000Z';
    const agreement = world.agreements[0];
    const one = await balances.execute(new balance_messages_1.GetBalancesQuery({ partner }));
    const fairness = await report.execute(new fairness_messages_1.FairnessReportQuery(agreement.agreementId, PERIOD.from, PERIOD.to));
    const suggestion = await suggest.execute(new fairness_messages_1.SuggestLendersQuery(isbnOf('306', 1234), world.membersOf[0][3]));
    const queries = [
        { name: `balances of one partner (${partner})`, ...(await latency(RUNS, () => balances.execute(new balance_messages_1.GetBalancesQuery({ partner })))), note: `${one.balances.length} lines` },
        {
            name: 'balances of one partner as of an instant',
            ...(await latency(RUNS, () => balances.execute(new balance_messages_1.GetBalancesQuery({ partner }, { asOf: { instant: midYear } })))),
            note: `as of ${midYear}`,
        },
        {
            name: `fairness report, one agreement, ${PERIOD.from}..${PERIOD.to}`,
            ...(await latency(RUNS, () => report.execute(new fairness_messages_1.FairnessReportQuery(agreement.agreementId, PERIOD.from, PERIOD.to)))),
            note: `${fairness.partners.length} partners, ${fairness.network.totals.loansLent} loans shipped`,
        },
        {
            name: `fairness report, one agreement, ${QUARTER.from}..${QUARTER.to}`,
            ...(await latency(RUNS, () => report.execute(new fairness_messages_1.FairnessReportQuery(agreement.agreementId, QUARTER.from, QUARTER.to)))),
            note: 'a quarter inside the log',
        },
        {
            name: 'lender suggestion for one title',
            ...(await latency(RUNS, () => suggest.execute(new fairness_messages_1.SuggestLendersQuery(isbnOf('306', 1234), world.membersOf[0][3])))),
            note: `${suggestion.suggestions.length} ranked, ${suggestion.excluded.length} left out`,
        },
    ];
    await stores.close();
    return { readModels: ledger_module_1.ALL_PROJECTIONS.length, baseline, rebuild, maxRssMb, load, queries, fileMb: (0, node_fs_1.statSync)(file).size / 1_048_576 };
};
// ---- printing -----------------------------------------------------------
const number = (value, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const table = (header, lines, numeric) => {
    const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
    const format = (cells) => cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
    console.log(format(header));
    console.log(widths.map((width) => '-'.repeat(width)).join('  '));
    lines.forEach((line) => console.log(format(line)));
};
const print = (generated, figures, store = `SQLite, synchronous=${SYNC}`) => {
    const { events, seconds, mix } = generated;
    const share = (count) => `${number(count)} (${((100 * count) / events).toFixed(1)}%)`;
    console.log(`\nlog: ${number(events)} events, ${PARTNERS} partners, ${AGREEMENTS} agreements, ${number(figures.fileMb, 1)} MB file`);
    console.log(`  mix: setup (partners, agreements, holdings) ${share(mix.setup)}, loans ${share(mix.loans)}, exchanges ${share(mix.exchanges)}, ` +
        `services ${share(mix.services)}, claims ${share(mix.claims)}`);
    console.log(`  written through the EventStore port in ${seconds.toFixed(1)} s (${number(events / seconds)} events/s; an hour of simulated time per tick, what a stream does in it per append, synchronous=NORMAL)`);
    const rebuildRate = figures.rebuild.events / figures.rebuild.seconds;
    const rawRate = figures.baseline.rows / figures.baseline.seconds;
    console.log(`\nrebuild of all ${figures.readModels} read models (${store}; bulk path: reads of ${bulk_fold_1.BULK_READ}, a write every ${number(bulk_fold_1.BULK_COMMIT)} events or ${number(bulk_fold_1.BULK_ROWS)} rows, ` +
        `${number(bulk_fold_1.BULK_DOCUMENTS)} documents kept per read model; baseline reads of ${READ_BATCH})`);
    const cpuRatio = figures.rebuild.cpu / figures.rebuild.events / (figures.baseline.cpu / figures.baseline.rows);
    table(['measure', 'rows', 'seconds', 'per second', 'vs baseline', 'CPU s', 'CPU vs baseline'], [
        [
            'ProjectionRunner.rebuild()', number(figures.rebuild.events), figures.rebuild.seconds.toFixed(2), number(rebuildRate),
            (rebuildRate / rawRate).toFixed(3), figures.rebuild.cpu.toFixed(2), (1 / cpuRatio).toFixed(3),
        ],
        ['baseline: SELECT + JSON.parse', number(figures.baseline.rows), figures.baseline.seconds.toFixed(2), number(rawRate), '1.000', figures.baseline.cpu.toFixed(2), '1.000'],
    ], new Set([1, 2, 3, 4, 5, 6]));
    console.log('(vs baseline: rate over the baseline\'s rate, wall clock; CPU vs baseline: the same with CPU seconds per event, every thread counted)');
    console.log(`peak RSS of the measuring process (rebuild + queries): ${number(figures.maxRssMb)} MB`);
    console.log(`load average (1 min): ${figures.load[0].toFixed(2)} before the baseline, ${figures.load[1].toFixed(2)} after the rebuild (2 cores here)`);
    console.log(`\nquery latency through the query handlers, ${RUNS} runs each after 5 warm-up runs (ms)`);
    table(['query', 'median', 'p95', ''], figures.queries.map((q) => [q.name, q.median.toFixed(2), q.p95.toFixed(2), q.note]), new Set([1, 2]));
};
const main = async () => {
    if (process.env.BENCH_PHASE === 'measure') {
        const { file, world } = JSON.parse((0, node_fs_1.readFileSync)(process.env.BENCH_INPUT, 'utf8'));
        const figures = await measure(process.env.BENCH_FILE ?? file, world);
        // Run by hand (for a profile: BENCH_PHASE=measure BENCH_INPUT=<kept dir>/world.json node --cpu-prof …): the figures are printed.
        if (process.send)
            process.send(figures);
        else
            console.log(JSON.stringify(figures, null, 2));
        return;
    }
    if (!Number.isSafeInteger(EVENTS) || EVENTS < 10_000)
        throw new RangeError('BENCH_EVENTS must be an integer >= 10000');
    if (SYNC !== 'FULL' && SYNC !== 'NORMAL')
        throw new RangeError('BENCH_SYNC must be FULL or NORMAL');
    // BENCH_LOG_DIR: a directory an earlier run kept (BENCH_KEEP=1): its log is measured again instead of writing a new one.
    const reused = process.env.BENCH_LOG_DIR;
    const directory = reused ?? (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'ledger-bench-rebuild-'));
    try {
        const file = (0, node_path_1.join)(directory, 'ledger.db');
        const input = (0, node_path_1.join)(directory, 'world.json');
        let generated;
        if (reused) {
            const kept = JSON.parse((0, node_fs_1.readFileSync)(input, 'utf8'));
            if (kept.generated === undefined)
                throw new Error(`${input} was kept by an older bench: it does not say how its log was written`);
            generated = { ...kept.generated, world: kept.world };
            console.log(`node ${process.version}; measuring the log of ${number(generated.events)} events kept in ${directory}…`);
        }
        else {
            console.log(`node ${process.version}; generating ${number(EVENTS)} events…`);
            generated = await (0, exports.generate)(file);
            console.log(`generated ${number(generated.events)} events in ${generated.seconds.toFixed(1)} s; rebuilding and querying in a fresh process…`);
            const { world, ...written } = generated;
            (0, node_fs_1.writeFileSync)(input, JSON.stringify({ file, world, generated: written }));
        }
        const measureOn = (store) => new Promise((resolve, reject) => {
            const child = (0, node_child_process_1.fork)(__filename, [], { env: { ...process.env, BENCH_PHASE: 'measure', BENCH_INPUT: input, BENCH_MEASURE_STORE: store, BENCH_FILE: file } });
            child.once('message', (message) => resolve(message));
            child.once('error', reject);
            child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the measuring process exited with ${code}`))));
        });
        print(generated, await measureOn('sqlite'));
        if (postgres_1.BENCH_ON_POSTGRES) {
            console.log('\n==== PostgreSQL: the same log copied (same positions) into a fresh schema, read models there ====');
            print(generated, await measureOn('postgres'), 'PostgreSQL, baseline: SELECT + JSON.parse of its events table');
        }
    }
    finally {
        if (process.env.BENCH_KEEP || reused)
            console.log(`kept ${directory} (BENCH_LOG_DIR=${directory} measures it again)`);
        else
            (0, node_fs_1.rmSync)(directory, { recursive: true, force: true });
    }
};
// The audit bench reuses the generator without running this one.
if (require.main === module) {
    main().catch((error) => {
        console.error(error);
        process.exitCode = 1;
    });
}
//# sourceMappingURL=rebuild.js.map