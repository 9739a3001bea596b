import { EventStoreDBClient } from '@eventstore/db-client';
import type { Database } from 'better-sqlite3';
import { Pool } from 'pg';
import type { Clock } from '../../application/ports/clock.port';
import type { CommitObserver, EventStore } from '../../application/ports/event-store.port';
import { ConfigError, type AppConfig } from '../config/config';
import { EsdbEventStore } from './eventstoredb/esdb-event-store';
import { PgEventStore } from './postgres/pg-event-store';
import { unfinishedMigration, unfinishedMigrationMessage } from './postgres/pg-unfinished-migration';
import { embedded } from './sqlite/sqlite-database';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export type EventStoreWiring = Readonly<{
  /** Told of each commit of whichever store is configured. */
  onCommit?: CommitObserver;
  /** The service's PostgreSQL pool, shared with the read store; without it the store opens and ends its own. */
  pool?: Pool | null;
  /** Told when the embedded store can no longer checkpoint its WAL off the event loop (it then does so inside its commits). */
  onCheckpointError?: (error: Error) => void;
}>;

/** The event store the configuration names; the embedded file is the default. */
export const createEventStore = async (config: AppConfig, db: Database | null, clock: Clock, { onCommit, pool, onCheckpointError }: EventStoreWiring = {}): Promise<EventStore> => {
  switch (config.eventStore) {
    case 'postgres': {
      const owned = pool ?? new Pool({ connectionString: config.databaseUrl! });
      const store = await PgEventStore.open(owned, { schema: config.pgSchema, ownsPool: !pool, clock, onCommit });
      // A log an interrupted `migrate --to postgres` left is missing its tail: serving (and sealing) it would lose that tail for good.
      const interrupted = await unfinishedMigration(owned, config.pgSchema);
      if (interrupted !== null) {
        await store.close();
        throw new ConfigError('LEDGER_PG_SCHEMA', unfinishedMigrationMessage(config.pgSchema, interrupted));
      }
      return store;
    }
    case 'eventstoredb':
      return new EsdbEventStore(EventStoreDBClient.connectionString(config.esdbConnectionString!), { streamPrefix: config.esdbStreamPrefix, clock, onCommit });
    case 'sqlite':
      return new SqliteEventStore(embedded(db), { clock, onCommit, checkpoints: { onError: onCheckpointError } });
  }
};
