import { systemClock } from '../../../src/application/ports/clock.port';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { loadConfig } from '../../../src/infrastructure/config/config';
import { createEventStore } from '../../../src/infrastructure/event-store/event-store.factory';
import { EsdbEventStore } from '../../../src/infrastructure/event-store/eventstoredb/esdb-event-store';
import { PgEventStore } from '../../../src/infrastructure/event-store/postgres/pg-event-store';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { TEST_DATABASE_URL, freshSchema } from '../../support/postgres';

describe('the event store a configuration names', () => {
  const db = openSqliteDatabase(':memory:');
  afterAll(() => db.close());

  it('is the embedded file by default', async () => {
    const store = await createEventStore(loadConfig({ LEDGER_DATA_DIR: '/tmp/unused' }), db, systemClock);
    expect(store).toBeInstanceOf(SqliteEventStore);
    await store.close();
  });

  it('is EventStoreDB with EVENT_STORE=eventstoredb, without connecting before it is used', async () => {
    const config = loadConfig({ EVENT_STORE: 'eventstoredb', ESDB_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false', ESDB_STREAM_PREFIX: 'net1-' });
    expect(config).toMatchObject({ eventStore: 'eventstoredb', esdbConnectionString: 'esdb://127.0.0.1:1?tls=false', esdbStreamPrefix: 'net1-' });
    const store = await createEventStore(config, db, systemClock);
    expect(store).toBeInstanceOf(EsdbEventStore);
    await store.close();
  });

  it('is PostgreSQL with EVENT_STORE=postgres, its tables created in the configured schema', async () => {
    const { schema, drop } = await freshSchema();
    try {
      const config = loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, LEDGER_PG_SCHEMA: schema });
      const store = await createEventStore(config, db, systemClock);
      expect(store).toBeInstanceOf(PgEventStore);
      await expect(store.append('loan-1', [{ eventId: 'e-1', type: 'LoanRequested', data: {}, metadata: { actor: { role: 'coordinator' }, correlationId: 'c', causationId: 'c', recordedAt: '2024-01-01T00:00:00.000Z' } }], 'no_stream')).resolves.toEqual({ streamVersion: 1, position: '1' });
      await store.close();
    } finally {
      await drop();
    }
  });

  it('names a missing DATABASE_URL', () => expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(/^DATABASE_URL: is required/));

  it('names the missing connection string', () =>
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/^ESDB_CONNECTION_STRING: is required/));

  it('refuses a stream prefix that would reach into system streams', () =>
    expect(() => loadConfig({ ESDB_STREAM_PREFIX: '$all' })).toThrow(/^ESDB_STREAM_PREFIX:/));
});
