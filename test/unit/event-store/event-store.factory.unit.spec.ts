import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { loadConfig } from '../../../src/infrastructure/config/config';
import { createEventStore } from '../../../src/infrastructure/event-store/event-store.factory';
import { EsdbEventStore } from '../../../src/infrastructure/event-store/eventstoredb/esdb-event-store';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';

describe('the event store a configuration names', () => {
  const db = openSqliteDatabase(':memory:');
  afterAll(() => db.close());

  it('is the embedded file by default', async () => {
    const store = createEventStore(loadConfig({ LEDGER_DATA_DIR: '/tmp/unused' }), db);
    expect(store).toBeInstanceOf(SqliteEventStore);
    await store.close();
  });

  it('is EventStoreDB with EVENT_STORE=eventstoredb, without connecting before it is used', async () => {
    const config = loadConfig({ EVENT_STORE: 'eventstoredb', ESDB_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false', ESDB_STREAM_PREFIX: 'net1-' });
    expect(config).toMatchObject({ eventStore: 'eventstoredb', esdbConnectionString: 'esdb://127.0.0.1:1?tls=false', esdbStreamPrefix: 'net1-' });
    const store = createEventStore(config, db);
    expect(store).toBeInstanceOf(EsdbEventStore);
    await store.close();
  });

  it('names the missing connection string', () =>
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/^ESDB_CONNECTION_STRING: is required/));

  it('refuses a stream prefix that would reach into system streams', () =>
    expect(() => loadConfig({ ESDB_STREAM_PREFIX: '$all' })).toThrow(/^ESDB_STREAM_PREFIX:/));
});
