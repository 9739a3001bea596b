import type { Pool } from 'pg';
import { quoteIdentifier } from './pg-migrations';

/**
 * `migrate --to postgres` copies the log in many transactions. Until it has
 * copied the whole log (and the keys, answers, webhooks and public seal keys
 * with it) the schema holds this table: a service or a CLI command that
 * opened the half-copied log would serve a ledger missing its tail (and seal
 * it as it stands), and a second `migrate` would refuse it as "not empty"
 * without saying why.
 */
const TABLE = 'migration_unfinished';

const marker = (schema: string): string => `${quoteIdentifier(schema)}.${TABLE}`;

/** The copy has started: what lands in the schema from now on is half a log until markMigrationFinished. */
export const markMigrationStarted = async (pool: Pool, schema: string, source: string): Promise<void> => {
  await pool.query(`CREATE TABLE ${marker(schema)} (source TEXT NOT NULL, started_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  await pool.query(`INSERT INTO ${marker(schema)} (source) VALUES ($1)`, [source]);
};

export const markMigrationFinished = async (pool: Pool, schema: string): Promise<void> => {
  await pool.query(`DROP TABLE ${marker(schema)}`);
};

/** The interrupted copy the schema holds (where from, since when), or null. */
export const unfinishedMigration = async (pool: Pool, schema: string): Promise<{ source: string; startedAt: string } | null> => {
  const { rows } = await pool.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [marker(schema)]);
  if (rows[0].found === null) return null;
  const kept = await pool.query<{ source: string; started_at: Date }>(`SELECT source, started_at FROM ${marker(schema)} LIMIT 1`);
  const row = kept.rows[0];
  return { source: row?.source ?? 'unknown', startedAt: row?.started_at.toISOString() ?? 'unknown' };
};

/** What the operator is told of a schema an interrupted migrate left. */
export const unfinishedMigrationMessage = (schema: string, found: { source: string; startedAt: string }): string =>
  `schema ${schema} holds a log that \`migrate --to postgres\` (from ${found.source}, started ${found.startedAt}) did not finish copying; ` +
  `drop it (DROP SCHEMA "${schema}" CASCADE) and run migrate again`;
