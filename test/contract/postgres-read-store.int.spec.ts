import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { PgReadStore } from '../../src/infrastructure/read-store/postgres/pg-read-store';
import { loansProjection as loansModel } from '../../src/application/loans/loans.projection';
import { catalogProjection as catalogModel } from '../../src/application/holdings/catalog.projection';
import { shadowOf, type DocumentProjection, type Projection } from '../../src/application/projections/projection';
import { TEST_DATABASE_URL, freshSchema } from '../support/postgres';
import { readStoreContract } from './read-store.contract';

// The store takes any read model, as the runner does, whatever its document type.
const loansProjection = loansModel as Projection as DocumentProjection;
const catalogProjection = catalogModel as Projection as DocumentProjection;

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
  /**
   * Records the statements the store sends through `pool`: `indexesOf(start)` names the indexes of the
   * plan of the last one recorded that starts so; `query` runs others unrecorded.
   */
  const recording = (pool: Pool) => {
    const queries: Array<{ text: string; values: unknown[] }> = [];
    const query = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
    jest.spyOn(pool, 'query').mockImplementation(((text: string, values: unknown[]) => (queries.push({ text, values }), query(text, values))) as never);
    const planned = async (start: string) => {
      const list = queries.filter(({ text }) => text.startsWith(start)).pop()!;
      const [{ 'QUERY PLAN': [{ Plan: plan }] }] = (await query(`EXPLAIN (FORMAT JSON) ${list.text}`, list.values)).rows as Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>;
      return indexesOf(plan);
    };
    return { query, planned };
  };

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
      const { planned } = recording(pool);

      const page = await store.list<{ loanId: string }>(loansProjection.name, { where: { borrower: 'DE-1', status: 'on-loan' }, limit: 50 });

      expect(page.items.map((loan) => loan.loanId)).toEqual(['loan-00007', 'loan-00005', 'loan-00003', 'loan-00001']);
      // The index on (borrower, status, seq, id) alone: the rows read are those returned (sorted, when so few, rather than read in order).
      expect(await planned('SELECT id, seq, doc FROM')).toEqual(['rm_loans_ixt0']);
    } finally {
      jest.restoreAllMocks();
      await db.drop();
    }
  });

  it("searches the catalogue's titles for a rare word through the trigram index; a common word down the titles newest first", async () => {
    const db = await freshSchema();
    const pool = db.pool();
    try {
      const store = await PgReadStore.open(pool, { schema: db.schema });
      await store.prepare(catalogProjection);
      // Every title holds "Babad"; twenty of them "Kidung".
      const titles = Array.from({ length: 20_000 }, (_, i) => ({ isbn: String(9780000000000 + i), title: `Babad ${i % 1000 === 7 ? 'Kidung ' : ''}${i}` }));
      await store.commit([{ projection: catalogProjection, upserts: titles.map((doc, i) => ({ id: doc.isbn, doc, position: String(1 + Math.floor(i / 10)) })), deletes: [], checkpoint: '2000' }]);
      await pool.query(`ANALYZE "${db.schema}"."rm_catalog"`);
      const { query, planned } = recording(pool);
      const search = async (words: string[]) => {
        const page = await store.list<{ title: string }>(catalogProjection.name, { where: {}, words: { field: 'title', words }, limit: 2 });
        return { titles: page.items.map((doc) => doc.title), indexes: await planned('SELECT id, seq, doc FROM') };
      };

      // The titles sampled three times as widely as other columns, so that a rare word looks rare.
      const target = await query(`SELECT attstattarget FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'ix_title'`, [`"${db.schema}"."rm_catalog"`]);
      expect(target.rows).toEqual([{ attstattarget: 300 }]);
      expect(await search(['kidung'])).toEqual({ titles: ['Babad Kidung 19007', 'Babad Kidung 18007'], indexes: ['rm_catalog_words'] });
      expect(await search(['babad'])).toEqual({ titles: ['Babad 19999', 'Babad 19998'], indexes: ['rm_catalog_seq'] });
    } finally {
      jest.restoreAllMocks();
      await db.drop();
    }
  });

  it.each([
    // A role given a schema of its own, which may not create anything else in the database (extensions included).
    ['may not create it', [], 'permission denied to create extension "pg_trgm"'],
    // A role that may create extensions, in a database whose pg_trgm is in a schema the role may not use.
    ['may not use it', ['CREATE SCHEMA hidden', 'CREATE EXTENSION pg_trgm SCHEMA hidden', 'GRANT CREATE ON DATABASE "{database}" TO "{role}"'], 'permission denied for schema hidden'],
  ])("searches by reading down the titles, with a warning, where the store's role %s (pg_trgm)", async (_, setup, refusal) => {
    const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
    const [database, role] = [`ledger_test_plain_${suffix}`, `ledger_plain_${suffix}`];
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/postgres';
    const admin = new Client({ connectionString: url.toString() });
    await admin.connect();
    let pool: Pool | undefined;
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
      await admin.query(`CREATE ROLE "${role}" LOGIN`);
      url.pathname = `/${database}`;
      const owner = new Client({ connectionString: url.toString() });
      await owner.connect();
      await owner.query(`CREATE SCHEMA catalogue AUTHORIZATION "${role}"`);
      for (const sql of setup) await owner.query(sql.replace('{database}', database).replace('{role}', role));
      await owner.end();
      url.username = role;
      pool = new Pool({ connectionString: url.toString(), max: 2 });
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const store = await PgReadStore.open(pool, { schema: 'catalogue' });

      await store.prepare(catalogProjection);
      await store.commit([{ projection: catalogProjection, upserts: [{ id: '9780140449136', doc: { isbn: '9780140449136', title: 'Babad Tanah Jawi' }, position: '1' }], deletes: [], checkpoint: '1' }]);

      expect(warn.mock.calls).toEqual([[`no word index for catalog.title, searches read every document: ${refusal}`]]);
      expect((await store.list<{ isbn: string }>(catalogProjection.name, { where: {}, words: { field: 'title', words: ['jawi'] }, limit: 5 })).items).toEqual([{ isbn: '9780140449136', title: 'Babad Tanah Jawi' }]);
      expect((await pool.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'catalogue' AND tablename = 'rm_catalog' AND indexname LIKE '%words'")).rows).toEqual([]);
    } finally {
      jest.restoreAllMocks();
      await pool?.end();
      // pg's Pool.end resolves once its clients are told to end, not once their connections have: one still
      // closing when FORCE terminates it reports the termination as an error no one listens for. So wait (a
      // hang guard of 5 s) until the database has no connection left.
      for (let waited = 0; waited < 5_000; waited += 50) {
        const { rows } = await admin.query<{ left: number }>('SELECT count(*)::int AS left FROM pg_stat_activity WHERE datname = $1', [database]);
        if (rows[0].left === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS "${role}"`);
      await admin.end();
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
      // A searched read model's word index too.
      await store.prepare(catalogProjection);
      await store.reset(shadowOf(catalogProjection), { deferIndexes: true });
      await store.prepare(shadowOf(catalogProjection));
      await store.promote(catalogProjection, null);
      const { rows: indexes } = await pool.query<{ name: string }>('SELECT indexname AS name FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname', [db.schema, 'rm_catalog']);
      expect(indexes.map((row) => row.name)).toEqual(['rm_catalog_ix0', 'rm_catalog_ix1', 'rm_catalog_pkey', 'rm_catalog_seq', 'rm_catalog_words']);
    } finally {
      await db.drop();
    }
  });
});

type PlanNode = { 'Index Name'?: string; Plans?: PlanNode[] };
const indexesOf = (node: PlanNode): string[] => [...(node['Index Name'] ? [node['Index Name']] : []), ...(node.Plans ?? []).flatMap(indexesOf)];
