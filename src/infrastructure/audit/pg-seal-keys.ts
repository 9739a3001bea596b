import type { Pool } from 'pg';
import type { SealJwk, SealKeys } from '../../application/audit/seal-signature';
import { migrate, quoteIdentifier, type Migrations } from '../event-store/postgres/pg-migrations';

const SEAL_KEY_MIGRATIONS: Migrations = [
  `CREATE TABLE {schema}.seal_keys (kid TEXT PRIMARY KEY, jwk TEXT NOT NULL, published_at TIMESTAMPTZ NOT NULL DEFAULT now());`,
];

/**
 * The public seal keys of every instance that shares a PostgreSQL log, in one
 * table: each instance adds those it holds (its signing key, and the ones its
 * data directory kept from before a rotation) when it starts, and every
 * instance publishes them all, read afresh when asked. Otherwise an instance
 * knew only its own, and a seal signed by another, or before a rotation
 * elsewhere, failed its verification: the verdict depended on which instance
 * answered.
 */
export const sharedSealKeys = async (pool: Pool, schema: string, local: SealKeys): Promise<SealKeys> => {
  await publishSealKeys(pool, schema, await local.published());
  const table = `${quoteIdentifier(schema)}.seal_keys`;
  return {
    signing: local.signing,
    published: async () => (await pool.query<{ jwk: string }>(`SELECT jwk FROM ${table} ORDER BY published_at, kid`)).rows.map((row) => JSON.parse(row.jwk) as SealJwk),
  };
};

/** Adds public seal keys to the shared table (those it holds already stay as they were); answers how many were new. */
export const publishSealKeys = async (pool: Pool, schema: string, keys: readonly SealJwk[]): Promise<number> => {
  await migrate(pool, schema, 'seal_keys', SEAL_KEY_MIGRATIONS);
  let added = 0;
  for (const key of keys) {
    const { rowCount } = await pool.query(`INSERT INTO ${quoteIdentifier(schema)}.seal_keys (kid, jwk) VALUES ($1, $2) ON CONFLICT (kid) DO NOTHING`, [key.kid, JSON.stringify(key)]);
    added += rowCount ?? 0;
  }
  return added;
};
