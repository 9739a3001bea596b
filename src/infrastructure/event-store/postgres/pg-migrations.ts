import type { Pool } from 'pg';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema or table name as SQL, refusing anything but a plain lower-case identifier. */
export const quoteIdentifier = (name: string): string => {
  if (!IDENTIFIER.test(name)) throw new RangeError(`"${name}" is not a plain lower-case SQL identifier`);
  return `"${name}"`;
};

/** A numbered list of SQL scripts; `{schema}` in them stands for the quoted schema name. */
export type Migrations = readonly string[];

/** The advisory lock under which one instance at a time migrates. */
const MIGRATION_LOCK = 0x1ed6e8;

/**
 * Brings one component's tables in `schema` to its newest version: each
 * script not yet recorded in `schema_migrations` runs once, in order, in one
 * transaction with its record, under an advisory lock, so instances that
 * start together migrate once.
 */
export const migrate = async (pool: Pool, schema: string, component: string, migrations: Migrations): Promise<number> => {
  const quoted = quoteIdentifier(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    // Created only when missing: CREATE SCHEMA asks for CREATE on the database even with IF NOT EXISTS, which a role
    // given a schema of its own need not have.
    const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (
      component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version))`);
    const { rows } = await client.query<{ version: number }>(
      `SELECT coalesce(max(version), 0) AS version FROM ${quoted}.schema_migrations WHERE component = $1`,
      [component],
    );
    const current = rows[0].version;
    if (current > migrations.length) {
      throw new Error(`the ${component} tables in schema ${schema} are at version ${current}, newer than this service knows (${migrations.length})`);
    }
    for (let version = current + 1; version <= migrations.length; version += 1) {
      await client.query(migrations[version - 1].replaceAll('{schema}', quoted));
      await client.query(`INSERT INTO ${quoted}.schema_migrations (component, version) VALUES ($1, $2)`, [component, version]);
    }
    await client.query('COMMIT');
    return migrations.length - current;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
