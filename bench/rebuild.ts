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
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants as perf, performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import { CooperationFacts } from '../src/application/cooperation/cooperation-facts';
import { streams } from '../src/application/cooperation/streams';
import { FairnessReportHandler, SuggestLendersHandler } from '../src/application/fairness/fairness.handlers';
import { FairnessReportQuery, SuggestLendersQuery } from '../src/application/fairness/fairness.messages';
import { GetBalancesHandler } from '../src/application/ledger/balance.handlers';
import { GetBalancesQuery } from '../src/application/ledger/balance.messages';
import type { NewEvent } from '../src/application/ports/event-store.port';
import { freshIds } from '../src/application/ports/ids.port';
import { PROJECTION_BATCH, ProjectionRunner } from '../src/application/projections/projection-runner';
import { BULK_COMMIT, BULK_DOCUMENTS, BULK_READ, BULK_ROWS } from '../src/application/projections/bulk-fold';
import { agreementDecider, agreementFacts, type AgreementCommand } from '../src/domain/agreements';
import { claimDecider, type ClaimCommand } from '../src/domain/claims';
import { exchangeDecider, type ExchangeCommand } from '../src/domain/exchanges';
import { holdingsDecider, type HoldingsCommand } from '../src/domain/holdings';
import { loanDecider, type LoanCommand } from '../src/domain/loans';
import { partnerDecider, type PartnerCommand } from '../src/domain/partners';
import { SERVICE_KINDS, serviceDecider, type ServiceCommand } from '../src/domain/services';
import type { AgreementFacts } from '../src/domain/shared/cooperation';
import { openSqliteDatabase } from '../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { ALL_PROJECTIONS } from '../src/infrastructure/ledger.module';
import { SqliteBalances } from '../src/infrastructure/read-store/sqlite-balances';
import { SqliteFairnessReads } from '../src/infrastructure/read-store/sqlite-fairness';
import { SqliteReadStore } from '../src/infrastructure/read-store/sqlite-read-store';
import { heapCollector } from '../src/infrastructure/runtime/heap-collector';
import type { FairnessReads } from '../src/application/fairness/fairness-reads.port';
import type { BalancesQueries } from '../src/application/ports/balances.port';
import type { EventStore } from '../src/application/ports/event-store.port';
import type { ReadStore } from '../src/application/ports/read-store.port';
import { PgEventStore } from '../src/infrastructure/event-store/postgres/pg-event-store';
import { PgBalances } from '../src/infrastructure/read-store/postgres/pg-balances';
import { PgFairnessReads } from '../src/infrastructure/read-store/postgres/pg-fairness';
import { PgReadStore } from '../src/infrastructure/read-store/postgres/pg-read-store';
import { BENCH_ON_POSTGRES, benchSchema, copyLog, readRawPgLog } from './postgres';
import { procCpuSeconds } from './proc-cpu';
import { readRawLog } from './raw-read';
import { COORDINATOR, decideAll, librarian, SYSTEM, type Step } from './decide-all';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const SYNC = (process.env.BENCH_SYNC ?? 'FULL').toUpperCase() as 'FULL' | 'NORMAL';
const AGREEMENTS = 5;
const HOLDINGS_BATCHES = 2;
const TITLES_PER_BATCH = 100;
const TITLE_POOL = 50_000;
/** Appends queued before awaiting them: they share one group-commit transaction. */
const APPENDS_PER_TICK = 1000;
const READ_BATCH = PROJECTION_BATCH;

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
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
const two = <T>(values: readonly T[]): [T, T] => {
  const first = Math.floor(random() * values.length);
  const second = (first + 1 + Math.floor(random() * (values.length - 1))) % values.length;
  return [values[first], values[second]];
};

const COUNTRIES = ['DE', 'FR', 'ID', 'NL', 'US', 'JP', 'BR', 'ZA'];
const isilOf = (i: number) => `${COUNTRIES[i % COUNTRIES.length]}-LIB${String(i).padStart(4, '0')}`;

/** ISBN-13 in publisher ranges the ISBN agency has allocated (978-0-306-…, 978-0-307-…), so the deciders accept them. */
const isbnOf = (publisher: '306' | '307', title: number): string => {
  const digits = `9780${publisher}${String(title).padStart(5, '0')}`;
  const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${digits}${(10 - (sum % 10)) % 10}`;
};

type World = { isils: string[]; agreements: AgreementFacts[]; membersOf: string[][]; standings: Record<string, 'active'> };

type Mix = { loans: number; exchanges: number; services: number; claims: number; setup: number };

export const generate = async (file: string): Promise<{ events: number; seconds: number; mix: Mix; world: World }> => {
  const db = openSqliteDatabase(file, { synchronous: 'NORMAL' });
  // The store stamps recordedAt from its clock: here the simulated time, so the year of history keeps its dates.
  let simulated = new Date(0);
  const store = new SqliteEventStore(db, { ownsDatabase: true, clock: { now: () => simulated } });
  let written = 0;
  /**
   * Each act's events wait for their hour of simulated time, and every act
   * of an hour is appended together once the generator passes it, stamped
   * with that hour's latest time: a loan shipped two days after its request
   * is recorded two days after it (a whole stream appended at once would
   * give every act of a loan the same time, every turnaround 0).
   */
  const hours = new Map<number, Map<string, NewEvent[]>>();
  /** The first hour not yet appended. */
  let nextHour: number | undefined;
  const timeOf = (event: NewEvent) => Date.parse(String(event.metadata.recordedAt));
  const append = async (streamId: string, events: NewEvent[]) => {
    for (const event of events) {
      const hour = Math.floor(timeOf(event) / HOUR);
      if (nextHour !== undefined && hour < nextHour) throw new Error(`an act at ${String(event.metadata.recordedAt)} comes after its hour was appended`);
      const acts = hours.get(hour) ?? new Map<string, NewEvent[]>();
      hours.set(hour, acts.set(streamId, [...(acts.get(streamId) ?? []), event]));
    }
    written += events.length;
  };
  const appendHour = async (hour: number) => {
    const acts = [...(hours.get(hour) ?? [])];
    hours.delete(hour);
    if (acts.length === 0) return;
    simulated = new Date(acts.reduce((latest, [, events]) => events.reduce((l, event) => Math.max(l, timeOf(event)), latest), 0));
    for (let i = 0; i < acts.length; i += APPENDS_PER_TICK) {
      await Promise.all(acts.slice(i, i + APPENDS_PER_TICK).map(([streamId, events]) => store.append(streamId, events, 'any')));
    }
  };
  /** Appends every hour before `until` (ms since 1970; Infinity: all that wait), in order. */
  const appendUntil = async (until: number) => {
    if (nextHour === undefined) {
      if (hours.size === 0) return;
      nextHour = Math.min(...hours.keys());
    }
    const last = Number.isFinite(until) ? Math.floor(until / HOUR) : Math.max(nextHour, ...hours.keys()) + 1;
    for (; nextHour < last; nextHour++) await appendHour(nextHour);
  };
  const started = performance.now();
  const mix: Mix = { loans: 0, exchanges: 0, services: 0, claims: 0, setup: 0 };

  const isils = Array.from({ length: PARTNERS }, (_, i) => isilOf(i));
  const standings = Object.fromEntries(isils.map((isil) => [isil, 'active' as const]));
  for (const [i, isil] of isils.entries()) {
    const steps: Step<PartnerCommand>[] = [
      { command: { type: 'RegisterPartner', data: { isil, name: `Library ${i}`, country: isil.slice(0, 2) } }, actor: COORDINATOR, at: SETUP_AT - DAY },
    ];
    await append(streams.partner(isil), decideAll(partnerDecider, steps));
  }

  // A few regional agreements, each partner in one; one in two charges a fee per loan.
  const membersOf = Array.from({ length: AGREEMENTS }, (_, k) => isils.filter((_, i) => i % AGREEMENTS === k));
  const agreements: AgreementFacts[] = [];
  for (const [k, members] of membersOf.entries()) {
    const agreementId = freshIds.next();
    const establish: Step<AgreementCommand>[] = [{
      command: {
        type: 'EstablishAgreement',
        data: {
          agreementId, title: `Region ${k}`, focalPoint: members[0], members, standings,
          forms: ['loans', 'exchanges', 'rotations', 'acquisitions', 'services'], startsOn: '2029-06-01',
          terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1 + (k % 3) * 0.5, claimHoldDays: 90, ...(k % 2 === 0 ? { feePerLoan: { amount: '2.50', currency: 'EUR' } } : {}) },
        },
      },
      actor: COORDINATOR,
      at: SETUP_AT,
    }];
    await append(streams.agreement(agreementId), decideAll(agreementDecider, establish));
    const established = agreementDecider.decide({ ...establish[0].command, metadata: { now: new Date(SETUP_AT), actor: COORDINATOR } } as AgreementCommand, agreementDecider.initialState());
    agreements.push(agreementFacts(established.reduce(agreementDecider.evolve, agreementDecider.initialState()))!);
  }

  // Holdings: each partner registers its titles in a few batches, from one pool, so most titles have several holders.
  for (const isil of isils) {
    const first = Math.floor(random() * TITLE_POOL);
    const steps: Step<HoldingsCommand>[] = Array.from({ length: HOLDINGS_BATCHES }, (_, b) => ({
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
      actor: librarian(isil),
      at: SETUP_AT + (b + 1) * DAY,
    }));
    await append(streams.holdings(isil), decideAll(holdingsDecider, steps));
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
      const id = freshIds.next();
      const lender = a;
      const borrower = b;
      const variant = random();
      const steps: Step<LoanCommand>[] = [{
        command: { type: 'RequestLoan', data: { loanId: id, lender, agreementId: agreement.agreementId, agreement, standings, item: { title: `Loan item ${n}` } } },
        actor: librarian(borrower), at,
      }];
      const step = (type: Exclude<LoanCommand['type'], 'RequestLoan'>, actor: string, after: number, extra: object = {}) =>
        steps.push({ command: { type, data: { loanId: id, agreement, standings, ...extra } } as Step<LoanCommand>['command'], actor: librarian(actor), at: at + after });
      if (variant < 0.1) step('DeclineLoan', lender, 3 * HOUR, { reason: 'not for loan' });
      else if (variant < 0.15) step('CancelLoan', borrower, 2 * HOUR, { reason: 'found elsewhere' });
      else {
        // Turnaround of a few hours to a few days.
        const shipped = 2 * HOUR + Math.floor(random() * 72) * HOUR;
        step('AcceptLoan', lender, HOUR);
        step('ShipLoan', lender, shipped);
        if (variant >= 0.2) {
          step('ReceiveLoan', borrower, shipped + 3 * DAY);
          if (variant >= 0.9) step('RenewLoan', borrower, shipped + 25 * DAY);
          step('ReturnLoan', borrower, shipped + 30 * DAY);
          step('CheckInLoan', lender, shipped + 33 * DAY);
        }
      }
      await append(streams.loan(id), decideAll(loanDecider, steps));
      mix.loans += steps.length;
    } else if (roll < 0.53) {
      const id = freshIds.next();
      const items = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({ title: `Serial ${n}.${i}` }));
      // One in five is left with the counterpart's side still owed.
      const settled = random() >= 0.2;
      const side = (type: 'DispatchExchangeItems' | 'ReceiveExchangeItems', by: string, after: number): Step<ExchangeCommand> =>
        ({ command: { type, data: { exchangeId: id, agreement, standings } } as Step<ExchangeCommand>['command'], actor: librarian(by), at: at + after });
      const steps: Step<ExchangeCommand>[] = [
        {
          command: { type: 'ProposeExchange', data: { exchangeId: id, agreementId: agreement.agreementId, agreement, standings, counterpart: b, offered: items, requested: items } },
          actor: librarian(a), at,
        },
        { command: { type: 'AcceptExchange', data: { exchangeId: id, agreement, standings } }, actor: librarian(b), at: at + DAY },
        side('DispatchExchangeItems', a, 2 * DAY),
        ...(settled ? [side('DispatchExchangeItems', b, 3 * DAY)] : []),
        side('ReceiveExchangeItems', b, 5 * DAY),
        ...(settled ? [side('ReceiveExchangeItems', a, 6 * DAY)] : []),
      ];
      const events = decideAll(exchangeDecider, steps);
      await append(streams.exchange(id), events);
      mix.exchanges += events.length;
    } else if (roll < 0.88) {
      const id = freshIds.next();
      const steps: Step<ServiceCommand>[] = [{
        command: {
          type: 'RenderService',
          data: { serviceId: id, agreementId: agreement.agreementId, agreement, standings, recipient: b, kind: pick(SERVICE_KINDS), units: 1 + Math.floor(random() * 40) / 2 },
        },
        actor: librarian(a), at,
      }];
      if (random() < 0.05) steps.push({ command: { type: 'VoidService', data: { serviceId: id, reason: 'recorded twice' } }, actor: librarian(a), at: at + 2 * DAY });
      const events = decideAll(serviceDecider, steps);
      await append(streams.service(id), events);
      mix.services += events.length;
    } else {
      const isbn = isbnOf('307', claimTitle++ % 100_000);
      const steps: Step<ClaimCommand>[] = [{
        command: { type: 'ClaimAcquisition', data: { isbn, agreementId: agreement.agreementId, agreement, standings, title: `New title ${isbn}`, heldBy: [] } },
        actor: librarian(a), at,
      }];
      const outcome = random();
      if (outcome < 0.6) steps.push({ command: { type: 'FulfilAcquisitionClaim', data: { isbn } }, actor: librarian(a), at: at + 10 * DAY });
      else if (outcome < 0.8) steps.push({ command: { type: 'ReleaseAcquisitionClaim', data: { isbn } }, actor: librarian(a), at: at + 5 * DAY });
      else steps.push({ command: { type: 'ExpireAcquisitionClaim', data: { isbn } }, actor: SYSTEM, at: at + 92 * DAY });
      const events = decideAll(claimDecider, steps);
      await append(streams.claim(isbn), events);
      mix.claims += events.length;
    }
  }
  await appendUntil(Infinity);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { events: written, seconds, mix, world: { isils, agreements, membersOf, standings } };
};

// ---- measuring (child process) ------------------------------------------

type Figures = {
  readModels: number;
  /** Wall seconds, and CPU seconds of the whole process (every thread; user + system), fairer on a shared machine. */
  baseline: { rows: number; seconds: number; cpu: number };
  rebuild: { events: number; seconds: number; cpu: number; spent: Spent };
  maxRssMb: number;
  /** The 1-minute load average before the baseline and after the rebuild (the machine is shared). */
  load: [number, number];
  queries: Array<{ name: string; median: number; p95: number; note: string }>;
  fileMb: number;
  /** SQLite: the read models' tables as the rebuild left them, copied by SQLite alone (copyReadModels). */
  floor?: { tables: number; rows: number; seconds: number; cpu: number };
};

const readRaw = (db: Database): number => readRawLog(db, READ_BATCH);

/**
 * The least a rebuild into this file could cost beyond reading the log: the
 * read models' tables (`rm_…`) as the rebuild left them, copied by SQLite
 * alone into a fresh file beside it, each table in one INSERT … SELECT (in
 * its own key order, the cheapest order to insert), its indexes built after,
 * in one transaction; no event read, parsed or folded, no running total
 * carried. A rebuild reads and parses the log (the baseline) and writes at
 * least these rows. A word index (an FTS5 virtual table, contentless) is
 * copied as its shadow tables, plain tables like the others (under another
 * name: SQLite keeps a virtual table's shadow names for it): its b-trees as
 * the rebuild wrote them; the virtual table itself holds no row to copy.
 */
const copyReadModels = (db: Database, file: string): NonNullable<Figures['floor']> => {
  const copy = `${file}.floor`;
  db.prepare('ATTACH ? AS floor').run(copy);
  try {
    db.pragma('floor.journal_mode = WAL');
    db.pragma(`floor.synchronous = ${SYNC}`);
    const objects = db
      .prepare(`SELECT type, name, sql FROM main.sqlite_master WHERE tbl_name LIKE 'rm\\_%' ESCAPE '\\' AND sql IS NOT NULL ORDER BY type = 'index', name`)
      .all() as Array<{ type: 'table' | 'index'; name: string; sql: string }>;
    const virtual = objects.filter(({ sql }) => /^CREATE VIRTUAL TABLE/i.test(sql)).map(({ name }) => name);
    const copied = objects.filter(({ name }) => !virtual.includes(name));
    const copyName = (name: string) => (virtual.some((table) => name.startsWith(`${table}_`)) ? `${name}_copy` : name);
    const started = performance.now();
    const cpu = process.cpuUsage();
    let rows = 0;
    db.transaction(() => {
      for (const { type, name, sql } of copied) {
        if (type === 'table') {
          db.exec(sql.replace(/^CREATE TABLE (IF NOT EXISTS )?('?)([^'(\s]+)\2/i, `CREATE TABLE floor."${copyName(name)}"`));
          rows += db.prepare(`INSERT INTO floor."${copyName(name)}" SELECT * FROM main."${name}"`).run().changes;
        } else {
          db.exec(sql.replace(/^CREATE (UNIQUE )?INDEX (IF NOT EXISTS )?/i, (_, unique?: string) => `CREATE ${unique ?? ''}INDEX floor.`));
        }
      }
    })();
    return { tables: copied.filter((o) => o.type === 'table').length, rows, seconds: (performance.now() - started) / 1000, cpu: cpuSeconds(cpu) };
  } finally {
    db.prepare('DETACH floor').run();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  }
};

/** Where a stretch's CPU went: the main thread's (null where /proc is not), and the collector's pauses on it. */
type Spent = { mainCpu: number | null; scavenges: { count: number; seconds: number }; full: { count: number; seconds: number } };

/** CPU seconds (user + system) of the main thread so far, from /proc (null elsewhere): the rest of the process's is its other threads'. */
const mainThreadCpu = (): number | null => {
  try {
    return procCpuSeconds(`/proc/self/task/${process.pid}/stat`);
  } catch {
    return null;
  }
};

/**
 * Watches what `work` costs the main thread and how long the collector
 * paused it (scavenges of the young generation, full collections). The
 * process's other threads are V8's helpers, which collect beside it, and
 * on SQLite the WAL checkpoint worker.
 */
const spending = async <T>(work: () => Promise<T>): Promise<{ result: T; spent: Spent }> => {
  const spent: Spent = { mainCpu: null, scavenges: { count: 0, seconds: 0 }, full: { count: 0, seconds: 0 } };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
      const kind = entry.detail?.kind;
      const into = kind === perf.NODE_PERFORMANCE_GC_MINOR ? spent.scavenges : kind === perf.NODE_PERFORMANCE_GC_MAJOR ? spent.full : undefined;
      if (into === undefined) continue;
      into.count += 1;
      into.seconds += entry.duration / 1000;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const before = mainThreadCpu();
  try {
    const result = await work();
    const after = mainThreadCpu();
    spent.mainCpu = before === null || after === null ? null : after - before;
    // The last collections' entries are delivered on a later turn.
    await new Promise((resolve) => setImmediate(resolve));
    return { result, spent };
  } finally {
    observer.disconnect();
  }
};

/** CPU seconds (user + system, every thread of the process) since `since`. */
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1e6;
};

const latency = async (runs: number, work: () => Promise<unknown>): Promise<{ median: number; p95: number }> => {
  for (let i = 0; i < 5; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  return { median: (times[Math.floor((runs - 1) / 2)] + times[Math.ceil((runs - 1) / 2)]) / 2, p95: times[Math.ceil(0.95 * runs) - 1] };
};

/** The stores a measure runs on: the SQLite file itself, or a copy of its log in PostgreSQL. */
type Stores = {
  store: EventStore;
  reads: ReadStore;
  balances: BalancesQueries;
  fairness: FairnessReads;
  readRaw: () => Promise<number>;
  /** SQLite only: copyReadModels. */
  floor?: () => NonNullable<Figures['floor']>;
  close: () => Promise<void>;
};

const sqliteStores = (file: string): Stores => {
  const db = openSqliteDatabase(file, { synchronous: SYNC });
  const store = new SqliteEventStore(db);
  return {
    store,
    reads: new SqliteReadStore(db, { collect: heapCollector() }),
    balances: new SqliteBalances(db),
    fairness: new SqliteFairnessReads(db),
    readRaw: async () => readRaw(db),
    floor: () => copyReadModels(db, file),
    close: async () => {
      await store.close();
      db.close();
    },
  };
};

/** The file's log copied into a fresh PostgreSQL schema (not timed), the read models kept there. */
const postgresStores = async (file: string): Promise<Stores> => {
  const source = new SqliteEventStore(openSqliteDatabase(file), { ownsDatabase: true });
  const { schema, pool, drop } = await benchSchema();
  const store = await PgEventStore.open(pool, { schema });
  await copyLog(source, store);
  await source.close();
  await pool.query('VACUUM ANALYZE');
  return {
    store,
    reads: await PgReadStore.open(pool, { schema, collect: heapCollector() }),
    balances: new PgBalances(pool, schema),
    fairness: new PgFairnessReads(pool, schema),
    readRaw: () => readRawPgLog(pool, schema, READ_BATCH),
    close: async () => {
      await store.close();
      await drop();
    },
  };
};

const measure = async (file: string, world: World): Promise<Figures> => {
  const stores = process.env.BENCH_MEASURE_STORE === 'postgres' ? await postgresStores(file) : sqliteStores(file);
  const { store, reads } = stores;
  // As the service's runner (ledger.module): the bulk fold's garbage collected as it goes.
  const runner = new ProjectionRunner(store, reads, ALL_PROJECTIONS, { collect: heapCollector() });
  await runner.init();

  await stores.readRaw(); // warms the page cache for both readers alike
  const loadBefore = loadavg()[0];
  let started = performance.now();
  let cpu = process.cpuUsage();
  const rows = await stores.readRaw();
  const baseline = { rows, seconds: (performance.now() - started) / 1000, cpu: cpuSeconds(cpu) };

  started = performance.now();
  cpu = process.cpuUsage();
  const { result: events, spent } = await spending(() => runner.rebuild());
  const rebuild = { events, seconds: (performance.now() - started) / 1000, cpu: cpuSeconds(cpu), spent };
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const load: [number, number] = [loadBefore, loadavg()[0]];

  // The generated log's clock runs to 2030: a cut in it must not be refused as ahead of the machine's clock.
  const clock = { now: () => new Date('2031-01-01T00:00:00.000Z') };
  const facts = new CooperationFacts(store, reads);
  const balances = new GetBalancesHandler(stores.balances, runner, store, clock, facts);
  const fairnessReads = stores.fairness;
  const report = new FairnessReportHandler(facts, fairnessReads, runner);
  const suggest = new SuggestLendersHandler(facts, fairnessReads, clock, runner);
  const partner = world.isils[1];
  const midYear = '2030-01-01T00:00:00.000Z';
  const agreement = world.agreements[0];

  const one = await balances.execute(new GetBalancesQuery({ partner }));
  const fairness = await report.execute(new FairnessReportQuery(agreement.agreementId, PERIOD.from, PERIOD.to));
  const suggestion = await suggest.execute(new SuggestLendersQuery(isbnOf('306', 1234), world.membersOf[0][3]));
  const queries = [
    { name: `balances of one partner (${partner})`, ...(await latency(RUNS, () => balances.execute(new GetBalancesQuery({ partner })))), note: `${one.balances.length} lines` },
    {
      name: 'balances of one partner as of an instant',
      ...(await latency(RUNS, () => balances.execute(new GetBalancesQuery({ partner }, { asOf: { instant: midYear } })))),
      note: `as of ${midYear}`,
    },
    {
      name: `fairness report, one agreement, ${PERIOD.from}..${PERIOD.to}`,
      ...(await latency(RUNS, () => report.execute(new FairnessReportQuery(agreement.agreementId, PERIOD.from, PERIOD.to)))),
      note: `${fairness.partners.length} partners, ${fairness.network.totals.loansLent} loans shipped`,
    },
    {
      name: `fairness report, one agreement, ${QUARTER.from}..${QUARTER.to}`,
      ...(await latency(RUNS, () => report.execute(new FairnessReportQuery(agreement.agreementId, QUARTER.from, QUARTER.to)))),
      note: 'a quarter inside the log',
    },
    {
      name: 'lender suggestion for one title',
      ...(await latency(RUNS, () => suggest.execute(new SuggestLendersQuery(isbnOf('306', 1234), world.membersOf[0][3])))),
      note: `${suggestion.suggestions.length} ranked, ${suggestion.excluded.length} left out`,
    },
  ];
  // After the queries and the peak RSS: the copy touches neither.
  const floor = stores.floor?.();
  await stores.close();
  return { readModels: ALL_PROJECTIONS.length, baseline, rebuild, maxRssMb, load, queries, fileMb: statSync(file).size / 1_048_576, floor };
};

// ---- printing -----------------------------------------------------------

const number = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const table = (header: string[], lines: string[][], numeric: ReadonlySet<number>) => {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]) =>
    cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  lines.forEach((line) => console.log(format(line)));
};

const print = (generated: Awaited<ReturnType<typeof generate>>, figures: Figures, store = `SQLite, synchronous=${SYNC}`) => {
  const { events, seconds, mix } = generated;
  const share = (count: number) => `${number(count)} (${((100 * count) / events).toFixed(1)}%)`;
  console.log(`\nlog: ${number(events)} events, ${PARTNERS} partners, ${AGREEMENTS} agreements, ${number(figures.fileMb, 1)} MB file`);
  console.log(
    `  mix: setup (partners, agreements, holdings) ${share(mix.setup)}, loans ${share(mix.loans)}, exchanges ${share(mix.exchanges)}, ` +
      `services ${share(mix.services)}, claims ${share(mix.claims)}`,
  );
  console.log(`  written through the EventStore port in ${seconds.toFixed(1)} s (${number(events / seconds)} events/s; an hour of simulated time per tick, what a stream does in it per append, synchronous=NORMAL)`);

  const rebuildRate = figures.rebuild.events / figures.rebuild.seconds;
  const rawRate = figures.baseline.rows / figures.baseline.seconds;
  console.log(
    `\nrebuild of all ${figures.readModels} read models (${store}; bulk path: reads of ${BULK_READ}, a write every ${number(BULK_COMMIT)} events or ${number(BULK_ROWS)} rows, ` +
      `${number(BULK_DOCUMENTS)} documents kept per read model; baseline reads of ${READ_BATCH})`,
  );
  const cpuRatio = figures.rebuild.cpu / figures.rebuild.events / (figures.baseline.cpu / figures.baseline.rows);
  table(
    ['measure', 'rows', 'seconds', 'per second', 'vs baseline', 'CPU s', 'CPU vs baseline'],
    [
      [
        'ProjectionRunner.rebuild()', number(figures.rebuild.events), figures.rebuild.seconds.toFixed(2), number(rebuildRate),
        (rebuildRate / rawRate).toFixed(3), figures.rebuild.cpu.toFixed(2), (1 / cpuRatio).toFixed(3),
      ],
      ['baseline: SELECT + JSON.parse', number(figures.baseline.rows), figures.baseline.seconds.toFixed(2), number(rawRate), '1.000', figures.baseline.cpu.toFixed(2), '1.000'],
      ...(figures.floor === undefined ? [] : [[
        `floor: ${figures.floor.tables} read-model tables copied by SQLite alone (${number(figures.floor.rows)} rows)`, number(figures.rebuild.events),
        figures.floor.seconds.toFixed(2), number(figures.rebuild.events / figures.floor.seconds), (figures.rebuild.events / figures.floor.seconds / rawRate).toFixed(3),
        figures.floor.cpu.toFixed(2), ((figures.baseline.cpu / figures.baseline.rows) / (figures.floor.cpu / figures.rebuild.events)).toFixed(3),
      ]]),
    ],
    new Set([1, 2, 3, 4, 5, 6]),
  );
  console.log('(vs baseline: rate over the baseline\'s rate, wall clock; CPU vs baseline: the same with CPU seconds per event, every thread counted)');
  if (figures.floor !== undefined) {
    // A rebuild reads and parses the log and writes at least the floor's rows: it can do no better than both together.
    const best = (baseline: number, floor: number, events: number) => (baseline / figures.baseline.rows) / (baseline / figures.baseline.rows + floor / events);
    console.log(
      `(floor: the read models' rows as the rebuild wrote them, copied table by table with INSERT … SELECT, indexes after, one transaction; no read, parse or fold. ` +
        `A rebuild that read and parsed the log and wrote no more than that would reach ${best(figures.baseline.seconds, figures.floor.seconds, figures.rebuild.events).toFixed(3)} ` +
        `of the baseline, CPU ${best(figures.baseline.cpu, figures.floor.cpu, figures.rebuild.events).toFixed(3)})`,
    );
  }
  const { mainCpu, scavenges, full } = figures.rebuild.spent;
  const pauses = `${(scavenges.seconds + full.seconds).toFixed(2)} s in the collector's pauses (${number(scavenges.count)} scavenges ${scavenges.seconds.toFixed(2)} s, ` +
    `${number(full.count)} full collections ${full.seconds.toFixed(2)} s)`;
  console.log(
    mainCpu === null
      ? `(the rebuild's main thread: ${pauses})`
      : `(the rebuild's CPU: ${mainCpu.toFixed(2)} s on the main thread, ${pauses} of it; ${(figures.rebuild.cpu - mainCpu).toFixed(2)} s on the process's other threads, ` +
          `V8's helpers collecting beside it and, on SQLite, the WAL checkpoint worker)`,
  );
  console.log(`peak RSS of the measuring process (rebuild + queries): ${number(figures.maxRssMb)} MB`);
  console.log(`load average (1 min): ${figures.load[0].toFixed(2)} before the baseline, ${figures.load[1].toFixed(2)} after the rebuild (2 cores here)`);

  console.log(`\nquery latency through the query handlers, ${RUNS} runs each after 5 warm-up runs (ms)`);
  table(
    ['query', 'median', 'p95', ''],
    figures.queries.map((q) => [q.name, q.median.toFixed(2), q.p95.toFixed(2), q.note]),
    new Set([1, 2]),
  );
};

const main = async () => {
  if (process.env.BENCH_PHASE === 'measure') {
    const { file, world } = JSON.parse(readFileSync(process.env.BENCH_INPUT!, 'utf8')) as { file: string; world: World };
    const figures = await measure(process.env.BENCH_FILE ?? file, world);
    // Run by hand (for a profile: BENCH_PHASE=measure BENCH_INPUT=<kept dir>/world.json node --cpu-prof …): the figures are printed.
    if (process.send) process.send(figures);
    else console.log(JSON.stringify(figures, null, 2));
    return;
  }
  if (!Number.isSafeInteger(EVENTS) || EVENTS < 10_000) throw new RangeError('BENCH_EVENTS must be an integer >= 10000');
  if (SYNC !== 'FULL' && SYNC !== 'NORMAL') throw new RangeError('BENCH_SYNC must be FULL or NORMAL');
  // BENCH_LOG_DIR: a directory an earlier run kept (BENCH_KEEP=1): its log is measured again instead of writing a new one.
  const reused = process.env.BENCH_LOG_DIR;
  const directory = reused ?? mkdtempSync(join(tmpdir(), 'ledger-bench-rebuild-'));
  try {
    const file = join(directory, 'ledger.db');
    const input = join(directory, 'world.json');
    let generated: Awaited<ReturnType<typeof generate>>;
    if (reused) {
      const kept = JSON.parse(readFileSync(input, 'utf8')) as { world: World; generated?: Omit<typeof generated, 'world'> };
      if (kept.generated === undefined) throw new Error(`${input} was kept by an older bench: it does not say how its log was written`);
      generated = { ...kept.generated, world: kept.world };
      console.log(`node ${process.version}; measuring the log of ${number(generated.events)} events kept in ${directory}…`);
    } else {
      console.log(`node ${process.version}; generating ${number(EVENTS)} events…`);
      generated = await generate(file);
      console.log(`generated ${number(generated.events)} events in ${generated.seconds.toFixed(1)} s; rebuilding and querying in a fresh process…`);
      const { world, ...written } = generated;
      writeFileSync(input, JSON.stringify({ file, world, generated: written }));
    }
    const measureOn = (store: 'sqlite' | 'postgres') =>
      new Promise<Figures>((resolve, reject) => {
        const child = fork(__filename, [], { env: { ...process.env, BENCH_PHASE: 'measure', BENCH_INPUT: input, BENCH_MEASURE_STORE: store, BENCH_FILE: file } });
        child.once('message', (message) => resolve(message as Figures));
        child.once('error', reject);
        child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the measuring process exited with ${code}`))));
      });
    print(generated, await measureOn('sqlite'));
    if (BENCH_ON_POSTGRES) {
      console.log('\n==== PostgreSQL: the same log copied (same positions) into a fresh schema, read models there ====');
      print(generated, await measureOn('postgres'), 'PostgreSQL, baseline: SELECT + JSON.parse of its events table');
    }
  } finally {
    if (process.env.BENCH_KEEP || reused) console.log(`kept ${directory} (BENCH_LOG_DIR=${directory} measures it again)`);
    else rmSync(directory, { recursive: true, force: true });
  }
};

// The audit bench reuses the generator without running this one.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
