import { EventStoreDBClient } from '@eventstore/db-client';
import type { Database } from 'better-sqlite3';
import { Pool } from 'pg';
import type { Clock } from '../../application/ports/clock.port';
import type { CommitObserver, EventStore } from '../../application/ports/event-store.port';
import type { AppConfig } from '../config/config';
import { EsdbEventStore } from './eventstoredb/esdb-event-store';
import { PgEventStore } from './postgres/pg-event-store';
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
    case 'postgres':
      return PgEventStore.open(pool ?? new Pool({ connectionString: config.databaseUrl! }), { schema: config.pgSchema, ownsPool: !pool, clock, onCommit });
    case 'eventstoredb':
      return new EsdbEventStore(EventStoreDBClient.connectionString(config.esdbConnectionString!), { streamPrefix: config.esdbStreamPrefix, clock, onCommit });
    case 'sqlite':
      return new SqliteEventStore(embedded(db), { clock, onCommit, checkpoints: { onError: onCheckpointError } });
  }
};
