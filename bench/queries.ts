/**
 * Balance queries at 1,000,000 postings: the running totals the postings
 * carry (SqliteBalances) beside the SQL sums over the postings they replaced
 * (SqliteBalanceSums), on the same data in the same run. Prints figures; it
 * asserts nothing, except that both ways give the same answer.
 *
 *   npm run bench:queries
 *   BENCH_POSTINGS=200000 BENCH_FACT_EVENTS=200000 BENCH_RUNS=50 npm run bench:queries
 *   BENCH_RUNS=50 BENCH_BASELINE_RUNS=3 npm run bench:queries
 *   BENCH_STORE=postgres …   then the same postings and facts folded through
 *     PgReadStore.commit into a fresh PostgreSQL schema (bench/postgres.ts),
 *     and the same queries there: the running totals (PgBalances) beside
 *     the sums over the postings (PgBalanceSums), and PgFairnessReads, each
 *     answer checked against SQLite's, printed beside SQLite's figures
 *
 * The postings are folded through the read store's commit, as the projection
 * runner folds them (batches of PROJECTION_BATCH events), so the cost of
 * carrying the running totals is printed too. One partner (the hub) is on one
 * side of every posting; the other side is one of the spokes.
 *
 * Then the fairness report's counts (FairnessReads.periodCounts) over
 * 1,000,000 loan events, for one agreement of five over the whole year and
 * over its third quarter, from the tallies the facts carry
 * (SqliteFairnessReads) beside the matching of requests to shipments when
 * asked (FactsFairnessReads over the same file),
 * given the covering index it was measured with before the tallies; alone
 * and with the domain's per-partner lines (partnerFairness: the turnaround
 * median and p90 from the histograms). Both must give the same counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { postingsProjection } from '../src/application/ledger/postings.projection';
import type { BalanceCut, BalancesQueries } from '../src/application/ports/balances.port';
import type { RecordedEvent } from '../src/application/ports/event-store.port';
import { PROJECTION_BATCH } from '../src/application/projections/projection-runner';
import { fairnessFactsProjection } from '../src/application/fairness/fairness-facts.projection';
import type { FairnessReads, Period } from '../src/application/fairness/fairness-reads.port';
import { SqliteFairnessReads, sqliteFactRows } from '../src/infrastructure/read-store/sqlite-fairness';
import { FactsFairnessReads } from '../src/infrastructure/read-store/fairness-gathering';
import { partnerFairness } from '../src/domain/ledger';
import { openSqliteDatabase } from '../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteBalanceSums } from '../src/infrastructure/read-store/sqlite-balance-sums';
import { SqliteBalances } from '../src/infrastructure/read-store/sqlite-balances';
import { SqliteReadStore } from '../src/infrastructure/read-store/sqlite-read-store';
import type { ReadStore } from '../src/application/ports/read-store.port';
import { PgBalanceSums } from '../src/infrastructure/read-store/postgres/pg-balance-sums';
import { PgBalances } from '../src/infrastructure/read-store/postgres/pg-balances';
import { PgFairnessReads, pgFactRows } from '../src/infrastructure/read-store/postgres/pg-fairness';
import { PgReadStore } from '../src/infrastructure/read-store/postgres/pg-read-store';
import { BENCH_ON_POSTGRES, benchSchema } from './postgres';

const POSTINGS = Number(process.env.BENCH_POSTINGS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
/** The baselines take seconds each at 1,000,000 postings: fewer runs of them keep the bench within minutes. */
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? RUNS);
const FACT_EVENTS = Number(process.env.BENCH_FACT_EVENTS ?? 1_000_000);
const FAIRNESS_PARTNERS = 200;
const FAIRNESS_AGREEMENTS = 5;
const SPOKES = 50;
const HUB = 'ID-JKPNRI';
const START = Date.parse('2029-07-01T00:00:00.000Z');
const YEAR_MS = 365 * 86_400_000;

/** mulberry32: the same ledger every run, and in both stores (reseeded before each store's pass). */
const seeded = (from: number) => {
  let seed = from;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
const SEED = 0x11b;
let random = seeded(SEED);
const spokeOf = (i: number) => `DE-S${String(i).padStart(3, '0')}`;
const SPOKE_LIST = Array.from({ length: SPOKES }, (_, i) => spokeOf(i));

/**
 * One event of each posting kind in turn, the hub on one side: a loan with a
 * fee posts twice (loan and money), the others once. Recorded times follow
 * the log over a year, as the store stamps them.
 */
const eventAt = (position: number, total: number): RecordedEvent => {
  const spoke = SPOKE_LIST[Math.floor(random() * SPOKES)];
  const [a, b] = random() < 0.5 ? [HUB, spoke] : [spoke, HUB];
  const recordedAt = new Date(START + Math.floor((position / total) * YEAR_MS)).toISOString();
  const agreementId = `agreement-${position % 5}`;
  const kind = position % 4;
  const [type, data] =
    kind === 0
      ? ['LoanShipped', { loanId: `l${position}`, lender: a, borrower: b, agreementId, shippedAt: recordedAt, dueOn: '2030-08-01', fee: { amount: `${1 + (position % 7)}.25`, currency: 'EUR' } }]
      : kind === 1
        ? ['ExchangeItemsDispatched', { exchangeId: `x${position}`, agreementId, sender: a, receiver: b, itemCount: 1 + (position % 3) }]
        : kind === 2
          ? ['ServiceRendered', { serviceId: `s${position}`, agreementId, provider: a, recipient: b, kind: 'cataloguing', units: 2.5, unit: 'records' }]
          : ['RotationBatchReceived', { rotationId: `r${position}`, agreementId, owner: a, host: b, itemCount: 4 }];
  return {
    eventId: `e${position}`, type, streamId: 's', streamVersion: 1, position: String(position), data,
    metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt }, prevHash: '', hash: '',
  } as RecordedEvent;
};

/**
 * Folds events until the postings reach POSTINGS; returns the last position,
 * the postings, the seconds and the process's CPU seconds (steadier than the
 * wall clock on a shared machine, where the fold also waits for the disk).
 */
const build = async (store: ReadStore): Promise<{ head: number; postings: number; seconds: number; cpuSeconds: number }> => {
  await store.prepare(postingsProjection);
  const events = Math.ceil(POSTINGS / 1.25);
  let postings = 0;
  let position = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (postings < POSTINGS) {
    const rows = [];
    for (let i = 0; i < PROJECTION_BATCH && postings < POSTINGS; i++) {
      const made = postingsProjection.rowsOf(eventAt(++position, events));
      postings += made.length;
      rows.push(...made);
    }
    await store.commit([{ projection: postingsProjection, rows, checkpoint: String(position) }]);
  }
  const { user, system } = process.cpuUsage(cpu);
  return { head: position, postings, seconds: (performance.now() - started) / 1000, cpuSeconds: (user + system) / 1e6 };
};

const MINUTE = 60_000;

/**
 * Loans of five agreements over a year: each requested, accepted an hour
 * later and shipped 2 to 72 hours after the request, so the log interleaves
 * them in time order as a store would stamp them. Events are sorted by a key
 * packing (minute, loan, step) into one number.
 */
const loanEvents = (count: number): Float64Array => {
  const loans = Math.ceil(count / 3);
  const spacing = Math.max(1, Math.floor((YEAR_MS / MINUTE - 72 * 60) / loans));
  const keys = new Float64Array(loans * 3);
  for (let n = 0; n < loans; n++) {
    const at = n * spacing;
    const lags = [0, 60, 120 + Math.floor(random() * 70 * 60)];
    lags.forEach((lag, step) => (keys[n * 3 + step] = ((at + lag) * 2 ** 20 + n) * 4 + step));
  }
  return keys.sort().subarray(0, count);
};

const factEvent = (key: number, position: number): RecordedEvent => {
  const step = key % 4;
  const n = Math.floor(key / 4) % 2 ** 20;
  const minute = Math.floor(key / 4 / 2 ** 20);
  const lender = `FR-P${String(n % FAIRNESS_PARTNERS).padStart(3, '0')}`;
  const borrower = `FR-P${String((n * 7 + 1) % FAIRNESS_PARTNERS).padStart(3, '0')}`;
  const recordedAt = new Date(START + minute * MINUTE).toISOString();
  const type = ['LoanRequested', 'LoanAccepted', 'LoanShipped'][step];
  const data = { loanId: `loan-${n}`, lender, borrower, agreementId: `agreement-${n % FAIRNESS_AGREEMENTS}` };
  return {
    eventId: `f${position}`, type, streamId: `loan-${n}`, streamVersion: step + 1, position: String(position), data,
    metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt }, prevHash: '', hash: '',
  } as RecordedEvent;
};

const buildFacts = async (store: ReadStore): Promise<{ events: number; seconds: number; cpuSeconds: number }> => {
  await store.prepare(fairnessFactsProjection);
  const keys = loanEvents(FACT_EVENTS);
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let from = 0; from < keys.length; from += PROJECTION_BATCH) {
    const rows = [];
    const end = Math.min(keys.length, from + PROJECTION_BATCH);
    for (let i = from; i < end; i++) rows.push(...fairnessFactsProjection.rowsOf(factEvent(keys[i], i + 1)));
    await store.commit([{ projection: fairnessFactsProjection, rows, checkpoint: String(end) }]);
  }
  const { user, system } = process.cpuUsage(cpu);
  return { events: keys.length, seconds: (performance.now() - started) / 1000, cpuSeconds: (user + system) / 1e6 };
};

type Figure = { median: number; p99: number };

const latency = async (runs: number, work: () => Promise<unknown>): Promise<Figure> => {
  for (let i = 0; i < 3; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  return { median: times[Math.floor((runs - 1) / 2)], p99: times[Math.ceil(0.99 * runs) - 1] };
};

type Query = { name: string; ask: (ledger: BalancesQueries, cut: BalanceCut) => Promise<unknown> };

const QUERIES: Query[] = [
  { name: `one partner, the hub (${HUB})`, ask: (l, cut) => l.balances({ partner: HUB }, cut) },
  { name: 'one partner, a spoke', ask: (l, cut) => l.balances({ partner: spokeOf(7) }, cut) },
  { name: 'one pair (hub, spoke)', ask: (l, cut) => l.balances({ partner: HUB, counterparty: spokeOf(7) }, cut) },
  { name: 'every partner', ask: (l, cut) => l.balances({}, cut) },
  { name: 'every partner with the hub', ask: (l, cut) => l.balances({ counterparty: HUB }, cut) },
  { name: 'trial balance', ask: (l, cut) => l.trialBalance(cut) },
  { name: 'pair flows, loans (dashboard matrix)', ask: (l, cut) => l.pairFlows('loan', cut) },
];

/** An answer and its latency on SQLite, kept to set the PostgreSQL figures beside. */
type Measured = { answer: string; baseline: Figure; carried: Figure };

const cutsOf = (head: number): Array<[string, BalanceCut]> => [
  ['now', { position: String(head) }],
  ['as of a position', { position: String(Math.floor(head / 2)) }],
  ['as of an instant', { instant: new Date(START + YEAR_MS / 2 + 1234).toISOString() }],
];

const DAY_MS = 86_400_000;
/** Whole UTC days, as the report asks: the year the loans span, and its third quarter (two cuts inside the log). */
const FAIRNESS_PERIODS: Array<[string, Period]> = [
  ['a year', { from: new Date(START).toISOString(), to: new Date(START + 365 * DAY_MS).toISOString() }],
  ['a quarter', { from: new Date(START + 184 * DAY_MS).toISOString(), to: new Date(START + 276 * DAY_MS).toISOString() }],
];
const askCounts = (reads: FairnessReads, period: Period) => reads.periodCounts('agreement-0', period);
/** JSON with every object's keys in order (exact integers as their digits), so two answers compare by what they hold. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, inner]) => [key, canonical(inner)]))
      : typeof value === 'bigint'
        ? value.toString()
        : value;
/** The counts, partners in ISIL order. */
const sortedCounts = async (reads: FairnessReads, period: Period) =>
  JSON.stringify(canonical([...(await askCounts(reads, period))].sort(([a], [b]) => (a < b ? -1 : 1))));

/** The first partner whose counts differ between two answers of sortedCounts. */
const firstDifference = (a: string, b: string): string => {
  const [left, right] = [JSON.parse(a) as unknown[], JSON.parse(b) as unknown[]];
  const at = left.findIndex((line, i) => JSON.stringify(line) !== JSON.stringify(right[i]));
  return `${JSON.stringify(left[at])}\n${JSON.stringify(right[at])}`;
};

/** The machine is shared: the load average says how far to trust a figure. */
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');

/** The index the matching of requests to shipments was measured with before the tallies (fairness-facts.projection version 3). */
const MATCHING_INDEX = `CREATE INDEX IF NOT EXISTS bench_matching ON rm_${fairnessFactsProjection.name}
  (agreement_id, kind, party, recorded_at, recorded_ms, requested_ms, requested, counterparty, subject, detail, units)`;

const main = async () => {
  if (!Number.isSafeInteger(POSTINGS) || POSTINGS < 1000) throw new RangeError('BENCH_POSTINGS must be an integer >= 1000');
  const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-queries-'));
  try {
    const db = openSqliteDatabase(join(directory, 'ledger.db'), { synchronous: 'NORMAL' });
    console.log(`load average at the start: ${load()}`);
    console.log(`node ${process.version}; folding ${POSTINGS.toLocaleString('en-US')} postings (hub ${HUB} on one side of each, ${SPOKES} spokes, 5 units)…`);
    const built = await build(new SqliteReadStore(db));
    console.log(
      `folded ${built.postings.toLocaleString('en-US')} postings of ${built.head.toLocaleString('en-US')} events through SqliteReadStore.commit ` +
        `in ${built.seconds.toFixed(1)} s (${Math.round(built.postings / built.seconds).toLocaleString('en-US')} postings/s, running totals carried; ` +
        `${built.cpuSeconds.toFixed(1)} s of CPU, ${Math.round(built.postings / built.cpuSeconds).toLocaleString('en-US')} postings per CPU second)`,
    );
    const running = new SqliteBalances(db);
    const sums = new SqliteBalanceSums(db);
    const lines: string[][] = [];
    const sqlite = new Map<string, Measured>();
    for (const query of QUERIES) {
      for (const [when, cut] of cutsOf(built.head)) {
        const [fast, slow] = [await query.ask(running, cut), await query.ask(sums, cut)];
        if (JSON.stringify(fast) !== JSON.stringify(slow)) throw new Error(`${query.name} ${when}: the two ways differ`);
        const baseline = await latency(BASELINE_RUNS, () => query.ask(sums, cut));
        const carried = await latency(RUNS, () => query.ask(running, cut));
        sqlite.set(`${query.name}, ${when}`, { answer: JSON.stringify(fast), baseline, carried });
        lines.push([`${query.name}, ${when}`, baseline.median.toFixed(3), baseline.p99.toFixed(3), carried.median.toFixed(3), carried.p99.toFixed(3), (baseline.median / carried.median).toFixed(0)]);
      }
    }
    console.log(`\nload average after the balance queries: ${load()}`);
    console.log(`latency in ms, ${RUNS} runs each (the sums ${BASELINE_RUNS}) after 3 warm-up runs; baseline: the SQL sums over the postings (same data, same run)`);
    table(['query', 'sums median', 'sums p99', 'running median', 'running p99', 'speed-up'], lines);
    db.close();
    const facts = await fairness(directory);
    if (BENCH_ON_POSTGRES) await onPostgres(sqlite, facts);
    console.log(`\nload average at the end: ${load()}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

const fairness = async (directory: string) => {
  const db = openSqliteDatabase(join(directory, 'facts.db'), { synchronous: 'NORMAL' });
  console.log(`\nfolding ${FACT_EVENTS.toLocaleString('en-US')} loan events (${FAIRNESS_AGREEMENTS} agreements, ${FAIRNESS_PARTNERS} partners) into the fairness facts…`);
  const built = await buildFacts(new SqliteReadStore(db));
  console.log(`folded ${built.events.toLocaleString('en-US')} events in ${built.seconds.toFixed(1)} s (${Math.round(built.events / built.seconds).toLocaleString('en-US')} events/s, ${built.cpuSeconds.toFixed(1)} s of CPU, tallies carried)`);
  const indexed = performance.now();
  db.exec(MATCHING_INDEX);
  console.log(`(the matching's covering index built in ${((performance.now() - indexed) / 1000).toFixed(1)} s, untimed)`);
  /** What the report makes of the counts: each partner's line, its turnaround median and p90 among them. */
  const report = async (reads: FairnessReads, period: Period) =>
    [...(await askCounts(reads, period))].map(([isil, counts]) => partnerFairness({ isil, ...counts, holdings: 0 }, 1));
  const [carried, matched] = [new SqliteFairnessReads(db), new FactsFairnessReads(sqliteFactRows(db))];
  const lines: string[][] = [];
  const measured = new Map<string, Measured>();
  for (const [when, period] of FAIRNESS_PERIODS) {
    const answer = await sortedCounts(carried, period);
    const expected = await sortedCounts(matched, period);
    if (answer !== expected) throw new Error(`the fairness counts over ${when} differ:\n${firstDifference(answer, expected)}`);
    const loans = [...(await askCounts(carried, period)).values()].reduce((sum, counts) => sum + counts.loansLent, 0);
    for (const [name, work] of [['periodCounts', askCounts], ['periodCounts + partnerFairness', report]] as const) {
      const baseline = await latency(BASELINE_RUNS, () => work(matched, period));
      const now = await latency(RUNS, () => work(carried, period));
      measured.set(`${name}, ${when}`, { answer, baseline, carried: now });
      lines.push([`${name}, ${when} (${loans.toLocaleString('en-US')} loans shipped)`, baseline.median.toFixed(3), baseline.p99.toFixed(3), now.median.toFixed(3), now.p99.toFixed(3), (baseline.median / now.median).toFixed(1)]);
    }
  }
  console.log(`\nfairness report counts, agreement-0, ms, ${RUNS} runs (matching ${BASELINE_RUNS}) after 3 warm-up runs`);
  table(['query', 'matching median', 'matching p99', 'tallies median', 'tallies p99', 'speed-up'], lines);
  db.close();
  return measured;
};

/**
 * The same postings and loan events (the generator reseeded) folded through
 * PgReadStore.commit into a fresh schema, and the same queries on PgBalances
 * beside PgBalanceSums, and on PgFairnessReads, each answer checked against SQLite's.
 */
const onPostgres = async (sqlite: ReadonlyMap<string, Measured>, facts: ReadonlyMap<string, Measured>) => {
  random = seeded(SEED);
  const { schema, pool, drop } = await benchSchema();
  try {
    const store = await PgReadStore.open(pool, { schema });
    console.log(`\nPostgreSQL: folding the same ${POSTINGS.toLocaleString('en-US')} postings into schema ${schema}…`);
    const built = await build(store);
    console.log(`folded ${built.postings.toLocaleString('en-US')} postings through PgReadStore.commit in ${built.seconds.toFixed(1)} s (${Math.round(built.postings / built.seconds).toLocaleString('en-US')} postings/s)`);
    await pool.query(`VACUUM ANALYZE "${schema}"."rm_${postingsProjection.name}"`);
    const balances = new PgBalances(pool, schema);
    const sums = new PgBalanceSums(pool, schema);
    const lines: string[][] = [];
    for (const query of QUERIES) {
      for (const [when, cut] of cutsOf(built.head)) {
        const name = `${query.name}, ${when}`;
        const there = sqlite.get(name)!;
        for (const way of [balances, sums]) {
          if (JSON.stringify(await query.ask(way, cut)) !== there.answer) throw new Error(`${name}: PostgreSQL (${way.constructor.name}) and SQLite differ`);
        }
        const baseline = await latency(BASELINE_RUNS, () => query.ask(sums, cut));
        const figure = await latency(RUNS, () => query.ask(balances, cut));
        lines.push([
          name,
          baseline.median.toFixed(3),
          figure.median.toFixed(3),
          figure.p99.toFixed(3),
          (baseline.median / figure.median).toFixed(1),
          there.carried.median.toFixed(3),
        ]);
      }
    }
    console.log(`\nPostgreSQL balances, ms: SQL sums over the postings (PgBalanceSums, ${BASELINE_RUNS} runs) beside the running totals (PgBalances, ${RUNS} runs), after 3 warm-up runs, and SQLite's running median of the same run`);
    table(['query', 'PG sums median', 'PG running median', 'PG running p99', 'speed-up', 'SQLite running median'], lines);

    console.log(`\nPostgreSQL: folding the same ${FACT_EVENTS.toLocaleString('en-US')} loan events into the fairness facts…`);
    const folded = await buildFacts(store);
    console.log(`folded ${folded.events.toLocaleString('en-US')} events in ${folded.seconds.toFixed(1)} s (${Math.round(folded.events / folded.seconds).toLocaleString('en-US')} events/s)`);
    await pool.query(`VACUUM ANALYZE "${schema}"."rm_${fairnessFactsProjection.name}"`);
    const reads = new PgFairnessReads(pool, schema);
    const matched = new FactsFairnessReads(pgFactRows(pool, schema));
    const counted: string[][] = [];
    for (const [when, period] of FAIRNESS_PERIODS) {
      const there = facts.get(`periodCounts, ${when}`)!;
      for (const way of [reads, matched]) {
        if ((await sortedCounts(way, period)) !== there.answer) throw new Error(`the fairness counts over ${when} differ between PostgreSQL and SQLite`);
      }
      const baseline = await latency(BASELINE_RUNS, () => askCounts(matched, period));
      const figure = await latency(RUNS, () => askCounts(reads, period));
      counted.push([`periodCounts, ${when}`, baseline.median.toFixed(3), figure.median.toFixed(3), figure.p99.toFixed(3), (baseline.median / figure.median).toFixed(1), there.carried.median.toFixed(3)]);
    }
    console.log(`\nPostgreSQL fairness report counts, agreement-0, ms: the matching when asked (${BASELINE_RUNS} runs) beside the carried tallies (PgFairnessReads, ${RUNS} runs), and SQLite's tallies median of the same run`);
    table(['query', 'PG matching median', 'PG tallies median', 'PG tallies p99', 'speed-up', 'SQLite tallies median'], counted);
  } finally {
    await drop();
  }
};

const table = (header: string[], lines: string[][]) => {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  lines.forEach((line) => console.log(format(line)));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
