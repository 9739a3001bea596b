import { EventStoreDBClient } from '@eventstore/db-client';
import type { Database } from 'better-sqlite3';
import { Pool } from 'pg';
import type { Clock } from '../../application/ports/clock.port';
import type { EventStore } from '../../application/ports/event-store.port';
import type { AppConfig } from '../config/config';
import { EsdbEventStore } from './eventstoredb/esdb-event-store';
import { PgEventStore } from './postgres/pg-event-store';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';

/** The event store the configuration names; the embedded file is the default (it also reports each commit to `onCommit`). */
export const createEventStore = async (
  config: AppConfig,
  db: Database,
  clock: Clock,
  onCommit?: SqliteEventStoreOptions['onCommit'],
): Promise<EventStore> => {
  switch (config.eventStore) {
    case 'postgres':
      return PgEventStore.open(new Pool({ connectionString: config.databaseUrl! }), { schema: config.pgSchema, ownsPool: true, clock });
    case 'eventstoredb':
      return new EsdbEventStore(EventStoreDBClient.connectionString(config.esdbConnectionString!), { streamPrefix: config.esdbStreamPrefix, clock });
    case 'sqlite':
      return new SqliteEventStore(db, { clock, onCommit });
  }
};
