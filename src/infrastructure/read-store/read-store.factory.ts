import type { Database } from 'better-sqlite3';
import { Pool } from 'pg';
import type { FairnessReads } from '../../application/fairness/fairness-reads.port';
import type { BalancesQueries } from '../../application/ports/balances.port';
import type { ReadStore } from '../../application/ports/read-store.port';
import type { AppConfig } from '../config/config';
import { embedded } from '../event-store/sqlite/sqlite-database';
import { PgBalances } from './postgres/pg-balances';
import { PgFairnessReads } from './postgres/pg-fairness';
import { PgReadStore } from './postgres/pg-read-store';
import { SqliteBalances } from './sqlite-balances';
import { SqliteFairnessReads } from './sqlite-fairness';
import { SqliteReadStore } from './sqlite-read-store';

/** Whether anything in the configuration lives in PostgreSQL, so the service opens one pool for all of it. */
export const usesPostgres = (config: AppConfig): boolean => config.eventStore === 'postgres' || config.readStore === 'postgres';

/**
 * Whether anything in the configuration lives in the embedded file: all but
 * a PostgreSQL log with its read models there too. The keys, idempotency
 * answers and webhooks follow a PostgreSQL log (see sharedBy).
 */
export const usesSqlite = (config: AppConfig): boolean => config.eventStore !== 'postgres' || config.readStore === 'sqlite';

/** The service's one PostgreSQL pool (null when nothing lives there); whoever opens it ends it at shutdown. */
export const openPgPool = (config: AppConfig, onError: (error: Error) => void): Pool | null => {
  if (!usesPostgres(config)) return null;
  const pool = new Pool({ connectionString: config.databaseUrl!, max: 20 });
  // An idle connection the server drops is replaced on next use; without a listener it would end the process.
  pool.on('error', onError);
  // So would one checked out of the pool, which has no pool listener while it is held: one the server ends
  // (a restart, a failover, pg_terminate_backend) between two queries of a transaction, or the log's LISTEN
  // connection. Its next query fails instead, and the pool discards it when it is given back.
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
};

const pgPool = (pool: Pool | null): Pool => {
  if (pool === null) throw new Error('READ_STORE=postgres needs the PostgreSQL pool');
  return pool;
};

/** The read models' store the configuration names: the embedded file unless READ_STORE=postgres; `collect` as the stores take it. */
export const createReadStore = async (config: AppConfig, db: Database | null, pool: Pool | null, collect?: () => void): Promise<ReadStore> =>
  config.readStore === 'postgres' ? PgReadStore.open(pgPool(pool), { schema: config.pgSchema, collect }) : new SqliteReadStore(embedded(db), { collect });

/** Balances over the postings read model, where the read store keeps it. */
export const createBalances = (config: AppConfig, db: Database | null, pool: Pool | null): BalancesQueries =>
  config.readStore === 'postgres' ? new PgBalances(pgPool(pool), config.pgSchema) : new SqliteBalances(embedded(db));

/** The fairness report's reads, where the read store keeps the fact rows. */
export const createFairnessReads = (config: AppConfig, db: Database | null, pool: Pool | null): FairnessReads =>
  config.readStore === 'postgres' ? new PgFairnessReads(pgPool(pool), config.pgSchema) : new SqliteFairnessReads(embedded(db));
