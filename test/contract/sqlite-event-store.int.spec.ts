import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fsync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { Subject, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { catchUpSubscription } from '../../src/application/event-store/catch-up-subscription';
import { eventHash, GENESIS_HASH } from '../../src/application/event-store/hash-chain';
import { MATCHING_WINDOW } from '../../src/application/event-store/matching';
import {
  ConcurrencyError,
  DuplicateEventError,
  StoreClosedError,
  StoreFailedError,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '../../src/application/ports/event-store.port';
import { openSqliteDatabase, unsyncedTransaction } from '../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore, WalSyncError } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteIdempotencyStore } from '../../src/infrastructure/idempotency/sqlite-idempotency-store';
import { eventStoreContract } from './event-store.contract';
import { requireSource, TS_CHILD_PRELUDE } from '../support/ts-child';

const temporaryDirectory = (): string => mkdtempSync(join(tmpdir(), 'ledger-sqlite-'));

eventStoreContract('SQLite', async (clock, onCommit) => {
  const directory = temporaryDirectory();
  const store = new SqliteEventStore(openSqliteDatabase(join(directory, 'ledger.db')), { ownsDatabase: true, clock, onCommit });
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}, { matchingLooksThrough: MATCHING_WINDOW });

const newEvent = (data: object = { n: 1 }): NewEvent => ({
  eventId: randomUUID(),
  type: 'ThingHappened',
  data,
  metadata: { actor: { role: 'system' }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: '2024-05-01T10:00:00.000Z' },
});

const range = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

describe('SQLite event store', () => {
  let directory: string;
  let file: string;
  const cleanups: Array<() => unknown> = [];

  const open = (): { db: Database; store: SqliteEventStore } => {
    const db = openSqliteDatabase(file);
    const store = new SqliteEventStore(db, { ownsDatabase: true });
    cleanups.push(() => store.close());
    return { db, store };
  };

  beforeEach(() => {
    directory = temporaryDirectory();
    file = join(directory, 'data', 'ledger.db');
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    rmSync(directory, { recursive: true, force: true });
  });

  describe('group commit', () => {
    it('commits fifty concurrent appends to fifty streams in fewer transactions than appends', async () => {
      const { store } = open();
      const before = store.stats;

      const results = await Promise.all(range(50).map((i) => store.append(`loan-${i}`, [newEvent({ i })], 'no_stream')));

      const after = store.stats;
      expect(results.map((result) => result.streamVersion)).toEqual(range(50).map(() => 1));
      expect(after.appends - before.appends).toBe(50);
      expect(after.events - before.events).toBe(50);
      expect(after.batches - before.batches).toBeLessThan(50);
    });

    it('checks appends to one stream within a batch in the order they were made: the first wins, the second is refused', async () => {
      const { store } = open();
      await store.append('claim-9780306406157', [newEvent()], 'no_stream');
      const before = store.stats.batches;

      const first = store.append('claim-9780306406157', [newEvent({ by: 'first' })], 1);
      const second = store.append('claim-9780306406157', [newEvent({ by: 'second' })], 1);

      await expect(first).resolves.toMatchObject({ streamVersion: 2 });
      const refused = await second.catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ConcurrencyError);
      expect(refused).toMatchObject({ expected: 1, actual: 2 });
      expect(store.stats.batches - before).toBe(1);
      expect((await store.readStream('claim-9780306406157')).map((event) => event.data)).toEqual([{ n: 1 }, { by: 'first' }]);
    });

    it('lets the other appends of a batch through when some of them fail', async () => {
      const { store } = open();
      const taken = newEvent();
      await store.append('loan-taken', [taken], 'no_stream');
      const before = store.stats.batches;

      const outcomes = await Promise.allSettled([
        store.append('loan-a', [newEvent({ a: 1 }), newEvent({ a: 2 })], 'no_stream'),
        store.append('loan-taken', [newEvent()], 'no_stream'),
        store.append('loan-b', [newEvent(), newEvent(), taken], 'no_stream'),
        store.append('loan-c', [newEvent({ amount: 10n })], 'no_stream'),
        store.append('loan-d', [newEvent({ d: 1 })], 'no_stream'),
      ]);

      expect(store.stats.batches - before).toBe(1);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled']);
      const reasons = outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as unknown) : undefined));
      expect(reasons[1]).toBeInstanceOf(ConcurrencyError);
      expect(reasons[2]).toBeInstanceOf(DuplicateEventError);
      expect(reasons[3]).toBeInstanceOf(TypeError);
      expect(await store.readStream('loan-b')).toEqual([]);
      expect(await store.readStream('loan-c')).toEqual([]);
      expect((await store.readStream('loan-a')).map((event) => event.data)).toEqual([{ a: 1 }, { a: 2 }]);
      expect((await store.readStream('loan-d')).map((event) => event.data)).toEqual([{ d: 1 }]);
      const log = await store.readAll({ after: null, limit: 100 });
      expect(log.map((event) => event.streamId)).toEqual(['loan-taken', 'loan-a', 'loan-a', 'loan-d']);
      expect(log.every((event) => event.hash === eventHash(event, event.prevHash))).toBe(true);
    });

    it('undoes the first events of an append whose later event fails, so a later append in the batch can create the stream', async () => {
      const { store } = open();

      const outcomes = await Promise.allSettled([
        store.append('loan-x', [newEvent({ first: true }), newEvent({ amount: 10n })], 'no_stream'),
        store.append('loan-x', [newEvent({ second: true })], 'no_stream'),
      ]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
      const [stored] = await store.readStream('loan-x');
      expect(stored).toMatchObject({ data: { second: true }, streamVersion: 1, prevHash: GENESIS_HASH });
      expect(await store.readAll({ after: null, limit: 10 })).toEqual([stored]);
    });

    it('fails the whole batch and acknowledges nothing when the shared connection is left inside a transaction', async () => {
      const { db, store } = open();
      db.exec('BEGIN');

      const outcomes = await Promise.allSettled([store.append('loan-1', [newEvent()], 'no_stream'), store.append('loan-2', [newEvent()], 'no_stream')]);
      db.exec('ROLLBACK');

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect(await store.headPosition()).toBeNull();
      await expect(store.append('loan-1', [newEvent()], 'no_stream')).resolves.toMatchObject({ streamVersion: 1 });
    });

    it('refuses appends as a store failure while the file takes no write (read-only, its disk full), and takes them again after', async () => {
      const { db, store } = open();
      db.pragma('query_only = ON');
      const refused = await store.append('loan-1', [newEvent()], 'no_stream').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StoreFailedError);
      expect(refused).toMatchObject({ message: expect.stringMatching(/^the event store cannot write: /) });
      db.pragma('query_only = OFF');
      await expect(store.append('loan-1', [newEvent()], 'no_stream')).resolves.toMatchObject({ streamVersion: 1 });
    });
  });

  describe('the hash chain', () => {
    it('stores hashes that eventHash recomputes from the stored event, whatever the JSON payload', async () => {
      const { store } = open();
      const json = fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 });
      let stream = 0;

      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.string({ unit: 'binary' }), json), fc.dictionary(fc.string({ unit: 'binary' }), json), async (data, extra) => {
          const streamId = `property-${(stream += 1)}`;
          const event = { ...newEvent(data), metadata: { ...extra, ...newEvent().metadata } };
          await store.append(streamId, [event, newEvent(extra)], 'no_stream');

          const [first, second] = await store.readStream(streamId);

          expect(first.data).toEqual(JSON.parse(JSON.stringify(data)));
          expect(first.metadata).toEqual({ ...JSON.parse(JSON.stringify(event.metadata)), recordedAt: expect.any(String) });
          expect(first.hash).toBe(eventHash(first, GENESIS_HASH));
          expect(second.hash).toBe(eventHash(second, first.hash));
        }),
        { numRuns: 200 },
      );
    });

    it('hashes what it stores, serialising values as JSON does', async () => {
      const { store } = open();
      const data = { when: new Date('2024-05-01T10:00:00.000Z'), skipped: undefined, list: [undefined, 1, -0, 1e21, 5e-7], zeta: 1, alpha: { b: 2, a: 1, 10: 'ten', 9: 'nine' } };

      await store.append('loan-json', [newEvent(data)], 'no_stream');
      const [stored] = await store.readStream('loan-json');

      expect(stored.data).toEqual(JSON.parse(JSON.stringify(data)));
      expect(stored.hash).toBe(eventHash(stored, GENESIS_HASH));
    });

    it('refuses numbers that JSON cannot carry', async () => {
      const { store } = open();

      await expect(store.append('loan-nan', [newEvent({ amount: Number.NaN })], 'no_stream')).rejects.toThrow(TypeError);
      await expect(store.append('loan-inf', [newEvent({ amount: Number.POSITIVE_INFINITY })], 'no_stream')).rejects.toThrow(TypeError);
      expect(await store.headPosition()).toBeNull();
    });
  });

  describe('durability', () => {
    it('keeps every event and the hash chain after the file is closed and opened again', async () => {
      const first = open();
      await first.store.append('loan-1', [newEvent(), newEvent()], 'no_stream');
      await first.store.append('loan-2', [newEvent()], 'no_stream');
      const before = await first.store.readAll({ after: null, limit: 100 });
      await first.store.close();

      const reopened = open();
      expect(await reopened.store.readAll({ after: null, limit: 100 })).toEqual(before);
      expect(await reopened.store.headPosition()).toBe(before[2].position);

      const next = await reopened.store.append('loan-1', [newEvent()], 2);
      const [, second, third] = await reopened.store.readStream('loan-1');
      expect(next.streamVersion).toBe(3);
      expect(BigInt(next.position) > BigInt(before[2].position)).toBe(true);
      expect(third.prevHash).toBe(second.hash);
      expect(third.hash).toBe(eventHash(third, second.hash));
    });

    it('keeps every acknowledged append when the process is killed with SIGKILL', async () => {
      const child = spawn(process.execPath, ['-e', KILLED_WRITER, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      const acknowledged: string[] = [];
      const lines = createInterface({ input: child.stdout });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      for await (const line of lines) {
        acknowledged.push(line);
        if (acknowledged.length === 300) child.kill('SIGKILL');
      }
      await exited;

      const { store } = open();
      const stored = new Set<string>();
      for (let after: Position | null = null; ; ) {
        const batch = await store.readAll({ after, limit: 1000 });
        if (batch.length === 0) break;
        batch.forEach((event) => stored.add(event.eventId));
        after = batch[batch.length - 1].position;
      }
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);
      expect(acknowledged.filter((eventId) => !stored.has(eventId))).toEqual([]);
    });
  });

  describe('syncing the WAL off the event loop (synchronous=FULL)', () => {
    /** A sync of the WAL that the test holds open, then lets through (with a real fsync) or fails. */
    const heldSyncs = () => {
      const held: Array<{ fd: number; release: () => void; fail: (error: Error) => void }> = [];
      let called: () => void = () => undefined;
      const syncWal = (fd: number) =>
        new Promise<void>((resolve, reject) => {
          held.push({ fd, release: () => void promisify(fsync)(fd).then(resolve, reject), fail: reject });
          called();
        });
      /** Resolves once the store has asked for `count` syncs in all. */
      const syncsAsked = (count: number) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (held.length >= count) resolve();
          };
          called = check;
          check();
        });
      return { held, syncWal, syncsAsked };
    };
    const turns = async (count = 5) => {
      for (let i = 0; i < count; i += 1) await new Promise((resolve) => setImmediate(resolve));
    };
    const settledFlag = (promise: Promise<unknown>) => {
      const state = { settled: false };
      promise.then(
        () => (state.settled = true),
        () => (state.settled = true),
      );
      return state;
    };
    const openHeld = (onCommit?: jest.Mock) => {
      const syncs = heldSyncs();
      const db = openSqliteDatabase(file);
      const store = new SqliteEventStore(db, { ownsDatabase: true, syncWal: syncs.syncWal, onCommit });
      cleanups.push(async () => {
        for (const sync of syncs.held) sync.release();
        await store.close();
      });
      return { db, store, ...syncs };
    };

    it('answers an append, tells onCommit and wakes subscribers only once the sync of the WAL has ended', async () => {
      const onCommit = jest.fn();
      const { db, store, held, syncsAsked } = openHeld(onCommit);
      const received: RecordedEvent[] = [];
      store.subscribe(null).subscribe((event) => received.push(event));
      const event = newEvent();

      const appended = store.append('loan-1', [event], 'no_stream');
      const answer = settledFlag(appended);
      await syncsAsked(1);
      await turns();

      expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
      expect(answer.settled).toBe(false);
      expect(onCommit).not.toHaveBeenCalled();
      expect(received).toEqual([]);
      expect(await store.readAll({ after: null, limit: 10 })).toEqual([]);
      expect(await store.headPosition()).toBeNull();
      expect(db.pragma('synchronous', { simple: true })).toBe(2);

      held[0].release();

      await expect(appended).resolves.toMatchObject({ streamVersion: 1 });
      expect(onCommit).toHaveBeenCalledWith(1, 1, expect.any(Number));
      await turns();
      expect(received.map((recorded) => recorded.eventId)).toEqual([event.eventId]);
      expect(await store.headPosition()).toBe(received[0].position);
    });

    it('leaves an event out of the durable read of its stream until its sync has ended, while commands read it at once', async () => {
      const { store, held, syncsAsked } = openHeld();
      await Promise.all([store.append('loan-1', [newEvent()], 'no_stream'), syncsAsked(1).then(() => held[0].release())]);
      const [first] = await store.readStream('loan-1');

      const appended = store.append('loan-1', [newEvent()], 1);
      await syncsAsked(2);
      await turns();

      expect(await store.readDurableStream('loan-1')).toEqual([first]);
      expect(await store.readDurableStream('loan-1', 2)).toEqual([]);
      const committed = await store.readStream('loan-1');
      expect(committed.map((event) => event.streamVersion)).toEqual([1, 2]);

      held[1].release();
      await appended;

      expect(await store.readDurableStream('loan-1')).toEqual(committed);
      expect(await store.readStream('loan-1')).toEqual(committed);
    });

    it('commits the appends that come while a sync is in flight in one transaction once it ends, covered by one next sync', async () => {
      const { store, held, syncsAsked } = openHeld();
      const first = store.append('loan-0', [newEvent()], 'no_stream');
      await syncsAsked(1);

      const later: Array<Promise<unknown>> = [];
      for (let i = 1; i <= 3; i += 1) {
        later.push(store.append(`loan-${i}`, [newEvent()], 'no_stream'));
        await turns(1);
      }
      const laterAnswers = later.map(settledFlag);
      expect(store.stats.batches).toBe(0);
      expect(held).toHaveLength(1);
      // Queued, not committed, while the sync runs: no reader sees them yet.
      expect(await store.readStream('loan-1')).toEqual([]);

      held[0].release();
      await first;
      await syncsAsked(2);
      await turns();
      expect(laterAnswers.some((answer) => answer.settled)).toBe(false);
      expect(await store.readStream('loan-3')).toHaveLength(1);
      held[1].release();
      await Promise.all(later);

      expect(held).toHaveLength(2);
      // The first append alone, then the three that waited, in one commit.
      expect(store.stats).toMatchObject({ batches: 2, appends: 4, events: 4 });
      expect((await store.readAll({ after: null, limit: 10 })).map((event) => event.streamId)).toEqual(['loan-0', 'loan-1', 'loan-2', 'loan-3']);
    });

    it('answers a refused append after the sync too', async () => {
      const { store, held, syncsAsked } = openHeld();
      await Promise.all([store.append('loan-1', [newEvent()], 'no_stream'), syncsAsked(1).then(() => held[0].release())]);

      const refused = store.append('loan-1', [newEvent()], 'no_stream');
      const answer = settledFlag(refused);
      await syncsAsked(2);
      await turns();
      expect(answer.settled).toBe(false);
      held[1].release();

      await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('refuses the appends a failed sync covered and those waiting for the next, acknowledges nothing and refuses later appends', async () => {
      const onCommit = jest.fn();
      const { store, held, syncsAsked } = openHeld(onCommit);
      const received: RecordedEvent[] = [];
      store.subscribe(null).subscribe({ next: (event) => received.push(event), error: () => undefined });
      const covered = store.append('loan-1', [newEvent()], 'no_stream');
      await syncsAsked(1);
      const waiting = store.append('loan-2', [newEvent()], 'no_stream');
      await turns();

      held[0].fail(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));

      await expect(covered).rejects.toBeInstanceOf(WalSyncError);
      await expect(waiting).rejects.toBeInstanceOf(WalSyncError);
      await expect(covered).rejects.toMatchObject({ cause: { code: 'EIO' } });
      await expect(store.append('loan-3', [newEvent()], 'no_stream')).rejects.toBeInstanceOf(WalSyncError);
      expect(held).toHaveLength(1);
      expect(onCommit).not.toHaveBeenCalled();
      expect(store.stats.batches).toBe(0);
      await turns();
      expect(received).toEqual([]);
      expect(await store.headPosition()).toBeNull();
      expect(await store.ping()).toBe(false);
    });

    it('keeps an idempotency answer on the same connection once a sync that began after it has ended (durable)', async () => {
      const { db, store, held, syncsAsked } = openHeld();
      const answers = new SqliteIdempotencyStore(db, () => store.durable());
      const answer = { requestDigest: 'digest-1', status: 201, body: { loanId: 'loan-1' }, createdAt: '2030-01-01T00:00:00.000Z' };

      const saved = answers.save('key-1', 'retry-1', answer);
      const state = settledFlag(saved);
      await syncsAsked(1);
      await turns();

      // Written, not yet answered: the commit did not sync on the event loop, and the connection is FULL again.
      expect(await answers.find('key-1', 'retry-1')).toMatchObject({ status: 201, body: { loanId: 'loan-1' } });
      expect(state.settled).toBe(false);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);

      held[0].release();
      await expect(saved).resolves.toEqual(answer);
    });

    it('refuses to keep an idempotency answer when the sync fails', async () => {
      const { db, store, held, syncsAsked } = openHeld();
      const answers = new SqliteIdempotencyStore(db, () => store.durable());

      const saved = answers.save('key-1', 'retry-1', { requestDigest: 'digest-1', status: 201, body: {}, createdAt: '2030-01-01T00:00:00.000Z' });
      await syncsAsked(1);
      held[0].fail(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));

      await expect(saved).rejects.toBeInstanceOf(WalSyncError);
      await expect(store.durable()).rejects.toBeInstanceOf(WalSyncError);
    });

    it('waits for the sync in flight and its answers before it closes the database', async () => {
      const { db, store, held, syncsAsked } = openHeld();
      const appended = store.append('loan-1', [newEvent()], 'no_stream');
      await syncsAsked(1);

      const closed = store.close();
      const closing = settledFlag(closed);
      await turns();
      expect(closing.settled).toBe(false);
      expect(db.open).toBe(true);

      const order: string[] = [];
      void appended.then(() => order.push('append answered'));
      void closed.then(() => order.push('closed'));
      held[0].release();
      await closed;

      expect(order).toEqual(['append answered', 'closed']);
      expect(db.open).toBe(false);
      const reopened = open();
      expect(await reopened.store.readStream('loan-1')).toHaveLength(1);
    });

    it('commits what is queued at close and syncs it before closing', async () => {
      const { db, store, held, syncsAsked } = openHeld();
      const appended = store.append('loan-1', [newEvent()], 'no_stream');
      const closed = store.close();

      await syncsAsked(1);
      held[0].release();

      await expect(appended).resolves.toMatchObject({ streamVersion: 1 });
      await closed;
      expect(db.open).toBe(false);
    });

    it('wakes its subscribers for another connection\'s appends once a sync has covered them', async () => {
      const reader = openHeld();
      const writer = open();
      const received = firstValueFrom(reader.store.subscribe(null));

      await writer.store.append('loan-1', [newEvent({ from: 'elsewhere' })], 'no_stream');
      await reader.syncsAsked(1);
      expect(await reader.store.readAll({ after: null, limit: 10 })).toEqual([]);
      reader.held[0].release();

      expect((await received).data).toEqual({ from: 'elsewhere' });
    });

    it('does not sync itself under NORMAL, nor in memory', async () => {
      const syncWal = jest.fn(async () => undefined);
      const normal = new SqliteEventStore(openSqliteDatabase(file, { synchronous: 'NORMAL' }), { ownsDatabase: true, syncWal });
      const memory = new SqliteEventStore(openSqliteDatabase(':memory:'), { ownsDatabase: true, syncWal });
      cleanups.push(() => normal.close(), () => memory.close());

      await normal.append('loan-1', [newEvent()], 'no_stream');
      await memory.append('loan-1', [newEvent()], 'no_stream');
      await normal.durable();
      await memory.durable();

      expect(syncWal).not.toHaveBeenCalled();
      expect(await normal.headPosition()).toBe('1');
      expect(await memory.readAll({ after: null, limit: 10 })).toHaveLength(1);
    });
  });

  describe('handing what it commits to its subscribers', () => {
    /** Subscribes from the start of the log; `reaches(n)` resolves once n events have come. */
    const collect = (store: SqliteEventStore) => {
      const received: RecordedEvent[] = [];
      const waiting: Array<{ count: number; resolve: () => void }> = [];
      store.subscribe(null).subscribe((event) => {
        received.push(event);
        for (const waiter of waiting) if (received.length >= waiter.count) waiter.resolve();
      });
      const reaches = (count: number) =>
        new Promise<void>((resolve) => (received.length >= count ? resolve() : waiting.push({ count, resolve })));
      return { received, reaches };
    };

    it('gives its subscribers the events it commits without reading them back: those a read of the log returns', async () => {
      const { store } = open();
      const { received, reaches } = collect(store);
      await store.append('loan-0', [newEvent({ first: true })], 'no_stream');
      await reaches(1);
      const reads = jest.spyOn(store, 'readAll');

      for (const round of range(5)) {
        await Promise.all(range(4).map((i) => store.append(`loan-${round}-${i}`, range(i + 1).map((n) => newEvent({ round, i, n })), 'no_stream')));
      }
      await reaches(51);

      expect(reads).not.toHaveBeenCalled();
      reads.mockRestore();
      expect(received).toEqual(await store.readAll({ after: null, limit: 100 }));
    });

    it('gives its subscribers every event in log order around an append undone halfway and another connection\'s appends, which it reads back', async () => {
      const { store } = open();
      const other = open();
      const { received, reaches } = collect(store);

      await store.append('loan-a', [newEvent({ n: 1 })], 'no_stream');
      // The undone append leaves a hole in the positions before the next append of its batch.
      await Promise.allSettled([
        store.append('loan-b', [newEvent({ n: 2 }), newEvent({ amount: 10n })], 'no_stream'),
        store.append('loan-c', [newEvent({ n: 3 })], 'no_stream'),
      ]);
      await other.store.append('loan-d', [newEvent({ n: 4 })], 'no_stream');
      await store.append('loan-e', [newEvent({ n: 5 })], 'no_stream');
      await store.append('loan-f', [newEvent({ n: 6 })], 'no_stream');
      const log = await store.readAll({ after: null, limit: 100 });
      await reaches(log.length);

      expect(log.map((event) => event.data)).toEqual([{ n: 1 }, { n: 3 }, { n: 4 }, { n: 5 }, { n: 6 }]);
      expect(received).toEqual(log);
    });
  });

  describe('sharing the connection', () => {
    it('leaves other tables alone and the database open when it does not own it', async () => {
      const db = openSqliteDatabase(file);
      cleanups.push(() => db.close());
      db.exec("CREATE TABLE loans_view (loan_id TEXT PRIMARY KEY); INSERT INTO loans_view VALUES ('loan-1')");
      const store = new SqliteEventStore(db);

      await store.append('loan-1', [newEvent()], 'no_stream');
      await store.close();

      expect(db.open).toBe(true);
      expect(db.prepare('SELECT loan_id FROM loans_view').pluck().all()).toEqual(['loan-1']);
      expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
      await expect(store.append('loan-1', [newEvent()], 1)).rejects.toBeInstanceOf(StoreClosedError);
    });

    it('finds the log a previous store on the same connection wrote', async () => {
      const db = openSqliteDatabase(file);
      cleanups.push(() => db.close());
      const one = new SqliteEventStore(db);
      await one.append('loan-1', [newEvent()], 'no_stream');

      const two = new SqliteEventStore(db);

      expect(await two.readStream('loan-1')).toEqual(await one.readStream('loan-1'));
      await expect(two.append('loan-1', [newEvent()], 'no_stream')).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('wakes its subscribers for events another connection (another process) appends', async () => {
      const reader = open();
      const writer = open();
      const received = firstValueFrom(reader.store.subscribe(null));
      await writer.store.append('loan-1', [newEvent({ from: 'elsewhere' })], 'no_stream');
      expect((await received).data).toEqual({ from: 'elsewhere' });
    });

    it('completes its subscriptions when it closes', async () => {
      const { store } = open();
      await store.append('loan-1', [newEvent()], 'no_stream');
      const received = lastValueFrom(store.subscribe(null).pipe(toArray()));
      await firstValueFrom(store.subscribe(null));

      await store.close();

      expect(await received).toHaveLength(1);
    });
  });

  describe('opening the database', () => {
    it('creates the directory and opens the file in WAL mode, synchronous FULL, with a busy timeout and foreign keys', () => {
      const db = openSqliteDatabase(join(directory, 'a', 'b', 'ledger.db'));
      cleanups.push(() => db.close());

      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    });

    it('can relax synchronous to NORMAL', () => {
      const db = openSqliteDatabase(file, { synchronous: 'NORMAL' });
      cleanups.push(() => db.close());

      expect(db.pragma('synchronous', { simple: true })).toBe(1);
    });

    it('runs an unsynced transaction under NORMAL and puts FULL back, after a failure too (rolled back)', () => {
      const db = openSqliteDatabase(file);
      cleanups.push(() => db.close());
      db.exec('CREATE TABLE notes (text TEXT)');

      const inside = unsyncedTransaction(db, () => {
        db.prepare("INSERT INTO notes VALUES ('kept')").run();
        return db.pragma('synchronous', { simple: true });
      });
      expect(inside).toBe(1);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);

      expect(() =>
        unsyncedTransaction(db, () => {
          db.prepare("INSERT INTO notes VALUES ('undone')").run();
          throw new Error('fold failed');
        }),
      ).toThrow('fold failed');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.prepare('SELECT text FROM notes').pluck().all()).toEqual(['kept']);
    });

    it("drops the table of stream heads an earlier version kept, and goes on from each stream's last event", async () => {
      const first = open();
      await first.store.append('loan-1', [newEvent(), newEvent()], 'no_stream');
      const written = await first.store.readStream('loan-1');
      await first.store.close();
      // As an earlier version left it: a row per stream (here a stale one, which must not be believed).
      const earlier = openSqliteDatabase(file);
      earlier.exec('CREATE TABLE streams (stream_id TEXT PRIMARY KEY, version INTEGER NOT NULL, head_hash TEXT NOT NULL) WITHOUT ROWID');
      earlier.prepare('INSERT INTO streams VALUES (?, ?, ?)').run('loan-1', 1, written[0].hash);
      earlier.close();

      const { db, store } = open();

      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'streams'").all()).toEqual([]);
      await expect(store.append('loan-1', [newEvent()], 1)).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append('loan-1', [newEvent()], 2)).resolves.toMatchObject({ streamVersion: 3 });
      const [, second, third] = await store.readStream('loan-1');
      expect(third.prevHash).toBe(second.hash);
      expect(third.hash).toBe(eventHash(third, second.hash));
    });

    it('puts back whatever level the connection had at the time, each time (its statements are prepared once)', () => {
      const db = openSqliteDatabase(file);
      cleanups.push(() => db.close());
      const level = () => db.pragma('synchronous', { simple: true });

      for (const before of ['FULL', 'OFF', 'NORMAL', 'EXTRA', 'FULL']) {
        db.pragma(`synchronous = ${before}`);
        const had = level();
        expect(unsyncedTransaction(db, level)).toBe(1);
        expect(level()).toBe(had);
      }
    });
  });
});

/** A child process that appends through the store and prints each event id once its append is acknowledged. */
const KILLED_WRITER = `${TS_CHILD_PRELUDE}
const { randomUUID } = require('node:crypto');
const { openSqliteDatabase } = ${requireSource('src/infrastructure/event-store/sqlite/sqlite-database')};
const { SqliteEventStore } = ${requireSource('src/infrastructure/event-store/sqlite/sqlite-event-store')};
const store = new SqliteEventStore(openSqliteDatabase(process.argv[1]));
const metadata = { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt: '2024-05-01T10:00:00.000Z' };
const writer = async (w) => {
  for (let i = 0; ; i += 1) {
    const eventId = randomUUID();
    await store.append('writer-' + w, [{ eventId, type: 'Wrote', data: { i }, metadata }], i === 0 ? 'no_stream' : i);
    process.stdout.write(eventId + '\\n');
  }
};
for (let w = 0; w < 8; w += 1) writer(w);
`;

describe('catch-up subscription, as the SQLite store uses it', () => {
  const recorded = (position: string): RecordedEvent => ({
    eventId: `event-${position}`,
    type: 'ThingHappened',
    streamId: 'loan-1',
    streamVersion: Number(position),
    position,
    data: {},
    metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt: '2024-05-01T10:00:00.000Z' },
    prevHash: GENESIS_HASH,
    hash: GENESIS_HASH,
  });
  const logOf = (...positions: string[]) => positions.map(recorded);
  /** A read over a fixed log, and a promise kept once a read has found nothing more. */
  const readFrom = (log: readonly RecordedEvent[]) => {
    let drain: () => void = () => undefined;
    const drained = new Promise<void>((resolve) => (drain = resolve));
    const readAll = jest.fn(async (after: Position | null, limit: number) => {
      const batch = log.filter((event) => after === null || BigInt(event.position) > BigInt(after)).slice(0, limit);
      if (batch.length < limit) drain();
      return batch;
    });
    return { readAll, drained };
  };
  const positionsOf = (events: readonly RecordedEvent[]) => events.map((event) => event.position);

  it('reads in batches of the given size, each from the last position it emitted, until a short one', async () => {
    const { readAll, drained } = readFrom(logOf('1', '2', '3', '4', '5', '6', '7'));
    const signals = new Subject<void>();
    const received = lastValueFrom(catchUpSubscription(readAll, signals, null, 3).pipe(toArray()));

    await drained;
    signals.complete();

    expect(positionsOf(await received)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(readAll.mock.calls).toEqual([
      [null, 3],
      ['3', 3],
      ['6', 3],
    ]);
  });

  it('reads once per signal when each commit brings fewer events than a batch', async () => {
    const log = logOf('1');
    const readAll = jest.fn(async (after: Position | null, limit: number) =>
      log.filter((event) => after === null || BigInt(event.position) > BigInt(after)).slice(0, limit));
    const signals = new Subject<void>();
    const received = lastValueFrom(catchUpSubscription(readAll, signals, null, 3).pipe(toArray()));
    await new Promise((resolve) => setImmediate(resolve));

    log.push(recorded('2'));
    signals.next();
    await new Promise((resolve) => setImmediate(resolve));
    signals.complete();

    expect(positionsOf(await received)).toEqual(['1', '2']);
    expect(readAll.mock.calls).toEqual([
      [null, 3],
      ['1', 3],
    ]);
  });

  it('compares positions as numbers, not as text', async () => {
    const { readAll, drained } = readFrom(logOf('9', '10', '11'));
    const signals = new Subject<void>();
    const received = lastValueFrom(catchUpSubscription(readAll, signals, '8').pipe(toArray()));

    await drained;
    signals.complete();

    expect(positionsOf(await received)).toEqual(['9', '10', '11']);
  });

  it('never emits an event twice or goes back, even when a read answers from an older position', async () => {
    const answers = [logOf('1', '2', '3'), logOf('2', '3', '4'), logOf('10', '5')];
    let drain: () => void = () => undefined;
    const drained = new Promise<void>((resolve) => (drain = resolve));
    const readAll = jest.fn(async () => {
      const answer = answers.shift() ?? [];
      if (answers.length === 0) drain();
      return answer;
    });
    const signals = new Subject<void>();
    const received = lastValueFrom(catchUpSubscription(readAll, signals, null, 3).pipe(toArray()));

    await drained;
    signals.complete();

    expect(positionsOf(await received)).toEqual(['1', '2', '3', '4', '10']);
  });

  it('answers a signal that arrives while a read is in flight', async () => {
    const directory = temporaryDirectory();
    const store = new SqliteEventStore(openSqliteDatabase(join(directory, 'ledger.db')), { ownsDatabase: true });
    try {
      let releaseFirstRead: () => void = () => undefined;
      const firstReadHeld = new Promise<void>((resolve) => (releaseFirstRead = resolve));
      let reads = 0;
      const readAll = async (after: Position | null, limit: number) => {
        const batch = await store.readAll({ after, limit });
        reads += 1;
        if (reads === 1) await firstReadHeld;
        return batch;
      };
      const signals = new Subject<void>();
      const event = newEvent();
      const delivered = firstValueFrom(catchUpSubscription(readAll, signals, null));

      await store.append('loan-1', [event], 'no_stream');
      signals.next();
      releaseFirstRead();

      expect((await delivered).eventId).toBe(event.eventId);
    } finally {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('surfaces a failed read as an error of the subscription', async () => {
    const failure = new Error('disk on fire');
    const readAll = jest.fn(async () => {
      throw failure;
    });

    await expect(firstValueFrom(catchUpSubscription(readAll, new Subject<void>(), null))).rejects.toBe(failure);
  });

  it('stops reading once unsubscribed', async () => {
    const { readAll, drained } = readFrom(logOf('1'));
    const signals = new Subject<void>();
    const subscription = catchUpSubscription(readAll, signals, null).subscribe();
    await drained;
    const callsBefore = readAll.mock.calls.length;

    subscription.unsubscribe();
    signals.next();
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(readAll.mock.calls.length).toBe(callsBefore);
    expect(signals.observed).toBe(false);
  });
});
