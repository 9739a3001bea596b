import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleCommand } from '../../../src/application/commands/handle-command';
import { LedgerMetrics } from '../../../src/application/operations/ledger-metrics';
import type { Labels, Metrics } from '../../../src/application/ports/metrics.port';
import { ConcurrencyError, type EventStore } from '../../../src/application/ports/event-store.port';
import { freshIds } from '../../../src/application/ports/ids.port';
import { systemClock } from '../../../src/application/ports/clock.port';
import type { Command, Decider, DomainEvent } from '../../../src/domain/shared/decider';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';

type Counted = DomainEvent<'Counted', { n: number }>;
type Count = Command<'Count', object>;
/** Each command records the next number: a command decided on a stale state would repeat one. */
const counter: Decider<number, Count, Counted> = {
  initialState: () => 0,
  evolve: (_, event) => event.data.n,
  decide: (_, state) => [{ type: 'Counted', data: { n: state + 1 } }],
};
const context = { actor: { role: 'system' as const }, correlationId: 'c', causationId: 'c' };
const count = (now: Date): Count => ({ type: 'Count', data: {}, metadata: { now, actor: context.actor } });

describe('the command loop', () => {
  let directory: string;
  let stores: SqliteEventStore[];
  const openStore = () => {
    const store = new SqliteEventStore(openSqliteDatabase(join(directory, 'ledger.db')), { ownsDatabase: true });
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-loop-'));
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** The store's own methods, bound to it, with some replaced. */
  const delegate = (store: EventStore, overrides: Partial<EventStore>): EventStore => ({
    append: store.append.bind(store),
    readStream: store.readStream.bind(store),
    readDurableStream: store.readDurableStream.bind(store),
    readLastOfStream: store.readLastOfStream.bind(store),
    readEvent: store.readEvent.bind(store),
    readAll: store.readAll.bind(store),
    readMatching: store.readMatching.bind(store),
    headPosition: store.headPosition.bind(store),
    durable: store.durable.bind(store),
    subscribe: store.subscribe.bind(store),
    ping: store.ping.bind(store),
    close: store.close.bind(store),
    ...overrides,
  });

  /** The store, with every append's refusal counted. */
  const watched = (store: EventStore) => {
    const conflicts: unknown[] = [];
    const wrapper = delegate(store, {
      append: (...args: Parameters<EventStore['append']>) =>
        store.append(...args).catch((error: unknown) => {
          conflicts.push(error);
          throw error;
        }),
    });
    return { store: wrapper, conflicts };
  };

  it('runs commands for one stream in one process one after another: fifty at once, no conflict, no number repeated', async () => {
    const { store, conflicts } = watched(openStore());
    const deps = { store, clock: systemClock, ids: freshIds };

    await Promise.all(Array.from({ length: 50 }, () => handleCommand(deps, 'counter-1', counter, count, context)));

    expect(conflicts).toEqual([]);
    expect((await store.readStream('counter-1')).map((event) => (event.data as { n: number }).n)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('keeps the ISO 18626 provenance the context gives in the metadata of every event it writes, and nothing of it when there is none', async () => {
    const store = openStore();
    const deps = { store, clock: systemClock, ids: freshIds };
    const twice: Decider<number, Count, Counted> = { ...counter, decide: (_, state) => [{ type: 'Counted', data: { n: state + 1 } }, { type: 'Counted', data: { n: state + 2 } }] };

    await handleCommand(deps, 'counter-iso', twice, count, { ...context, iso18626: { supplyingAgencyRequestId: 'SBB-7' } });
    await handleCommand(deps, 'counter-iso', counter, count, context);

    expect((await store.readStream('counter-iso')).map((event) => event.metadata.iso18626)).toEqual([{ supplyingAgencyRequestId: 'SBB-7' }, { supplyingAgencyRequestId: 'SBB-7' }, undefined]);
  });

  it('decides commands given together in turn, each on the state the ones before leave, and writes them in one append, or nothing when one is refused', async () => {
    const appends: number[] = [];
    const store = openStore();
    const counting = delegate(store, { append: (streamId, events, expected) => (appends.push(events.length), store.append(streamId, events, expected)) });
    const deps = { store: counting, clock: systemClock, ids: freshIds };
    const upToThree: Decider<number, Count, Counted> = {
      ...counter,
      decide: (command, state) => {
        if (state >= 3) throw new Error('three at most');
        return counter.decide(command, state);
      },
    };

    const result = await handleCommand(deps, 'counter-8', upToThree, (now) => [count(now), count(now)], context);
    await expect(handleCommand(deps, 'counter-8', upToThree, (now) => [count(now), count(now)], context)).rejects.toThrow('three at most');

    expect(appends).toEqual([2]);
    expect(result).toMatchObject({ streamVersion: 2, events: [{ type: 'Counted' }, { type: 'Counted' }] });
    expect((await store.readStream('counter-8')).map((event) => (event.data as { n: number }).n)).toEqual([1, 2]);
  });

  it('grants what the command needs elsewhere once it is decided, before it writes: nothing when the command is refused, and nothing written when that is refused', async () => {
    const store = openStore();
    const deps = { store, clock: systemClock, ids: freshIds };
    const granted: number[] = [];
    const grant = async () => void granted.push((await store.readStream('counter-9')).length);
    const refusing: Decider<number, Count, Counted> = { ...counter, decide: () => { throw new Error('refused'); } };

    await handleCommand(deps, 'counter-9', counter, count, context, { beforeWriting: grant });
    await expect(handleCommand(deps, 'counter-9', refusing, count, context, { beforeWriting: grant })).rejects.toThrow('refused');
    await expect(handleCommand(deps, 'counter-9', counter, count, context, { beforeWriting: () => Promise.reject(new Error('taken')) })).rejects.toThrow('taken');

    expect(granted).toEqual([0]);
    expect(await store.readStream('counter-9')).toHaveLength(1);
  });

  it('decides again on the new state when another process appended in between, as often as it takes', async () => {
    const mine = openStore();
    const theirs = openStore();
    let interruptions = 3;
    const store = delegate(mine, {
      readStream: async (streamId: string) => {
        const history = await mine.readStream(streamId);
        if (interruptions-- > 0) await handleCommand({ store: theirs, clock: systemClock, ids: freshIds }, streamId, counter, count, context);
        return history;
      },
    });
    const { store: deps, conflicts } = watched(store);

    const result = await handleCommand({ store: deps, clock: systemClock, ids: freshIds }, 'counter-2', counter, count, context);

    expect(conflicts.map((error) => error instanceof ConcurrencyError)).toEqual([true, true, true]);
    expect(result.streamVersion).toBe(4);
    expect((await mine.readStream('counter-2')).map((event) => (event.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
  });

  it('counts a command that lost its stream on every retry as a conflict, and one written as accepted', async () => {
    const mine = openStore();
    const theirs = openStore();
    const counted: Labels[] = [];
    const recording: Metrics = {
      counter: ({ name }) => ({ inc: (labels = {}) => void (name === 'ledger_commands_total' && counted.push(labels)) }),
      histogram: () => ({ observe: () => undefined }),
      gauge: () => undefined,
    };
    const metrics = new LedgerMetrics(recording);
    // Another process appends between every read and append: the command never wins its stream.
    const store = delegate(mine, {
      readStream: async (streamId: string) => {
        const history = await mine.readStream(streamId);
        await handleCommand({ store: theirs, clock: systemClock, ids: freshIds }, streamId, counter, count, context);
        return history;
      },
    });

    await expect(handleCommand({ store, clock: systemClock, ids: freshIds, metrics }, 'counter-3', counter, count, context)).rejects.toBeInstanceOf(ConcurrencyError);
    await handleCommand({ store: mine, clock: systemClock, ids: freshIds, metrics }, 'counter-4', counter, count, context);

    expect(counted).toEqual([{ type: 'Count', outcome: 'conflict' }, { type: 'Count', outcome: 'accepted' }]);
  });

  describe('on a stream named by an id the command minted', () => {
    /** The store, with the streams read listed. */
    const reading = (store: EventStore) => {
      const reads: string[] = [];
      return { store: delegate(store, { readStream: (streamId: string, from?: number) => (reads.push(streamId), store.readStream(streamId, from)) }), reads };
    };
    /** Opens the stream once; a second decision would be refused. */
    const opener: Decider<number, Count, Counted> = {
      ...counter,
      decide: (_, state) => {
        if (state > 0) throw new Error('already open');
        return [{ type: 'Counted', data: { n: 1 } }];
      },
    };

    it('does not read it when the id is fresh, and writes it as a new stream', async () => {
      const { store, reads } = reading(openStore());

      const result = await handleCommand({ store, clock: systemClock, ids: freshIds }, 'counter-5', opener, count, context, { opensMintedStream: true });

      expect(reads).toEqual([]);
      expect(result.streamVersion).toBe(1);
      expect((await store.readStream('counter-5')).map((event) => event.eventId)).toEqual(result.events.map((event) => event.eventId));
    });

    it('reads it when the id derives from an Idempotency-Key, so a retry gets the first answer', async () => {
      const { store, reads } = reading(openStore());
      const keyed = { ...context, idempotencySeed: 'seed-1' };
      const deps = { store, clock: systemClock, ids: freshIds };

      const first = await handleCommand(deps, 'counter-6', opener, count, keyed, { opensMintedStream: true });
      const retry = await handleCommand(deps, 'counter-6', opener, count, keyed, { opensMintedStream: true });

      expect(reads).toEqual(['counter-6', 'counter-6']);
      expect(retry).toEqual(first);
    });

    it('reads it after all when something is already there (the append expected no stream)', async () => {
      const { store, reads } = reading(openStore());
      await handleCommand({ store, clock: systemClock, ids: freshIds }, 'counter-7', counter, count, context);
      reads.length = 0;

      const result = await handleCommand({ store, clock: systemClock, ids: freshIds }, 'counter-7', counter, count, context, { opensMintedStream: true });

      expect(reads).toEqual(['counter-7']);
      expect(result.streamVersion).toBe(2);
    });
  });
});
