import { join } from 'node:path';
import { Pool } from 'pg';
import type { Position } from '../../application/ports/event-store.port';
import { ConfigError, type AppConfig } from '../config/config';
import { holdDataDir } from '../data-dir-lock';
import { PgEventStore } from '../event-store/postgres/pg-event-store';
import { openSqliteDatabase } from '../event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { DATABASE_FILE } from '../ledger.module';
import { copySharedState, type SharedStateCopied } from './copy-shared-state';
import { publishSealKeys } from '../audit/pg-seal-keys';
import { loadSealKeys } from '../audit/seal-keys.file';
import { markMigrationFinished, markMigrationStarted, unfinishedMigration, unfinishedMigrationMessage } from '../event-store/postgres/pg-unfinished-migration';

/** Events copied per transaction. */
const BATCH = 5_000;

export type MigrationReport = Readonly<{ events: number; head: Position | null; seconds: number; shared: SharedStateCopied }>;

/** The PostgreSQL event store already holds a log: copying another into it would mix two ledgers. */
export class TargetNotEmpty extends Error {
  constructor(schema: string, head: Position) {
    super(`the PostgreSQL event store in schema ${schema} already holds events (up to position ${head}); migrate into an empty one`);
    this.name = 'TargetNotEmpty';
  }
}

/** An earlier migrate into this schema was stopped (kill -9, a crash, the database lost) before it finished. */
export class MigrationUnfinished extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationUnfinished';
  }
}

/**
 * Copies the embedded file's log into an empty PostgreSQL event store with
 * the same positions, ids and hashes, checking every event against its
 * stream's chain on the way; refuses a target that already holds events.
 * The read models are rebuilt there afterwards (`migrateToPostgresAndRebuild`
 * in the CLI); those in the data directory stay valid too, the positions
 * being the same. Then run the service with EVENT_STORE=postgres.
 *
 * It takes the data directory as the service does, so it refuses
 * (DataDirInUse) while a service runs on the file: what that service
 * recorded after the copy would be missing from PostgreSQL.
 */
export const migrateToPostgres = async (config: AppConfig): Promise<MigrationReport> => {
  if (config.databaseUrl === null) throw new ConfigError('DATABASE_URL', 'is required to migrate to PostgreSQL');
  const started = process.hrtime.bigint();
  const release = holdDataDir(config.dataDir);
  try {
    return await copyLog(config, started);
  } finally {
    release();
  }
};

const copyLog = async (config: AppConfig, started: bigint): Promise<MigrationReport> => {
  const db = openSqliteDatabase(join(config.dataDir, DATABASE_FILE));
  const source = new SqliteEventStore(db, { ownsDatabase: true });
  const pool = new Pool({ connectionString: config.databaseUrl! });
  const target = await PgEventStore.open(pool, { schema: config.pgSchema, ownsPool: true });
  try {
    const interrupted = await unfinishedMigration(pool, config.pgSchema);
    if (interrupted !== null) throw new MigrationUnfinished(unfinishedMigrationMessage(config.pgSchema, interrupted));
    const existing = await target.headPosition();
    if (existing !== null) {
      throw new TargetNotEmpty(config.pgSchema, existing);
    }
    // Until the last step below, the schema says the copy is unfinished: nothing opens half a log as the ledger.
    await markMigrationStarted(pool, config.pgSchema, join(config.dataDir, DATABASE_FILE));
    let copied = 0;
    for (let after: Position | null = null; ; ) {
      const batch = await source.readAll({ after, limit: BATCH });
      if (batch.length === 0) break;
      await target.importRecorded(batch);
      copied += batch.length;
      after = batch[batch.length - 1].position;
    }
    const [sourceHead, targetHead] = await Promise.all([source.headPosition(), target.headPosition()]);
    if (sourceHead !== targetHead) throw new Error(`copied up to position ${targetHead}, but the file's log ends at ${sourceHead}`);
    // Keys, idempotency answers and webhooks live in PostgreSQL beside a PostgreSQL log (every instance shares them).
    const shared = await copySharedState(db, pool, config.pgSchema);
    // The public seal keys the data directory kept (its signing key's and those before a rotation), so every instance publishes them.
    await publishSealKeys(pool, config.pgSchema, await loadSealKeys(config).published());
    await markMigrationFinished(pool, config.pgSchema);
    return { events: copied, head: targetHead, seconds: Number(process.hrtime.bigint() - started) / 1e9, shared };
  } finally {
    await Promise.all([source.close(), target.close()]);
  }
};
