import { PgReadStore } from '../../src/infrastructure/read-store/postgres/pg-read-store';
import { loansProjection as loansModel } from '../../src/application/loans/loans.projection';
import { shadowOf, type DocumentProjection, type Projection } from '../../src/application/projections/projection';
import { freshSchema } from '../support/postgres';
import { readStoreContract } from './read-store.contract';

// The store takes any read model, as the runner does, whatever its document type.
const loansProjection = loansModel as Projection as DocumentProjection;

// Every commit waits for a real fsync: on a busy machine the suite needs more than jest's default.
jest.setTimeout(120_000);

readStoreContract('PostgreSQL', async () => {
  const db = await freshSchema();
  const pool = db.pool();
  return {
    store: await PgReadStore.open(pool, { schema: db.schema }),
    reopen: () => PgReadStore.open(db.pool(), { schema: db.schema }),
    rows: async (projection) => (await pool.query(`SELECT * FROM "${db.schema}"."rm_${projection}" ORDER BY seq`)).rows,
    collecting: (collect) => PgReadStore.open(pool, { schema: db.schema, collect }),
    totals: async (projection) => (await pool.query(`SELECT * FROM "${db.schema}"."rm_${projection}_totals"`)).rows,
    marks: async (projection) =>
      (await pool.query('SELECT to_regclass($1) AS found', [`"${db.schema}"."rm_${projection}_marks"`])).rows[0].found === null
        ? null
        : (await pool.query(`SELECT * FROM "${db.schema}"."rm_${projection}_marks" ORDER BY mark, party`)).rows,
    indexes: async (projection) => {
      const { rows } = await pool.query<{ columns: string[] }>(
        `SELECT array_agg(a.attname::text ORDER BY k.n) AS columns
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
         WHERE s.nspname = $1 AND t.relname = $2 AND NOT i.indisprimary GROUP BY i.indexrelid`,
        [db.schema, `rm_${projection}`],
      );
      return rows.map((row) => row.columns).sort((a, b) => a.join().localeCompare(b.join()));
    },
    dispose: () => db.drop(),
  };
});


describe('the PostgreSQL read store', () => {
  it("lists a borrower's loans on loan from the index of both fields, not by reading past every loan it checked in", async () => {
    const db = await freshSchema();
    const pool = db.pool();
    try {
      const store = await PgReadStore.open(pool, { schema: db.schema });
      await store.prepare(loansProjection);
      // DE-1 borrows half of the loans and has its oldest few on loan; the others a fifth of theirs.
      const loans = Array.from({ length: 20_000 }, (_, i) => {
        const mine = i % 2 === 1;
        return { loanId: `loan-${String(i).padStart(5, '0')}`, borrower: mine ? 'DE-1' : `DE-${2 + (i % 7)}`, lender: 'ID-1', status: (mine ? i < 8 : i % 5 === 0) ? 'on-loan' : 'checked-in' };
      });
      await store.commit([{ projection: loansProjection, upserts: loans.map((doc, i) => ({ id: doc.loanId, doc, position: String(i + 1) })), deletes: [], checkpoint: '20000' }]);
      await pool.query(`ANALYZE "${db.schema}"."rm_loans"`);
      const queries: Array<{ text: string; values: unknown[] }> = [];
      const query = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<unknown>;
      jest.spyOn(pool, 'query').mockImplementation(((text: string, values: unknown[]) => (queries.push({ text, values }), query(text, values))) as never);

      const page = await store.list<{ loanId: string }>(loansProjection.name, { where: { borrower: 'DE-1', status: 'on-loan' }, limit: 50 });

      expect(page.items.map((loan) => loan.loanId)).toEqual(['loan-00007', 'loan-00005', 'loan-00003', 'loan-00001']);
      const list = queries.find(({ text }) => text.startsWith('SELECT id, seq, doc FROM'))!;
      const [{ 'QUERY PLAN': [{ Plan: plan }] }] = (await query(`EXPLAIN (FORMAT JSON) ${list.text}`, list.values) as { rows: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }> }).rows;
      // The index on (borrower, status, seq, id) alone: the rows read are those returned (sorted, when so few, rather than read in order).
      expect(indexesOf(plan)).toEqual(['rm_loans_ixt0']);
    } finally {
      jest.restoreAllMocks();
      await db.drop();
    }
  });

  it('switches in a read model rebuilt beside the live one with its statistics under the live names', async () => {
    const db = await freshSchema();
    const pool = db.pool();
    try {
      const store = await PgReadStore.open(pool, { schema: db.schema });
      const shadow = shadowOf(loansProjection);
      await store.prepare(loansProjection);
      await store.reset(shadow, { deferIndexes: true });
      await store.prepare(shadow);
      await store.promote(loansProjection, null);
      const { rows } = await pool.query<{ name: string }>('SELECT stxname AS name FROM pg_statistic_ext WHERE stxrelid = $1::regclass ORDER BY stxname', [`"${db.schema}"."rm_loans"`]);
      expect(rows.map((row) => row.name)).toEqual(['rm_loans_ixt0_values', 'rm_loans_ixt1_values']);
    } finally {
      await db.drop();
    }
  });
});

type PlanNode = { 'Index Name'?: string; Plans?: PlanNode[] };
const indexesOf = (node: PlanNode): string[] => [...(node['Index Name'] ? [node['Index Name']] : []), ...(node.Plans ?? []).flatMap(indexesOf)];
