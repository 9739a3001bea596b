/**
 * The cost of a holdings command as the library's holdings grow: 101 loads
 * of 10,000 titles each through the command loop (handleCommand with the
 * holdings decider, on SQLite), timing the 1st and the 101st. Beside them, in
 * the same run, what the 101st would have paid first before issue 8: reading
 * and folding the whole `holdings-{ISIL}` stream. Prints figures; it asserts nothing.
 *
 *   npm run bench:holdings
 *   BENCH_LOADS=51 BENCH_TITLES=5000 npm run bench:holdings
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { handleCommand } from '../src/application/commands/handle-command';
import { streams } from '../src/application/cooperation/streams';
import { systemClock } from '../src/application/ports/clock.port';
import { freshIds } from '../src/application/ports/ids.port';
import { holdingsDecider, type HoldingItem, type HoldingsCommand } from '../src/domain/holdings';
import { openSqliteDatabase } from '../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';

const LOADS = Number(process.env.BENCH_LOADS ?? 101);
const TITLES = Number(process.env.BENCH_TITLES ?? 10_000);
const ISIL = 'ID-JKPNRI';
const actor = { role: 'librarian' as const, library: ISIL };
const context = { actor, correlationId: 'bench', causationId: 'bench' };

/** `count` distinct titles of the size libraries send, numbered from `from`. */
const titles = (count: number, from: number): HoldingItem[] =>
  Array.from({ length: count }, (_, i) => ({
    isbn13: `979${String(from + i).padStart(10, '0')}`,
    title: `Collected works, volume ${from + i}`,
    author: 'Pramoedya Ananta Toer',
    year: 1980,
    subjects: ['899.221'],
  }));

const ms = (started: number) => performance.now() - started;

const main = async () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-holdings-'));
  const store = new SqliteEventStore(openSqliteDatabase(join(directory, 'ledger.db')), { ownsDatabase: true });
  const deps = { store, clock: systemClock, ids: freshIds };
  const streamId = streams.holdings(ISIL);
  const load = async (n: number): Promise<number> => {
    const items = titles(TITLES, n * TITLES);
    const started = performance.now();
    await handleCommand(deps, streamId, holdingsDecider, (now): HoldingsCommand => ({ type: 'RegisterHoldings', data: { isil: ISIL, items }, metadata: { now, actor } }), context);
    return ms(started);
  };
  try {
    const times: number[] = [];
    for (let n = 0; n < LOADS; n += 1) times.push(await load(n));

    // What every command paid before it could decide, before issue 8: the whole stream, read and folded.
    const started = performance.now();
    const history = await store.readStream(streamId);
    const held = new Set(history.flatMap((event) => (event.data as { items: HoldingItem[] }).items.map((item) => item.isbn13)));
    const wholeStream = ms(started);

    const [first, last] = [times[0], times[times.length - 1]];
    const median = (some: number[]) => [...some].sort((a, b) => a - b)[Math.floor(some.length / 2)];
    console.log(`holdings: ${LOADS} loads of ${TITLES.toLocaleString('en')} titles into ${streamId} (${held.size.toLocaleString('en')} titles held at the end)`);
    console.log(`  load 1:               ${first.toFixed(1)} ms`);
    console.log(`  load ${LOADS}:             ${last.toFixed(1)} ms   (${(last / first).toFixed(2)} x load 1)`);
    // Single loads swing with whatever else the machine does; the medians of the first and last five are steadier.
    console.log(`  median of loads 1-5:  ${median(times.slice(0, 5)).toFixed(1)} ms`);
    console.log(`  median of the last 5: ${median(times.slice(-5)).toFixed(1)} ms   (${(median(times.slice(-5)) / median(times.slice(0, 5))).toFixed(2)} x the first 5)`);
    console.log(`  baseline, same run: reading and folding the whole stream (${history.length} events), as each command did before: ${wholeStream.toFixed(1)} ms`);
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
};

void main();
