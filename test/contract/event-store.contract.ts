import { randomUUID } from 'node:crypto';
import { firstValueFrom, lastValueFrom, filter, takeWhile, toArray } from 'rxjs';
import { eventHash, GENESIS_HASH } from '../../src/application/event-store/hash-chain';
import {
  ConcurrencyError,
  DuplicateEventError,
  StoreClosedError,
  type CommitObserver,
  type EventStore,
  type ExpectedVersion,
  type MatchingPage,
  type NewEvent,
  type Position,
  type ReadMatchingOptions,
  type RecordedEvent,
} from '../../src/application/ports/event-store.port';
import type { Clock } from '../../src/application/ports/clock.port';

export type EventStoreFixture = { store: EventStore; dispose: () => Promise<void> };

/** A clock the suite moves by hand, given to every store it makes: it stamps recordedAt. */
const testClock = { at: new Date('2024-05-01T10:00:00.000Z'), now(): Date { return this.at; } };
const setClock = (iso: string) => { testClock.at = new Date(iso); };
const stampedBy = (metadata: NewEvent['metadata'], recordedAt = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)) =>
  ({ ...metadata, recordedAt });

const HASH = /^[0-9a-f]{64}$/;
const DECIMAL = /^\d+$/;

const metadata = (): NewEvent['metadata'] => ({
  actor: { role: 'librarian', library: 'ID-JKPNRI', keyId: 'key-7' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
});

const newEvent = (data: object = { n: 1 }, type = 'ThingHappened'): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: metadata(),
});

const newEvents = (count: number, type = 'ThingCounted'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent({ i }, type));

const uniqueStream = (prefix = 'loan'): string => `${prefix}-${randomUUID()}`;

const range = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

/** Positions are opaque decimal strings, compared as numbers. */
const expectStrictlyIncreasing = (positions: readonly Position[]): void => {
  positions.forEach((position) => expect(position).toMatch(DECIMAL));
  const notAfterPrevious = positions.filter((position, i) => i > 0 && BigInt(position) <= BigInt(positions[i - 1]));
  expect(notAfterPrevious).toEqual([]);
};

/** The whole log after `after`, read in batches of `limit`. */
const readEverything = async (store: EventStore, after: Position | null = null, limit = 1000): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for (let from = after; ; ) {
    const batch = await store.readAll({ after: from, limit });
    if (batch.length === 0) return all;
    all.push(...batch);
    from = batch[batch.length - 1].position;
  }
};

/** Every page readMatching gives, following lookedTo until it is null. */
const readMatchingPages = async (store: EventStore, options: Omit<ReadMatchingOptions, 'after'>): Promise<MatchingPage[]> => {
  const pages: MatchingPage[] = [];
  for (let after: Position | null = null; ; ) {
    const page = await store.readMatching({ ...options, after });
    pages.push(page);
    if (page.lookedTo === null) return pages;
    after = page.lookedTo;
  }
};

/** The error a promise is rejected with; fails the test if it resolves. */
const refusal = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to be rejected');
};

/** Lets anything already scheduled (a flush, a subscription's read) run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
};

/**
 * The one suite every event store adapter runs. `makeStore` gives a new,
 * empty store; `dispose` releases it (after the store may have been closed).
 */
export type StoreCapabilities = Readonly<{
  /**
   * False for a store that keeps event ids unique within a stream only
   * (EventStoreDB): the suite then checks that documented limit instead.
   */
  eventIdsUniqueAcrossStreams?: boolean;
  /** How many events (or positions) one readMatching of types alone looks through at most. */
  matchingLooksThrough: number;
}>;

/** What a store told its commit observer (the metrics, in the service). */
type Commit = Readonly<{ appends: number; events: number; seconds: number }>;

export const eventStoreContract = (
  name: string,
  makeStore: (clock: Clock, onCommit: CommitObserver) => Promise<EventStoreFixture>,
  capabilities: StoreCapabilities,
) =>
  describe(`${name} event store contract`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;
    let commits: Commit[];

    beforeEach(async () => {
      setClock('2024-05-01T10:00:00.000Z');
      commits = [];
      ({ store, dispose } = await makeStore(testClock, (appends, events, seconds) => commits.push({ appends, events, seconds })));
    });

    afterEach(async () => {
      await dispose();
    });

    describe('appending and reading', () => {
      it('gives back every envelope field of an appended event', async () => {
        const streamId = uniqueStream();
        const first = newEvent({ loanId: 'loan-1', lender: 'ID-JKPNRI', borrower: 'DE-1', items: [1, 2, 3], nested: { ok: true, none: null } }, 'LoanRequested');
        const second = newEvent({ loanId: 'loan-1', accepted: true }, 'LoanAccepted');

        const result = await store.append(streamId, [first, second], 'no_stream');
        const stored = await store.readStream(streamId);

        expect(result.streamVersion).toBe(2);
        expect(result.position).toMatch(DECIMAL);
        expect(stored).toHaveLength(2);
        [first, second].forEach((written, i) => {
          expect(stored[i]).toEqual({
            eventId: written.eventId,
            type: written.type,
            streamId,
            streamVersion: i + 1,
            position: expect.stringMatching(DECIMAL),
            data: written.data,
            metadata: stampedBy(written.metadata),
            prevHash: expect.stringMatching(HASH),
            hash: expect.stringMatching(HASH),
          });
        });
        expect(stored[1].position).toBe(result.position);
        expect(await readEverything(store)).toEqual(stored);
      });

      it('answers an append with the version and position of its last event', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, newEvents(2), 'no_stream');

        const result = await store.append(streamId, newEvents(3), 2);
        const stored = await store.readStream(streamId);

        expect(result).toEqual({ streamVersion: 5, position: stored[4].position });
      });

      it('reads a stream from a given version on', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, newEvents(5), 'no_stream');

        expect((await store.readStream(streamId, 3)).map((event) => event.streamVersion)).toEqual([3, 4, 5]);
        expect(await store.readStream(streamId, 6)).toEqual([]);
        expect((await store.readStream(streamId)).map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5]);
      });

      it('reads the durable events of a stream, from a given version on: once its appends are answered, all of them', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, newEvents(3), 'no_stream');
        await store.append(uniqueStream(), newEvents(1), 'no_stream');
        await store.append(streamId, newEvents(2), 3);
        const stored = await store.readStream(streamId);

        expect(stored).toHaveLength(5);
        expect(await store.readDurableStream(streamId)).toEqual(stored);
        expect(await store.readDurableStream(streamId, 4)).toEqual(stored.slice(3));
        expect(await store.readDurableStream(streamId, 6)).toEqual([]);
        expect(await store.readDurableStream(uniqueStream())).toEqual([]);
      });

      it('resolves durable() for what is committed, after which a durable read of a stream has all of it', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, newEvents(2), 'no_stream');
        await expect(store.durable()).resolves.toBeUndefined();
        expect(await store.readDurableStream(streamId)).toEqual(await store.readStream(streamId));
      });

      it('reads one event by its id, and null for an id it does not hold', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, newEvents(3), 'no_stream');
        const stored = await store.readStream(streamId);

        expect(await store.readEvent(stored[1].eventId)).toEqual(stored[1]);
        expect(await store.readEvent(randomUUID())).toBeNull();
      });

      it("reads a stream's newest event alone, and null for a stream with none", async () => {
        const streamId = uniqueStream();
        await store.append(streamId, newEvents(3), 'no_stream');
        await store.append(uniqueStream(), newEvents(1), 'no_stream');
        const stored = await store.readStream(streamId);

        expect(await store.readLastOfStream(streamId)).toEqual(stored[2]);
        await store.append(streamId, newEvents(1), 3);
        expect((await store.readLastOfStream(streamId))?.streamVersion).toBe(4);
        expect(await store.readLastOfStream(uniqueStream())).toBeNull();
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(uniqueStream())).toEqual([]);
      });

      it('refuses an append with no events', async () => {
        await expect(store.append(uniqueStream(), [], 'any')).rejects.toThrow();
      });
    });

    describe('telling its commit observer', () => {
      it('reports each commit with the appends it answered and its duration, and every event it wrote once', async () => {
        const streams = range(5).map(() => uniqueStream());
        const appended = await Promise.all(streams.map((streamId) => store.append(streamId, newEvents(3), 'no_stream')));
        expect(appended.map((result) => result.streamVersion)).toEqual([3, 3, 3, 3, 3]);
        const retried = newEvents(2);
        await store.append(streams[0], retried, 3);
        await store.append(streams[0], retried, 3);

        expect(commits.reduce((sum, commit) => sum + commit.events, 0)).toBe(17);
        expect(commits.reduce((sum, commit) => sum + commit.appends, 0)).toBeGreaterThanOrEqual(6);
        for (const commit of commits) {
          expect(commit.appends).toBeGreaterThanOrEqual(1);
          expect(commit.events).toBeLessThanOrEqual(3 * commit.appends);
          expect(commit.seconds).toBeGreaterThanOrEqual(0);
        }
      });
    });

    describe('expected versions', () => {
      const streamWithEvents = async (count: number): Promise<string> => {
        const streamId = uniqueStream();
        await store.append(streamId, newEvents(count), 'no_stream');
        return streamId;
      };

      const expectRefused = async (streamId: string, expected: ExpectedVersion, actual: number): Promise<void> => {
        const before = await store.readStream(streamId);
        const error = await refusal(store.append(streamId, [newEvent()], expected));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ streamId, expected, actual });
        expect(await store.readStream(streamId)).toEqual(before);
      };

      it('accepts no_stream for a stream that has no events', async () => {
        await expect(store.append(uniqueStream(), [newEvent()], 'no_stream')).resolves.toMatchObject({ streamVersion: 1 });
      });

      it('refuses no_stream for a stream that has events, naming its actual version', async () => {
        await expectRefused(await streamWithEvents(2), 'no_stream', 2);
      });

      it('accepts stream_exists for a stream that has events', async () => {
        const streamId = await streamWithEvents(2);
        await expect(store.append(streamId, [newEvent()], 'stream_exists')).resolves.toMatchObject({ streamVersion: 3 });
      });

      it('refuses stream_exists for a stream that has no events, naming version 0', async () => {
        await expectRefused(uniqueStream(), 'stream_exists', 0);
      });

      it('accepts any for a new stream and for a stream that has events', async () => {
        const streamId = uniqueStream();
        await expect(store.append(streamId, [newEvent()], 'any')).resolves.toMatchObject({ streamVersion: 1 });
        await expect(store.append(streamId, newEvents(2), 'any')).resolves.toMatchObject({ streamVersion: 3 });
      });

      it('accepts the exact version the stream is at', async () => {
        const streamId = await streamWithEvents(3);
        await expect(store.append(streamId, [newEvent()], 3)).resolves.toMatchObject({ streamVersion: 4 });
      });

      it('refuses a version behind the stream, naming its actual version', async () => {
        await expectRefused(await streamWithEvents(3), 2, 3);
      });

      it('refuses a version ahead of the stream, naming its actual version', async () => {
        await expectRefused(await streamWithEvents(3), 4, 3);
      });

      it('refuses a version for a stream that has no events, naming version 0', async () => {
        await expectRefused(uniqueStream(), 1, 0);
      });
    });

    describe('concurrent appends to one stream', () => {
      const race = async (streamId: string, racers: number, expected: ExpectedVersion) => {
        const outcomes = await Promise.allSettled(range(racers).map(() => store.append(streamId, [newEvent()], expected)));
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
        return { won, lost };
      };

      it('lets exactly one of two racing appends with the same expected version win, every time', async () => {
        for (const round of range(20)) {
          const streamId = uniqueStream();
          await store.append(streamId, [newEvent({ round })], 'no_stream');

          const { won, lost } = await race(streamId, 2, 1);

          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(lost[0]).toBeInstanceOf(ConcurrencyError);
          expect(await store.readStream(streamId)).toHaveLength(2);
        }
      });

      it('lets exactly one of twenty racing appends with the same expected version win', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, [newEvent()], 'no_stream');

        const { won, lost } = await race(streamId, 20, 1);

        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        lost.forEach((error) => expect(error).toBeInstanceOf(ConcurrencyError));
        const stored = await store.readStream(streamId);
        expect(stored).toHaveLength(2);
        expect(won[0]).toEqual({ status: 'fulfilled', value: { streamVersion: 2, position: stored[1].position } });
      });

      it('lets exactly one of twenty racers create a stream with no_stream', async () => {
        const streamId = uniqueStream('claim');

        const { won, lost } = await race(streamId, 20, 'no_stream');

        expect(won).toHaveLength(1);
        lost.forEach((error) => expect(error).toMatchObject({ name: 'ConcurrencyError', actual: 1 }));
        expect(await store.readStream(streamId)).toHaveLength(1);
      });
    });

    describe('the global log', () => {
      it('gives events of all streams strictly increasing positions, and reads them back in that order', async () => {
        const streams = range(3).map(() => uniqueStream());
        const appended: string[] = [];
        for (const round of range(4)) {
          for (const streamId of streams) {
            const events = newEvents(round + 1);
            await store.append(streamId, events, 'any');
            appended.push(...events.map((event) => event.eventId));
          }
        }
        await Promise.all(streams.map((streamId) => store.append(streamId, [newEvent()], 'any')));

        const log = await readEverything(store);

        expect(log).toHaveLength(appended.length + 3);
        expect(log.slice(0, appended.length).map((event) => event.eventId)).toEqual(appended);
        expectStrictlyIncreasing(log.map((event) => event.position));
      });

      it('reads from a position on, exclusive, and in batches of a given size', async () => {
        const streams = range(3).map(() => uniqueStream());
        for (const i of range(25)) await store.append(streams[i % 3], [newEvent({ i })], 'any');
        const log = await readEverything(store);

        const batches: RecordedEvent[][] = [];
        for (let after: Position | null = null; ; ) {
          const batch = await store.readAll({ after, limit: 10 });
          if (batch.length === 0) break;
          batches.push(batch);
          after = batch[batch.length - 1].position;
        }

        expect(batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
        expect(batches.flat()).toEqual(log);
        expect(await store.readAll({ after: log[9].position, limit: 3 })).toEqual(log.slice(10, 13));
        expect(await store.readAll({ after: log[24].position, limit: 10 })).toEqual([]);
      });

      it('reads on from a position inside an append of more events than a page of the store holds', async () => {
        const big = newEvents(1200);
        await store.append(uniqueStream(), big, 'no_stream');
        await store.append(uniqueStream(), [newEvent({ n: 'after' })], 'no_stream');
        const log = await readEverything(store);
        expect(log).toHaveLength(1201);
        const rest = await store.readAll({ after: log[1099].position, limit: 1000 });
        expect(rest.map((event) => event.eventId)).toEqual([...big.slice(1100).map((event) => event.eventId), log[1200].eventId]);
      });

      it('reads only the events of some types, of one stream, or both, in log order, in pages that follow lookedTo to the end', async () => {
        const [first, second] = [uniqueStream(), uniqueStream()];
        for (const i of range(12)) {
          await store.append(i % 3 === 0 ? second : first, [newEvent({ i }, ['LoanShipped', 'LoanReceived', 'ThingCounted'][i % 4 % 3])], 'any');
        }
        const log = await readEverything(store);
        const cases: Array<Omit<ReadMatchingOptions, 'after' | 'limit'>> = [
          { types: [] },
          { types: ['LoanShipped'] },
          { types: ['LoanShipped', 'LoanReceived'] },
          { types: [], streamId: second },
          { types: ['LoanShipped'], streamId: first },
          { types: ['NeverRecorded'] },
          { types: [], streamId: uniqueStream() },
        ];
        for (const options of cases) {
          const wanted = log.filter((event) => (options.types.length === 0 || options.types.includes(event.type)) && (!options.streamId || event.streamId === options.streamId));
          for (const limit of [2, 100]) {
            const pages = await readMatchingPages(store, { ...options, limit });
            expect({ options, limit, events: pages.flatMap((page) => page.events) }).toEqual({ options, limit, events: wanted });
            for (const page of pages) expect(page.events.length).toBeLessThanOrEqual(limit);
            // A full page continues after its last event; the last page ends the log.
            for (const page of pages.filter((p) => p.events.length === limit)) expect(page.lookedTo).toBe(page.events[limit - 1].position);
          }
        }
        // From a position on, exclusive; past the end, nothing and the end.
        const shipped = log.filter((event) => event.type === 'LoanShipped');
        expect((await store.readMatching({ after: shipped[0].position, limit: 100, types: ['LoanShipped'] })).events).toEqual(shipped.slice(1));
        expect(await store.readMatching({ after: log[log.length - 1].position, limit: 10, types: ['LoanShipped'] })).toEqual({ events: [], lookedTo: null });
      });

      it('looks through a bounded part of the log for rare types: a short page says where it stopped, and the next finds the rest', async () => {
        const rare = newEvent({ n: 'first' }, 'RareThing');
        const rareStream = uniqueStream();
        await store.append(rareStream, [rare], 'no_stream');
        for (let written = 0; written < capabilities.matchingLooksThrough + 500; written += 1000) await store.append(uniqueStream(), newEvents(1000), 'no_stream');
        const last = await store.append(uniqueStream(), [newEvent({ n: 'last' }, 'RareThing')], 'no_stream');

        const page = await store.readMatching({ after: null, limit: 10, types: ['RareThing'] });
        expect(page.events.map((event) => event.data)).toEqual([{ n: 'first' }]);
        expect(page.lookedTo).not.toBeNull();
        expect(BigInt(page.lookedTo!)).toBeLessThan(BigInt(last.position));
        const pages = await readMatchingPages(store, { limit: 10, types: ['RareThing'] });
        expect(pages.flatMap((p) => p.events.map((event) => event.data))).toEqual([{ n: 'first' }, { n: 'last' }]);
        // One stream's events are found wherever they lie, in one read.
        const own = await store.readMatching({ after: null, limit: 10, types: [], streamId: rareStream });
        expect(own).toEqual({ events: [expect.objectContaining({ eventId: rare.eventId })], lookedTo: null });
      }, 60_000);

      it('has no head position while empty, then the position of the newest event', async () => {
        expect(await store.headPosition()).toBeNull();

        await store.append(uniqueStream(), newEvents(2), 'no_stream');
        const last = await store.append(uniqueStream(), newEvents(3), 'no_stream');

        expect(await store.headPosition()).toBe(last.position);
      });
    });

    describe('subscriptions', () => {
      /** Everything the subscription delivers up to an event whose id is known before it is appended. */
      const receiveUntil = (after: Position | null, sentinel: NewEvent) =>
        lastValueFrom(
          store.subscribe(after).pipe(
            takeWhile((event) => event.eventId !== sentinel.eventId, true),
            toArray(),
          ),
        );

      const appendSentinel = (sentinel: NewEvent) => store.append(uniqueStream('sentinel'), [sentinel], 'no_stream');

      it('delivers stored events from the start when subscribed with no position', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, newEvents(3), 'no_stream');
        const sentinel = newEvent({}, 'Sentinel');
        const receiving = receiveUntil(null, sentinel);

        await appendSentinel(sentinel);
        const received = await receiving;

        expect(received).toEqual(await readEverything(store));
      });

      it('delivers every event exactly once in position order, from catch-up into live, while five writers append', async () => {
        const history = uniqueStream('history');
        for (const i of range(12)) await store.append(history, newEvents(100, 'HistoryWritten'), i === 0 ? 'no_stream' : i * 100);
        const middle = (await store.readAll({ after: null, limit: 200 }))[199].position;
        const sentinel = newEvent({}, 'Sentinel');
        const receiving = receiveUntil(middle, sentinel);

        await Promise.all(
          range(5).map(async (writer) => {
            const streamId = uniqueStream(`writer${writer}`);
            for (const i of range(200)) await store.append(streamId, [newEvent({ writer, i }, 'WriterWrote')], i === 0 ? 'no_stream' : i);
          }),
        );
        await appendSentinel(sentinel);
        const received = await receiving;
        const log = await readEverything(store, middle);

        expect(log).toHaveLength(1000 + 5 * 200 + 1);
        expect(received.map((event) => event.eventId)).toEqual(log.map((event) => event.eventId));
        expect(received).toEqual(log);
        expect(new Set(received.map((event) => event.eventId)).size).toBe(received.length);
        expectStrictlyIncreasing(received.map((event) => event.position));
      });

      it('delivers only newer events when subscribed at the head', async () => {
        await store.append(uniqueStream(), newEvents(3), 'no_stream');
        const head = await store.headPosition();
        const sentinel = newEvent({}, 'Sentinel');
        const receiving = receiveUntil(head, sentinel);

        const later = newEvents(2);
        await store.append(uniqueStream(), later, 'no_stream');
        await appendSentinel(sentinel);

        expect((await receiving).map((event) => event.eventId)).toEqual([...later.map((event) => event.eventId), sentinel.eventId]);
      });

      it('stops delivering once unsubscribed', async () => {
        const streamId = uniqueStream();
        const received: RecordedEvent[] = [];
        const subscription = store.subscribe(null).subscribe((event) => received.push(event));
        const firstSeen = firstValueFrom(store.subscribe(null));
        await store.append(streamId, [newEvent()], 'no_stream');
        await firstSeen;
        await settle();
        expect(received).toHaveLength(1);

        subscription.unsubscribe();
        const later = newEvent();
        const laterSeen = firstValueFrom(store.subscribe(null).pipe(filter((event) => event.eventId === later.eventId)));
        await store.append(streamId, [later], 1);
        await laterSeen;
        await settle();

        expect(received).toHaveLength(1);
      });
    });

    describe('idempotency by event id', () => {
      it('answers a retried append as it answered the first and writes nothing', async () => {
        const streamId = uniqueStream();
        const events = newEvents(3);
        const first = await store.append(streamId, events, 'no_stream');
        const head = await store.headPosition();

        const retry = await store.append(streamId, events, 'no_stream');

        expect(retry).toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(3);
        expect(await store.headPosition()).toBe(head);
      });

      it('answers a retry as the first time even after the stream has moved on', async () => {
        const streamId = uniqueStream();
        const events = [newEvent()];
        const first = await store.append(streamId, events, 'no_stream');
        await store.append(streamId, newEvents(2), 1);

        await expect(store.append(streamId, events, 'no_stream')).resolves.toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('answers simultaneous retries of one append alike, writing it once', async () => {
        const streamId = uniqueStream();
        const events = newEvents(2);

        const results = await Promise.all(range(5).map(() => store.append(streamId, events, 'no_stream')));

        results.forEach((result) => expect(result).toEqual(results[0]));
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      if (capabilities.eventIdsUniqueAcrossStreams !== false) {
        it('refuses an event id already written to another stream, and writes nothing', async () => {
          const event = newEvent();
          await store.append(uniqueStream(), [event], 'no_stream');
          const head = await store.headPosition();
          const other = uniqueStream();

          const error = await refusal(store.append(other, [event], 'any'));

          expect(error).toBeInstanceOf(DuplicateEventError);
          expect(error).toMatchObject({ eventId: event.eventId });
          expect(await store.readStream(other)).toEqual([]);
          expect(await store.headPosition()).toBe(head);
        });
      }

      it('refuses an event id already written in another append to the same stream, and writes nothing', async () => {
        const streamId = uniqueStream();
        const [a, b] = newEvents(2);
        await store.append(streamId, [a, b], 'no_stream');
        const head = await store.headPosition();

        await expect(store.append(streamId, [a, newEvent()], 'any')).rejects.toBeInstanceOf(DuplicateEventError);
        await expect(store.append(streamId, [newEvent(), b], 'any')).rejects.toBeInstanceOf(DuplicateEventError);

        expect(await store.readStream(streamId)).toHaveLength(2);
        expect(await store.headPosition()).toBe(head);
      });

      it('refuses an append that repeats an event id within itself, and writes nothing', async () => {
        const streamId = uniqueStream();
        const event = newEvent();

        await expect(store.append(streamId, [event, newEvent(), event], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventError);

        expect(await store.readStream(streamId)).toEqual([]);
        expect(await store.headPosition()).toBeNull();
      });

      if (capabilities.eventIdsUniqueAcrossStreams !== false) {
        it('lets only one of two simultaneous appends of one event id to two streams through', async () => {
          const event = newEvent();
          const [one, two] = [uniqueStream(), uniqueStream()];

          const outcomes = await Promise.allSettled([store.append(one, [event], 'any'), store.append(two, [event], 'any')]);

          expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
          const [refused] = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
          expect(refused).toBeInstanceOf(DuplicateEventError);
          expect((await store.readStream(one)).length + (await store.readStream(two)).length).toBe(1);
        });
      } else {
        it('keeps event ids unique within a stream only, the documented limit of this store', async () => {
          const event = newEvent();
          const [one, two] = [uniqueStream(), uniqueStream()];
          await store.append(one, [event], 'no_stream');

          await store.append(two, [event], 'no_stream');

          expect((await store.readStream(one)).map((e) => e.eventId)).toEqual([event.eventId]);
          expect((await store.readStream(two)).map((e) => e.eventId)).toEqual([event.eventId]);
          await expect(store.append(two, [event], 'no_stream')).resolves.toMatchObject({ streamVersion: 1 });
        });
      }
    });

    describe('payloads', () => {
      it('keeps unicode text exactly: emoji, right-to-left, combining characters', async () => {
        const streamId = uniqueStream();
        const data = {
          emoji: '📚👩🏽‍💻🇮🇩 — astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
          rtl: 'مكتبة وطنية — ספרייה לאומית \u200f!',
          combining: 'e\u0301 vs \u00e9, a\u030a, Z\u0351\u0367\u0312',
          escapes: 'quote " backslash \\ tab \t newline \n control \u0001 separator \u2028',
          'clé 🔑': { 'ключ': ['値', 'ค่า', 'Wert'] },
        };
        const event = { ...newEvent(data, 'UnicodeWritten'), metadata: { ...metadata(), actor: { role: 'librarian' as const, library: 'ÖSTERREICH-ÆØÅ' } } };

        await store.append(streamId, [event], 'no_stream');
        const [stored] = await store.readStream(streamId);

        expect(stored.data).toEqual(data);
        expect(stored.metadata).toEqual(stampedBy(event.metadata));
        expect(stored.hash).toBe(eventHash(stored, stored.prevHash));
      });

      it('keeps a 1 MB payload exactly', async () => {
        const streamId = uniqueStream();
        const unit = 'abcdefgh€ü📚';
        const blob = unit.repeat(Math.ceil((1024 * 1024) / unit.length)).slice(0, 1024 * 1024 - 1);
        const data = { blob, numbers: range(1000), size: blob.length };

        await store.append(streamId, [newEvent(data, 'LargeWritten')], 'no_stream');
        const [stored] = await store.readStream(streamId);
        const [logged] = await store.readAll({ after: null, limit: 1 });

        expect(stored.data).toEqual(data);
        expect(logged.data).toEqual(data);
      });
    });

    describe('the recorded time', () => {
      it('stamps recordedAt from its clock as it gives the position, replacing any the writer gave', async () => {
        const streamId = uniqueStream();
        setClock('2024-06-01T08:00:00.000Z');
        const claimed = { ...newEvent(), metadata: { ...metadata(), recordedAt: '1999-01-01T00:00:00.000Z' } };

        await store.append(streamId, [claimed], 'no_stream');
        const [stored] = await store.readStream(streamId);

        expect(stored.metadata.recordedAt).toBe('2024-06-01T08:00:00.000Z');
        expect(stored.hash).toBe(eventHash(stored, stored.prevHash));
      });

      it('never records an event earlier than the one before it in the log, even when the clock goes back', async () => {
        const instants = ['2024-06-01T08:00:00.000Z', '2024-06-01T07:00:00.000Z', '2024-06-01T09:00:00.000Z', '2024-06-01T06:00:00.000Z'];
        for (const instant of instants) {
          setClock(instant);
          await Promise.all(range(3).map(() => store.append(uniqueStream(), newEvents(2), 'no_stream')));
        }

        const recorded = (await readEverything(store)).map((event) => event.metadata.recordedAt);

        expect(recorded).toHaveLength(24);
        expect(recorded.filter((at, i) => i > 0 && at < recorded[i - 1])).toEqual([]);
        expect(recorded.slice(0, 6).every((at) => at === instants[0])).toBe(true);
        expect(recorded.slice(6, 12).every((at) => at === instants[0])).toBe(true);
        expect(recorded.slice(12).every((at) => at === instants[2])).toBe(true);
      });
    });

    describe('the hash chain', () => {
      it('starts every stream from the genesis hash and links each event to the one before it in its stream', async () => {
        const [one, two] = [uniqueStream(), uniqueStream()];
        await store.append(one, newEvents(2), 'no_stream');
        await store.append(two, newEvents(2), 'no_stream');
        await store.append(one, newEvents(3), 2);
        await store.append(two, [newEvent()], 2);

        for (const streamId of [one, two]) {
          const events = await store.readStream(streamId);
          expect(events[0].prevHash).toBe(GENESIS_HASH);
          events.forEach((event, i) => {
            if (i > 0) expect(event.prevHash).toBe(events[i - 1].hash);
            expect(event.hash).toBe(eventHash(event, event.prevHash));
          });
        }
      });

      it('keeps the chains of different streams independent', async () => {
        const [one, two] = [uniqueStream(), uniqueStream()];
        await store.append(one, newEvents(3), 'no_stream');
        await store.append(two, newEvents(1), 'no_stream');

        const [first] = await store.readStream(two);
        const chainOfOne = (await store.readStream(one)).map((event) => event.hash);

        expect(first.prevHash).toBe(GENESIS_HASH);
        expect(chainOfOne).not.toContain(first.hash);
      });

      it('gives events with the same content in different places different hashes', async () => {
        const [one, two] = [uniqueStream(), uniqueStream()];
        await store.append(one, [newEvent({ same: true })], 'no_stream');
        await store.append(two, [newEvent({ same: true })], 'no_stream');

        const [[a], [b]] = await Promise.all([store.readStream(one), store.readStream(two)]);

        expect(a.hash).not.toBe(b.hash);
      });
    });

    describe('health and closing', () => {
      it('answers a ping while open', async () => {
        await expect(store.ping()).resolves.toBe(true);
      });

      it('finishes the appends in flight when closed', async () => {
        const streamId = uniqueStream();
        const inFlight = store.append(streamId, newEvents(2), 'no_stream');

        await store.close();

        await expect(inFlight).resolves.toMatchObject({ streamVersion: 2 });
      });

      it('refuses appends once closed', async () => {
        await store.close();

        await expect(store.append(uniqueStream(), [newEvent()], 'any')).rejects.toBeInstanceOf(StoreClosedError);
        await expect(store.ping()).resolves.toBe(false);
      });

      it('can be closed twice', async () => {
        await store.close();
        await expect(store.close()).resolves.toBeUndefined();
      });
    });
  });
