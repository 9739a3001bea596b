import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  STREAM_NAME,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Filter,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { EsdbClient } from '../../../src/infrastructure/event-store/eventstoredb/esdb-event-store';
import type { EsdbPosition } from '../../../src/infrastructure/event-store/eventstoredb/esdb-mapping';

type Stored = {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  data: unknown;
  metadata: unknown;
  created: Date;
  isJson: true;
  position: EsdbPosition;
};

const after = (a: EsdbPosition, b: EsdbPosition) => a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
const atOrAfter = (a: EsdbPosition, b: EsdbPosition) => !after(b, a);
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type InMemoryEsdbOptions = Readonly<{
  /** A live subscription fails after delivering this many events, every time (the drop a network or a leader change causes). */
  dropSubscriptionsEvery?: number;
}>;

/**
 * A stand-in for an EventStoreDB node, for the machines where none can run:
 * streams with revisions from 0, one $all log holding EventStoreDB's own
 * system events between the ledger's, the server's checks of expected
 * revisions with its WrongExpectedVersionError, the prepare records of an
 * append followed by its commit record (commit >= prepare), inclusive $all reads,
 * exclusive subscriptions with server-side event-type filters, and data that
 * crosses a wire (JSON). It models the behaviour the adapter relies on, as
 * the client's documentation states it; the contract suite runs against a
 * real server whenever ESDB_CONNECTION_STRING is set.
 */
export class InMemoryEsdb implements EsdbClient {
  private readonly streams = new Map<string, Stored[]>();
  private readonly all: Stored[] = [];
  private offset = 1000n;
  private readonly listeners = new Set<() => void>();
  disposed = false;

  constructor(private readonly options: InMemoryEsdbOptions = {}) {
    this.writeSystemEvent();
  }

  async appendToStream(streamName: string, events: EventData[], { expectedRevision }: { expectedRevision: AppendExpectedRevision }): Promise<AppendResult> {
    await turn();
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? undefined : stream[stream.length - 1].revision;
    if (!this.meets(expectedRevision, current)) {
      throw new WrongExpectedVersionError(undefined, { streamName, expected: expectedRevision, current: current ?? NO_STREAM });
    }
    // Prepare records first, then the commit record after them: commit >= prepare, as in EventStoreDB.
    const commit = this.offset + BigInt(events.length) * 10n;
    events.forEach((event, i) => {
      const stored: Stored = {
        streamId: streamName,
        id: event.id,
        type: event.type,
        revision: BigInt(stream.length),
        data: wire(event.data),
        metadata: wire(event.metadata),
        created: new Date(),
        isJson: true,
        position: { commit, prepare: this.offset + BigInt(i) * 10n },
      };
      stream.push(stored);
      this.all.push(stored);
    });
    this.offset = commit + 7n;
    this.streams.set(streamName, stream);
    if (this.all.length % 3 === 0) this.writeSystemEvent();
    for (const listener of this.listeners) listener();
    return { success: true, nextExpectedRevision: BigInt(stream.length - 1), position: { commit, prepare: commit - 10n } };
  }

  async *readStream(
    streamName: string,
    options: { fromRevision?: bigint | typeof START | typeof END; direction?: string; maxCount?: number },
  ): AsyncIterable<ResolvedEvent> {
    await turn();
    const stream = this.streams.get(streamName);
    if (stream === undefined) throw new StreamNotFoundError(undefined, streamName);
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision;
    let events = backwards ? [...stream].reverse() : [...stream];
    if (typeof from === 'bigint') events = events.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
    for (const event of events.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER)) yield { event: this.recorded(event) } as ResolvedEvent;
  }

  async *readAll(options: { fromPosition?: ReadPosition; direction?: string; maxCount?: number }): AsyncIterable<AllStreamResolvedEvent> {
    await turn();
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition ?? (backwards ? END : START);
    const count = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    // The log is in $all order: find where the read starts, then take `count` from there.
    const firstAtOrAfter = (p: EsdbPosition) => {
      const i = this.all.findIndex((e) => atOrAfter(e.position, p));
      return i < 0 ? this.all.length : i;
    };
    let events: Stored[];
    if (backwards) {
      const end = from === END || from === START ? this.all.length : firstAtOrAfter(from) + (this.all.some((e) => !after(e.position, from) && !after(from, e.position)) ? 1 : 0);
      events = this.all.slice(Math.max(0, end - count), end).reverse();
    } else {
      const begin = from === START ? 0 : from === END ? this.all.length : firstAtOrAfter(from);
      events = this.all.slice(begin, begin + count);
    }
    for (const event of events) {
      yield { event: this.recorded(event), commitPosition: event.position.commit } as AllStreamResolvedEvent;
    }
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter }) {
    const filter = options.filter;
    const passes = (event: Stored): boolean => {
      if (filter === undefined) return true;
      const subject = filter.filterOn === STREAM_NAME ? event.streamId : event.type;
      return 'prefixes' in filter ? filter.prefixes.some((p) => subject.startsWith(p)) : new RegExp(filter.regex).test(subject);
    };
    const from = options.fromPosition ?? START;
    const all = this.all;
    const listeners = this.listeners;
    const dropEvery = this.options.dropSubscriptionsEvery;
    const toResolved = (event: Stored) => ({ event: this.recorded(event), commitPosition: event.position.commit }) as AllStreamResolvedEvent;
    let stopped = false;
    let wake: (() => void) | undefined;
    const listener = () => wake?.();
    listeners.add(listener);
    async function* events(): AsyncGenerator<AllStreamResolvedEvent> {
      let index = from === START ? 0 : from === END ? all.length : all.findIndex((e) => after(e.position, from as EsdbPosition));
      if (index < 0) index = all.length;
      let delivered = 0;
      try {
        while (!stopped) {
          if (index >= all.length) {
            await new Promise<void>((resolve) => (wake = resolve));
            continue;
          }
          const event = all[index++];
          if (!passes(event)) continue;
          if (index % 50 === 0) await turn();
          if (stopped) return;
          yield toResolved(event);
          delivered += 1;
          if (dropEvery !== undefined && delivered % dropEvery === 0) throw new Error('connection to the node was lost');
        }
      } finally {
        listeners.delete(listener);
      }
    }
    const iterator = events();
    return Object.assign(iterator, {
      unsubscribe: async () => {
        stopped = true;
        listeners.delete(listener);
        wake?.();
      },
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const listener of this.listeners) listener();
  }

  private meets(expected: AppendExpectedRevision, current: bigint | undefined): boolean {
    if (expected === ANY) return true;
    if (expected === NO_STREAM) return current === undefined;
    if (expected === STREAM_EXISTS) return current !== undefined;
    return current === expected;
  }

  /** EventStoreDB writes its own events ($statistics, $metadata...) into $all between anyone else's. */
  private writeSystemEvent(): void {
    const commit = this.offset;
    this.offset += 13n;
    this.all.push({
      streamId: '$stats-127.0.0.1:2113',
      id: `00000000-0000-4000-8000-${commit.toString().padStart(12, '0')}`,
      type: '$statsCollected',
      revision: 0n,
      data: {},
      metadata: {},
      created: new Date(),
      isJson: true,
      position: { commit, prepare: commit },
    });
  }

  private recorded(event: Stored) {
    return { ...event, data: wire(event.data), metadata: wire(event.metadata) };
  }
}
