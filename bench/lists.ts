/**
 * Lists filtered on two fields as the loans read model grows (a SQLite file;
 * with BENCH_STORE=postgres a fresh PostgreSQL schema, bench/postgres.ts):
 * a small library's checked-in loans, a big borrower's few loans on loan,
 * and a lender's checked-in loans, each a page of 50 newest first. Timed with the
 * indexes of fields lists filter on together (DocumentProjection.indexedTogether),
 * then, in the same run on the same data, with those dropped: the single-field
 * indexes lists had before, the baseline. Prints figures; it asserts nothing.
 *
 *   npm run bench:lists
 *   BENCH_LOANS=100000,1000000 BENCH_RUNS=20 npm run bench:lists
 *   BENCH_STORE=postgres npm run bench:lists
 */
import { performance } from 'node:perf_hooks';
import { loansProjection as loansModel } from '../src/application/loans/loans.projection';
import type { ListQuery, ReadStore } from '../src/application/ports/read-store.port';
import type { DocumentProjection, Projection } from '../src/application/projections/projection';
import { BENCH_ON_POSTGRES } from './postgres';
import { benchReadStore, timeList, type BenchReadStore } from './read-store-bench';

// The store takes any read model, as the runner does, whatever its document type.
const loansProjection = loansModel as Projection as DocumentProjection;

const SIZES = (process.env.BENCH_LOANS ?? '100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const COMMIT = 10_000;

/**
 * Loan i of a network: 97 borrowers and 31 lenders share them, a twentieth
 * still on loan; DE-SMALL borrowed ten early on from ID-1, all checked in;
 * DE-BIG borrowed every fifth loan and has only two of its first on loan.
 */
const loan = (i: number) => {
  if (i < 20 && i % 2 === 0) return { loanId: `loan-${i}`, borrower: 'DE-SMALL', lender: 'ID-1', status: 'checked-in' };
  if (i % 5 === 1) return { loanId: `loan-${i}`, borrower: 'DE-BIG', lender: `FR-${i % 31}`, status: i < 20 ? 'on-loan' : 'checked-in' };
  return { loanId: `loan-${i}`, borrower: `DE-${i % 97}`, lender: `FR-${i % 31}`, status: i % 20 === 0 ? 'on-loan' : 'checked-in' };
};

const LISTS: ReadonlyArray<[string, ListQuery['where']]> = [
  ["a small library's checked-in loans", { borrower: 'DE-SMALL', status: 'checked-in' }],
  ["a big borrower's loans on loan", { borrower: 'DE-BIG', status: 'on-loan' }],
  ["a lender's checked-in loans", { lender: 'ID-1', status: 'checked-in' }],
];

const timeLists = async (store: ReadStore): Promise<number[]> => {
  const figures: number[] = [];
  for (const [, where] of LISTS) figures.push((await timeList(store, loansProjection.name, { where, limit: 50 }, RUNS)).ms);
  return figures;
};

/** After folding (PostgreSQL: its statistics). */
const settled = async ({ postgres }: BenchReadStore) => {
  if (postgres) await postgres.pool.query(`VACUUM ANALYZE "${postgres.schema}"."rm_loans"`);
};

/** Leaves the single-field indexes alone: the together ones dropped (PostgreSQL: and their statistics). */
const dropTogether = async (bench: BenchReadStore) => {
  const { sqlite, postgres } = bench;
  if (sqlite) {
    // The store's statements are planned again by SQLite once the schema changes.
    const names = sqlite.prepare("SELECT name FROM pragma_index_list('rm_loans')").pluck().all() as string[];
    for (const name of names.filter((n) => n.endsWith('_ix_status') && n !== 'rm_loans_ix_status')) sqlite.exec(`DROP INDEX ${name}`);
  }
  if (postgres) {
    const { pool, schema } = postgres;
    const { rows: indexes } = await pool.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE schemaname = $1 AND tablename = 'rm_loans' AND indexname LIKE 'rm_loans_ixt%'", [schema]);
    for (const { name } of indexes) await pool.query(`DROP INDEX "${schema}"."${name}"`);
    const { rows: statistics } = await pool.query<{ name: string }>('SELECT stxname AS name FROM pg_statistic_ext WHERE stxrelid = $1::regclass', [`"${schema}"."rm_loans"`]);
    for (const { name } of statistics) await pool.query(`DROP STATISTICS "${schema}"."${name}"`);
    await settled(bench);
  }
};

const main = async () => {
  console.log(`Lists on two fields of the loans read model (${BENCH_ON_POSTGRES ? 'PostgreSQL' : 'SQLite file'}), median of ${RUNS}, a page of 50 newest first`);
  console.log(`with: the indexes of the fields together${BENCH_ON_POSTGRES ? ' and their statistics' : ''}; before: the single-field indexes alone (the together ones dropped)\n`);
  for (const size of SIZES) {
    const bench = await benchReadStore('lists');
    const { store } = bench;
    try {
      await store.prepare(loansProjection);
      const started = performance.now();
      for (let from = 0; from < size; from += COMMIT) {
        const upserts = Array.from({ length: Math.min(COMMIT, size - from) }, (_, k) => {
          const doc = loan(from + k);
          return { id: doc.loanId, doc, position: String(from + k + 1) };
        });
        await store.commit([{ projection: loansProjection, upserts, deletes: [], checkpoint: String(from + upserts.length), ...(from > 0 ? { from: String(from) } : {}) }]);
      }
      await settled(bench);
      console.log(`${size.toLocaleString('en')} loans (folded in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
      const together = await timeLists(store);
      await dropTogether(bench);
      const before = await timeLists(store);
      for (const [i, [label]] of LISTS.entries()) {
        console.log(`  ${label.padEnd(36)} with ${together[i].toFixed(3).padStart(8)} ms   before ${before[i].toFixed(3).padStart(9)} ms`);
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
