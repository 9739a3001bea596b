import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';

/**
 * The PostgreSQL the tests use: 127.0.0.1:5432, trust auth, user postgres, a
 * database of their own (created when missing). Each fixture works in a fresh
 * schema, dropped afterwards, so suites run side by side.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ledger_test';

let ensured: Promise<void> | undefined;

export const ensureTestDatabase = (): Promise<void> =>
  (ensured ??= (async () => {
    const url = new URL(TEST_DATABASE_URL);
    const name = url.pathname.slice(1);
    url.pathname = '/postgres';
    const admin = new Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created meanwhile by another suite
      });
    } finally {
      await admin.end();
    }
  })());

export type TestSchema = Readonly<{ schema: string; pool: () => Pool; drop: () => Promise<void> }>;

/** A new, empty schema in the test database; `pool()` opens a pool (an "instance") that the schema's drop closes. */
export const freshSchema = async (): Promise<TestSchema> => {
  await ensureTestDatabase();
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const pools: Pool[] = [];
  return {
    schema,
    pool: () => {
      const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 10 });
      pools.push(pool);
      return pool;
    },
    drop: async () => {
      const admin = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
      await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
    },
  };
};
