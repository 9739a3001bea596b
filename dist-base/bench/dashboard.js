"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * How long the dashboard takes to show a network of 1,000 partners and
 * 100,000 postings, in headless Chromium against the real service, beside
 * the time the API itself takes to answer the same queries in the same run.
 * Prints figures; it asserts nothing.
 *
 *   npm run bench:dashboard
 *   BENCH_PARTNERS=1000 BENCH_LOANS=100000 npm run bench:dashboard
 *
 * The log is written through the EventStore port (one loan = request,
 * accept, ship = one posting), then the service starts on that data
 * directory and its read models catch up before anything is timed.
 */
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_perf_hooks_1 = require("node:perf_hooks");
const streams_1 = require("../src/application/cooperation/streams");
const projection_runner_1 = require("../src/application/projections/projection-runner");
const agreements_1 = require("../src/domain/agreements");
const loans_1 = require("../src/domain/loans");
const partners_1 = require("../src/domain/partners");
const config_1 = require("../src/infrastructure/config/config");
const sqlite_database_1 = require("../src/infrastructure/event-store/sqlite/sqlite-database");
const sqlite_event_store_1 = require("../src/infrastructure/event-store/sqlite/sqlite-event-store");
const http_app_1 = require("../src/infrastructure/http/http-app");
const ledger_module_1 = require("../src/infrastructure/ledger.module");
const browser_1 = require("../test/e2e/support/browser");
const decide_all_1 = require("./decide-all");
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 1000);
const LOANS = Number(process.env.BENCH_LOANS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** However slow the machine, a run is measured, not cut short. */
const PAGE_TIMEOUT_MS = 10 * 60_000;
/** Each partner lends to a few neighbours mostly, so each has many counterparties but a few large ones. */
const NEIGHBOURS = 30;
const ADMIN_KEY = 'bench-coordinator-key-0123456789abcdef';
const MINUTE = 60_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');
const APPENDS_PER_TICK = 1000;
const isilOf = (i) => `DE-B${String(i).padStart(4, '0')}`;
/** A fixed sequence, so every run writes the same network. */
const random = (() => {
    let seed = 20261201;
    return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
})();
const writeLog = async (file) => {
    const store = new sqlite_event_store_1.SqliteEventStore((0, sqlite_database_1.openSqliteDatabase)(file, { synchronous: 'NORMAL' }), { ownsDatabase: true });
    let queue = [];
    let events = 0;
    const append = async (streamId, batch) => {
        events += batch.length;
        queue.push(store.append(streamId, batch, 'no_stream'));
        if (queue.length >= APPENDS_PER_TICK)
            await Promise.all(queue.splice(0));
    };
    const isils = Array.from({ length: PARTNERS }, (_, i) => isilOf(i));
    const standings = Object.fromEntries(isils.map((isil) => [isil, 'active']));
    for (const [i, isil] of isils.entries()) {
        const register = { command: { type: 'RegisterPartner', data: { isil, name: `Stadtbibliothek ${i}`, country: 'DE' } }, actor: decide_all_1.COORDINATOR, at: START - 2 * MINUTE };
        await append(streams_1.streams.partner(isil), (0, decide_all_1.decideAll)(partners_1.partnerDecider, [register]));
    }
    const agreementId = (0, node_crypto_1.randomUUID)();
    const establish = {
        command: {
            type: 'EstablishAgreement',
            data: { agreementId, title: 'Every library in the network', focalPoint: isils[0], members: isils, standings, forms: ['loans'], startsOn: '2025-12-31', terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90 } },
        },
        actor: decide_all_1.COORDINATOR,
        at: START - MINUTE,
    };
    const established = (0, decide_all_1.decideAll)(agreements_1.agreementDecider, [establish]);
    await append(streams_1.streams.agreement(agreementId), established);
    const agreement = (0, agreements_1.agreementFacts)(established.map((e) => e).reduce(agreements_1.agreementDecider.evolve, agreements_1.agreementDecider.initialState()));
    for (let n = 0; n < LOANS; n++) {
        const lenderIndex = Math.floor(random() * PARTNERS);
        const lender = isils[lenderIndex];
        const borrower = isils[(lenderIndex + 1 + Math.floor(random() * random() * NEIGHBOURS)) % PARTNERS];
        const at = START + n * 3 * MINUTE;
        const loanId = (0, node_crypto_1.randomUUID)();
        const steps = [
            { command: { type: 'RequestLoan', data: { loanId, lender, agreementId, agreement, standings, item: { title: `Item ${n}` } } }, actor: (0, decide_all_1.librarian)(borrower), at },
            { command: { type: 'AcceptLoan', data: { loanId } }, actor: (0, decide_all_1.librarian)(lender), at: at + MINUTE },
            { command: { type: 'ShipLoan', data: { loanId } }, actor: (0, decide_all_1.librarian)(lender), at: at + 2 * MINUTE },
        ];
        await append(streams_1.streams.loan(loanId), (0, decide_all_1.decideAll)(loans_1.loanDecider, steps));
    }
    await Promise.all(queue);
    await store.close();
    return { events, agreementId };
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** The calls the page makes before its first view is complete, one after another: each call's time in ms. */
const apiAlone = async (url, agreementId) => {
    const today = new Date().toISOString().slice(0, 10);
    const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`;
    const paths = [
        '/v1/agreements?limit=500', '/v1/partners?limit=500', '/v1/partners?limit=500&cursor=', '/v1/balances/trial', '/v1/events?limit=1',
        '/v1/balances/matrix?unit=loan&top=10', `/v1/reports/fairness?agreement=${agreementId}&from=${from}&to=${today}`,
        `/v1/reports/lending-by-month?agreement=${agreementId}&from=${from}&to=${today}`, `/v1/acquisition-claims?status=active&agreementId=${agreementId}&limit=500`,
    ];
    const times = [];
    let cursor = '';
    for (const path of paths) {
        const started = node_perf_hooks_1.performance.now();
        const response = await fetch(`${url}${path.endsWith('cursor=') ? `${path}${encodeURIComponent(cursor)}` : path}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
        const body = (await response.json());
        if (!response.ok)
            throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
        if (path === '/v1/partners?limit=500')
            cursor = body.next ?? '';
        times.push([path.split('?')[0], node_perf_hooks_1.performance.now() - started]);
    }
    return times;
};
const main = async () => {
    const directory = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'ledger-bench-dashboard-'));
    try {
        console.log(`node ${process.version}; writing ${PARTNERS} partners and ${LOANS} loans…`);
        let started = node_perf_hooks_1.performance.now();
        const { events, agreementId } = await writeLog((0, node_path_1.join)(directory, ledger_module_1.DATABASE_FILE));
        console.log(`wrote ${events} events in ${((node_perf_hooks_1.performance.now() - started) / 1000).toFixed(1)} s`);
        started = node_perf_hooks_1.performance.now();
        const app = await (0, http_app_1.createHttpApp)((0, config_1.loadConfig)({ LEDGER_DATA_DIR: directory, LEDGER_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'warn', LEDGER_RATE_LIMIT_PER_MINUTE: '1000000',
            // Most of these loans are past due: the scheduler would write 100,000 overdue facts while the page is timed.
            LEDGER_SCHEDULER_INTERVAL_SECONDS: '0' }));
        await app.listen(0, '127.0.0.1');
        const url = await app.getUrl();
        await app.get(projection_runner_1.ProjectionRunner).waitFor(String(events), 30 * 60_000);
        console.log(`service started and its read models caught up in ${((node_perf_hooks_1.performance.now() - started) / 1000).toFixed(1)} s`);
        const browser = await (0, browser_1.launchBrowser)();
        try {
            const page = [];
            const api = [];
            for (let run = 0; run < RUNS; run++) {
                const calls = await apiAlone(url, agreementId);
                api.push(calls.reduce((total, [, ms]) => total + ms, 0));
                started = node_perf_hooks_1.performance.now();
                const opened = await (0, browser_1.openDashboard)(browser.context, url, ADMIN_KEY, PAGE_TIMEOUT_MS);
                page.push(node_perf_hooks_1.performance.now() - started);
                console.log(`run ${run + 1}: page ${page[run].toFixed(0)} ms; API alone ${api[run].toFixed(0)} ms (${calls.map(([path, ms]) => `${path} ${ms.toFixed(0)}`).join(', ')})`);
                if (run === 0)
                    await (0, browser_1.screenshot)(opened.page, 'balances-1000-partners');
                await opened.page.close();
            }
            console.log(`\n${PARTNERS} partners, ${LOANS} postings, ${events} events; median of ${RUNS} runs:`);
            console.log(`  page shown (paste key → every view loaded): ${median(page).toFixed(0)} ms`);
            console.log(`  baseline, the same API calls one after another: ${median(api).toFixed(0)} ms`);
            console.log(`  ratio page / API alone: ${(median(page) / median(api)).toFixed(2)}`);
        }
        finally {
            await browser.close();
            await app.close();
        }
    }
    finally {
        (0, node_fs_1.rmSync)(directory, { recursive: true, force: true });
    }
};
main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
});
//# sourceMappingURL=dashboard.js.map