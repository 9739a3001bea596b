import { randomUUID } from 'node:crypto';
import { firstValueFrom, filter, toArray, takeWhile } from 'rxjs';
import type { NewEvent, RecordedEvent } from '../../src/application/ports/event-store.port';
import { MATCHING_WINDOW } from '../../src/application/event-store/matching';
import { PgEventStore } from '../../src/infrastructure/event-store/postgres/pg-event-store';
import { freshSchema } from '../support/postgres';
import { eventStoreContract } from './event-store.contract';

// Every append here waits for a real commit (fsync): on a busy machine the suite needs more than jest's default.
jest.setTimeout(180_000);

eventStoreContract('PostgreSQL', async (clock, onCommit) => {
  const db = await freshSchema();
  const store = await PgEventStore.open(db.pool(), { schema: db.schema, clock, onCommit });
  return {
    store,
    dispose: async () => {
      await store.close();
      await db.drop();
    },
  };
}, { matchingLooksThrough: MATCHING_WINDOW });

const event = (data: object): NewEvent => ({
  eventId: randomUUID(),
  type: 'ThingHappened',
  data,
  metadata: { actor: { role: 'coordinator' }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: '2024-05-01T10:00:00.000Z' },
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL event store with several instances', () => {
  it('never lets a reader skip a transaction that commits late, nor repeat one', async () => {
    const db = await freshSchema();
    // Four writer instances whose transactions stay open a random while before committing.
    const writers = await Promise.all(
      [0, 1, 2, 3].map((i) => PgEventStore.open(db.pool(), { schema: db.schema, beforeCommit: async () => void (await pause(((i * 7 + Date.now()) % 5) * 4)) })),
    );
    const reader = await PgEventStore.open(db.pool(), { schema: db.schema });
    const done = randomUUID();
    const received = firstValueFrom(
      reader.subscribe(null).pipe(
        takeWhile((e) => e.streamId !== `done-${done}`),
        toArray(),
      ),
    );
    try {
      const perWriter = 40;
      await Promise.all(
        writers.map(async (store, w) => {
          for (let i = 0; i < perWriter; i += 1) {
            // Streams shared between writers too, so that row locks and retries interleave.
            await store.append(`thing-${w}-${i % 3}`, [event({ w, i })], 'any');
            await store.append(`shared-${i % 5}`, [event({ w, i, shared: true })], 'any');
          }
        }),
      );
      await writers[0].append(`done-${done}`, [event({})], 'no_stream');
      const seen: RecordedEvent[] = await received;
      const log = await reader.readAll({ after: null, limit: 10_000 });

      expect(seen).toHaveLength(writers.length * perWriter * 2);
      expect(seen.map((e) => e.eventId)).toEqual(log.slice(0, -1).map((e) => e.eventId));
      expect(new Set(seen.map((e) => e.eventId)).size).toBe(seen.length);
    } finally {
      await Promise.all([...writers, reader].map((store) => store.close()));
      await db.drop();
    }
  });

  it('refuses an append whose data has no JSON form on its own, writing the others of its batch', async () => {
    const db = await freshSchema();
    const store = await PgEventStore.open(db.pool(), { schema: db.schema });
    try {
      // Made in one turn of the event loop, so the three share one transaction.
      const [before, bad, after] = await Promise.allSettled([
        store.append('thing-1', [event({ n: 1 })], 'no_stream'),
        store.append('thing-2', [event({ n: BigInt(2) })], 'no_stream'),
        store.append('thing-1', [event({ n: 3 })], 1),
      ]);
      expect(store.stats).toEqual({ batches: 1, appends: 3, events: 2 });
      expect(before).toMatchObject({ status: 'fulfilled', value: { streamVersion: 1 } });
      expect(bad).toMatchObject({ status: 'rejected', reason: expect.any(TypeError) });
      expect(after).toMatchObject({ status: 'fulfilled', value: { streamVersion: 2 } });
      expect(await store.readStream('thing-2')).toEqual([]);
      expect((await store.readStream('thing-1')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 3 }]);
    } finally {
      await store.close();
      await db.drop();
    }
  });

  it('wakes a subscriber in one instance when another instance commits', async () => {
    const db = await freshSchema();
    const [one, two] = await Promise.all([0, 1].map(() => PgEventStore.open(db.pool(), { schema: db.schema })));
    try {
      const next = firstValueFrom(one.subscribe(null).pipe(filter((e) => e.streamId === 'loan-x')));
      await two.append('loan-x', [event({ from: 'two' })], 'no_stream');
      await expect(next).resolves.toMatchObject({ streamId: 'loan-x', data: { from: 'two' } });
    } finally {
      await Promise.all([one.close(), two.close()]);
      await db.drop();
    }
  });

  it('goes on when the server ends its LISTEN connection (a restart, a failover), and listens again', async () => {
    const db = await freshSchema();
    const [one, two] = await Promise.all([0, 1].map(() => PgEventStore.open(db.pool(), { schema: db.schema })));
    const listenerPid = (): number | undefined => (one as unknown as { listener?: { processID?: number } }).listener?.processID;
    try {
      const first = listenerPid();
      expect(first).toEqual(expect.any(Number));
      // Before, the 'error' event of the held connection had no listener: it ended the process.
      await db.pool().query('SELECT pg_terminate_backend($1)', [first]);
      for (let i = 0; i < 100 && (listenerPid() === undefined || listenerPid() === first); i += 1) await pause(50);
      const again = listenerPid();
      expect(again).toEqual(expect.any(Number));
      expect(again).not.toBe(first);
      const { rows } = await db.pool().query<{ query: string }>('SELECT query FROM pg_stat_activity WHERE pid = $1', [again]);
      expect(rows[0]?.query).toMatch(/^LISTEN /);
      const next = firstValueFrom(one.subscribe(null).pipe(filter((e) => e.streamId === 'loan-after')));
      await two.append('loan-after', [event({ from: 'two' })], 'no_stream');
      await expect(next).resolves.toMatchObject({ streamId: 'loan-after' });
      await expect(one.append('loan-one', [event({ from: 'one' })], 'no_stream')).resolves.toMatchObject({ streamVersion: 1 });
    } finally {
      await Promise.all([one.close(), two.close()]);
      await db.drop();
    }
  });

  it('migrates once when instances start together, and records the version', async () => {
    const db = await freshSchema();
    const stores = await Promise.all([0, 1, 2].map(() => PgEventStore.open(db.pool(), { schema: db.schema })));
    try {
      const { rows } = await db.pool().query(`SELECT component, version FROM "${db.schema}".schema_migrations`);
      expect(rows).toEqual([{ component: 'event_store', version: 1 }]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await db.drop();
    }
  });
});
