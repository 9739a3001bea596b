/**
 * The union catalogue's searches as the catalogue grows (a SQLite file;
 * with BENCH_STORE=postgres a fresh PostgreSQL schema, bench/postgres.ts),
 * each the first page of 50 titles newest first.
 *
 * - Words that a third of the titles hold, 5,000, one more than SQLite
 *   reads through its word index (matchesRead for a page of 50), that
 *   many, 100 and 10 of them, none, and two words 10,000 titles each hold
 *   but only 50 both. Timed with the word index of the titles
 *   (DocumentProjection.searched), then, in the same run on the same
 *   titles, without it (a store that reads down the titles, as every
 *   search did before): the baseline.
 * - The new acquisitions since an instant after the last, and before the
 *   newest 10, 1,000, tenth and all: through the store, and by the
 *   statement it ran before it looked a few up in the index of the
 *   acquisitions (SQLite), the baseline.
 * - First, what the word index costs the catalogue's fold: commits of
 *   10,000 new titles (a holdings event of that many) and of a second
 *   holder for 10,000 titles, into a fresh catalogue with the index and
 *   into one without.
 *
 * Prints figures; it asserts nothing.
 *
 *   npm run bench:search
 *   BENCH_TITLES=200000,1000000 BENCH_RUNS=20 npm run bench:search
 *   BENCH_STORE=postgres npm run bench:search
 */
import { performance } from 'node:perf_hooks';
import { catalogProjection as catalogModel } from '../src/application/holdings/catalog.projection';
import type { ReadStore } from '../src/application/ports/read-store.port';
import type { DocumentProjection, Projection } from '../src/application/projections/projection';
import { matchesRead } from '../src/infrastructure/read-store/sqlite-read-store';
import { BENCH_ON_POSTGRES } from './postgres';
import { benchReadStore, median, timeList, type BenchReadStore } from './read-store-bench';

// The store takes any read model, as the runner does, whatever its document type.
const catalogProjection = catalogModel as Projection as DocumentProjection;
const unsearched: DocumentProjection = { ...catalogProjection, searched: undefined };

const SIZES = (process.env.BENCH_TITLES ?? '200000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const COMMIT = 10_000;

/** Made-up words of syllables without q, x nor z, so that the planted words below (each with one of them) match only where planted. */
const SYLLABLES = ['ba', 'ka', 'ri', 'tu', 'ma', 'ne', 'so', 'lo', 'pi', 'de', 'wa', 'gu', 'ha', 'ye', 'ro', 'ti', 'mu', 'sa', 'ng', 'an'];
let seed = 7;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const VOCABULARY = Array.from({ length: 20_000 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(''));

/** Whether title i of n is one of `count` spread evenly over the catalogue, from `offset` on. */
const spread = (i: number, n: number, count: number, offset = 0) => {
  const k = (i + offset) % n;
  return Math.floor(((k + 1) * count) / n) > Math.floor((k * count) / n);
};

const PLANTED: ReadonlyArray<[string, (n: number) => number]> = [
  ['pustakaq', (n) => Math.floor(n / 3)],
  ['xylograph', () => 5_000],
  ['quixote', (n) => matchesRead(n, 50) + 1],
  ['qasida', (n) => matchesRead(n, 50)],
  ['xenia', () => 100],
  ['oxford', () => 10],
  ['quarto', () => 10_000],
];

/** Title i of n: three to six made-up words, the planted ones where they fall, and "codex" in 10,000 of which 50 are quartos. */
const titleOf = (i: number, n: number) => {
  const words = Array.from({ length: 3 + (i % 4) }, (_, w) => VOCABULARY[(i * 7919 + w * 104_729) % VOCABULARY.length]);
  for (const [p, [word, count]] of PLANTED.entries()) if (spread(i, n, count(n), p * 997)) words.splice(1 + (p % 2), 0, word);
  const quarto = spread(i, n, 10_000, 6 * 997);
  if (quarto ? spread(i, n, 50, 6 * 997) : spread(i, n, 9_950, 3)) words.push('codex');
  return words.join(' ');
};

const searches = (n: number): ReadonlyArray<[string, string[]]> => [
  ['a third of the titles', ['pustakaq']],
  ['5,000 titles', ['xylograph']],
  [`${(matchesRead(n, 50) + 1).toLocaleString('en')} titles`, ['quixote']],
  [`${matchesRead(n, 50).toLocaleString('en')} titles`, ['qasida']],
  ['100 titles', ['xenia']],
  ['10 titles', ['oxford']],
  ['no title', ['zanzibar']],
  ['two words, 50 of 10,000 each', ['quarto', 'codex']],
];

/** When title i was acquired: a minute after title i - 1. */
const acquiredAt = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString();

/** New acquisitions since an instant: after the last title's (none), and before the last 10, 1,000, tenth, and all. */
const SINCE: ReadonlyArray<[string, (n: number) => number]> = [
  ['none (since after the last)', (n) => n + 10],
  ['the newest 10', (n) => n - 10],
  ['the newest 1,000', (n) => n - 1_000],
  ['the newest tenth', (n) => n - n / 10],
  ['every title', () => 0],
];

/** Titles from..from+count of a catalogue of `size`, ten to a position, held by one library or, `again`, by a second one too. */
const titles = (from: number, count: number, size: number, again = false) =>
  Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const isbn = String(9_780_000_000_000 + i);
    const at = acquiredAt(i);
    const holders = [{ isil: `DE-${i % 97}`, registeredAt: at }, ...(again ? [{ isil: 'DE-LATE', registeredAt: '2030-01-01T00:00:00.000Z' }] : [])];
    const doc = { isbn, title: titleOf(i, size), holders, firstRegisteredAt: at, lastAcquiredAt: holders[holders.length - 1].registeredAt };
    return { id: isbn, doc, position: String(Math.floor(i / 10) + 1) };
  });

const FOLDS = 5;

/** The median commit of 10,000 new titles, then of 10,000 of them held again, into a fresh catalogue of the given read model. */
const timeFolds = async (projection: DocumentProjection): Promise<{ added: number; held: number }> => {
  const { store, close } = await benchReadStore('search');
  try {
    await store.prepare(projection);
    const commit = async (upserts: ReturnType<typeof titles>, checkpoint: number) => {
      const started = performance.now();
      await store.commit([{ projection, upserts, deletes: [], checkpoint: String(checkpoint) }]);
      return performance.now() - started;
    };
    const added: number[] = [];
    const held: number[] = [];
    for (let fold = 0; fold < FOLDS; fold++) added.push(await commit(titles(fold * COMMIT, COMMIT, FOLDS * COMMIT), (fold + 1) * 1_000));
    for (let fold = 0; fold < FOLDS; fold++) held.push(await commit(titles(fold * COMMIT, COMMIT, FOLDS * COMMIT, true), (FOLDS + fold + 1) * 1_000));
    return { added: median(added), held: median(held) };
  } finally {
    await close();
  }
};

const timeSearches = async (store: ReadStore, size: number): Promise<Array<{ ms: number; found: number }>> => {
  const figures: Array<{ ms: number; found: number }> = [];
  for (const [, words] of searches(size)) figures.push(await timeList(store, catalogProjection.name, { where: {}, words: { field: 'title', words }, limit: 50 }, RUNS));
  return figures;
};

/**
 * The new acquisitions since each instant of SINCE: the first page through the store, and by the statement the store
 * ran before it looked the few up in the index of the acquisitions (on PostgreSQL, the one it still runs).
 */
const timeSince = async ({ store, sqlite, postgres }: BenchReadStore, size: number): Promise<Array<{ ms: number; before: number; found: number }>> => {
  const figures: Array<{ ms: number; before: number; found: number }> = [];
  for (const [, at] of SINCE) {
    const since = acquiredAt(at(size));
    const { ms, found } = await timeList(store, catalogProjection.name, { where: {}, atLeast: { lastAcquiredAt: since }, limit: 50 }, RUNS);
    const statement = sqlite?.prepare('SELECT id, seq, doc FROM rm_catalog WHERE ix_lastAcquiredAt >= ? ORDER BY seq DESC, id DESC LIMIT 51');
    const asBefore = async () => {
      const rows = (statement ? statement.all(since) : (await postgres!.pool.query(
        `SELECT id, seq, doc FROM "${postgres!.schema}".rm_catalog WHERE "ix_lastAcquiredAt" >= $1 ORDER BY seq DESC, id DESC LIMIT 51`, [since])).rows) as Array<{ doc: string }>;
      return rows.map((row) => JSON.parse(row.doc) as object);
    };
    await asBefore();
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      await asBefore();
      times.push(performance.now() - started);
    }
    figures.push({ ms, before: median(times), found });
  }
  return figures;
};

/** After the load (PostgreSQL: its statistics). */
const settled = async ({ postgres }: BenchReadStore) => {
  if (postgres) await postgres.pool.query(`VACUUM ANALYZE "${postgres.schema}"."rm_catalog"`);
};

/** A store on the same titles that reads down them: on SQLite one that does not read the word index, on PostgreSQL with the index dropped. */
const withoutIndex = async (bench: BenchReadStore): Promise<ReadStore> => {
  if (bench.postgres) await bench.postgres.pool.query(`DROP INDEX "${bench.postgres.schema}"."rm_catalog_words"`);
  const store = await bench.reopen();
  await store.prepare(unsearched);
  await settled(bench);
  return store;
};

const main = async () => {
  console.log(`The catalogue's word search (${BENCH_ON_POSTGRES ? 'PostgreSQL' : 'SQLite file'}), median of ${RUNS}, the first page of 50 newest first`);
  console.log(`with: the titles' word index (${BENCH_ON_POSTGRES ? 'pg_trgm' : 'FTS5 trigrams'}); before: the same titles read down newest first\n`);
  const folds = { with: await timeFolds(catalogProjection), before: await timeFolds(unsearched) };
  console.log(`Folding into the catalogue, median of ${FOLDS} commits:`);
  console.log(`  10,000 new titles               with ${folds.with.added.toFixed(1).padStart(8)} ms   before ${folds.before.added.toFixed(1).padStart(9)} ms`);
  console.log(`  10,000 titles held again        with ${folds.with.held.toFixed(1).padStart(8)} ms   before ${folds.before.held.toFixed(1).padStart(9)} ms\n`);
  for (const size of SIZES) {
    const bench = await benchReadStore('search');
    const { store } = bench;
    try {
      // Loaded as a rebuild loads it: the indexes, the word index among them, made after the titles.
      await store.reset(catalogProjection, { deferIndexes: true });
      let started = performance.now();
      for (let from = 0; from < size; from += COMMIT) {
        const upserts = titles(from, Math.min(COMMIT, size - from), size);
        await store.commit([{ projection: catalogProjection, upserts, deletes: [], checkpoint: String(Math.floor((from + upserts.length) / 10) + 1) }]);
      }
      const loaded = performance.now() - started;
      started = performance.now();
      await store.prepare(catalogProjection);
      const indexed = performance.now() - started;
      await settled(bench);
      console.log(`${size.toLocaleString('en')} titles (loaded in ${(loaded / 1000).toFixed(1)} s, indexes with the word index made in ${(indexed / 1000).toFixed(1)} s)`);
      const withIndex = await timeSearches(store, size);
      const since = await timeSince(bench, size);
      const before = await timeSearches(await withoutIndex(bench), size);
      for (const [i, [label]] of searches(size).entries()) {
        const found = withIndex[i].found === before[i].found ? `${withIndex[i].found} found` : `FOUND ${withIndex[i].found} AGAINST ${before[i].found}`;
        console.log(`  ${label.padEnd(30)} with ${withIndex[i].ms.toFixed(3).padStart(8)} ms   before ${before[i].ms.toFixed(3).padStart(9)} ms   (${found})`);
      }
      console.log('  new acquisitions since an instant:');
      for (const [i, [label]] of SINCE.entries()) {
        console.log(`  ${label.padEnd(30)} with ${since[i].ms.toFixed(3).padStart(8)} ms   before ${since[i].before.toFixed(3).padStart(9)} ms   (${since[i].found} found)`);
      }
    } finally {
      await bench.close();
    }
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
