import { PgReadStore } from '../../src/infrastructure/read-store/postgres/pg-read-store';
import { freshSchema } from '../support/postgres';
import { readStoreContract } from './read-store.contract';

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

