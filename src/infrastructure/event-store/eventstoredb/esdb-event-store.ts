import { performance } from 'node:perf_hooks';
import {
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type Filter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult as EsdbAppendResult,
  type EventData,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { Observable, Subject } from 'rxjs';
import { invalidAppend, isExpected, repeatedEventId } from '../../../application/event-store/append-rules';
import { matches, readMatchingByScan } from '../../../application/event-store/matching';
import { systemClock, type Clock } from '../../../application/ports/clock.port';
import { canonicalJson, chainedHash } from '../../../application/event-store/hash-chain';
import {
  ConcurrencyError,
  DuplicateEventError,
  StoreClosedError,
  type AppendResult,
  type CommitObserver,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type MatchingPage,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadMatchingOptions,
  type RecordedEvent,
} from '../../../application/ports/event-store.port';
import { secondsSince } from '../../../application/operations/ledger-metrics';
import { decodePosition, encodePosition, isSystemEvent, revisionOfVersion, toPortError, versionOfRevision, type EsdbPosition } from './esdb-mapping';
import { KnownStreams, type KnownStream, type KnownStreamsLimits } from './known-streams';
import { resubscribingFeed, type FeedOptions } from './resubscribing-feed';

/** What the adapter needs of `EventStoreDBClient`: the real client, or a stand-in where no server runs. */
export interface EsdbClient {
  appendToStream(streamName: string, events: EventData[], options: { expectedRevision: AppendExpectedRevision }): Promise<EsdbAppendResult>;
  readStream(
    streamName: string,
    options: { fromRevision?: bigint | typeof START | typeof END; direction?: typeof FORWARDS | typeof BACKWARDS; maxCount?: number },
  ): AsyncIterable<ResolvedEvent>;
  readAll(options: { fromPosition?: ReadPosition; direction?: typeof FORWARDS | typeof BACKWARDS; maxCount?: number }): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter }): AsyncIterable<AllStreamResolvedEvent> & {
    unsubscribe(): Promise<void>;
  };
  dispose(): Promise<void>;
}

/**
 * EventStoreDB's own metadata of an event written by the ledger: the ledger's
 * metadata untouched, the hash chain beside it, and the correlation and
 * causation ids under the names EventStoreDB's projections understand.
 */
type StoredMetadata = Readonly<{
  $correlationId: string;
  $causationId: string;
  ledger: Readonly<{ metadata: EventMetadata; prevHash: string; hash: string }>;
}>;

/** An event as EventStoreDB gives it back, with its place in $all. */
type EsdbRecorded = NonNullable<ResolvedEvent['event']> & { position?: EsdbPosition };

/** Appends that lose a race with another process are tried again this many times before answering a conflict. */
const APPEND_ATTEMPTS = 5;
/** Events read per request when paging through $all. */
const PAGE = 500;

const toRecorded = (event: EsdbRecorded, prefix: string): RecordedEvent => {
  if (event.position === undefined) throw new Error(`EventStoreDB gave event ${event.id} without its position (it needs server 22.6 or later)`);
  const stored = event.metadata as StoredMetadata | undefined;
  if (stored?.ledger === undefined) throw new Error(`event ${event.id} in ${event.streamId} was not written by the ledger (no hash chain in its metadata)`);
  return {
    eventId: event.id,
    type: event.type,
    streamId: event.streamId.slice(prefix.length),
    streamVersion: versionOfRevision(event.revision),
    position: encodePosition(event.position),
    data: event.data as object,
    metadata: stored.ledger.metadata,
    prevHash: stored.ledger.prevHash,
    hash: stored.ledger.hash,
  };
};

/**
 * When the first event id is already in the stream: the version of the last
 * of them if the same ids sit there in the same order at consecutive versions
 * (a retry, answered as the first time), else a DuplicateEventError.
 * Undefined when none of the ids is in the stream.
 */
const retriedVersion = ({ versionOf }: KnownStream, events: readonly NewEvent[]): number | DuplicateEventError | undefined => {
  const first = versionOf.get(events[0].eventId);
  if (first === undefined) {
    const clash = events.find((event) => versionOf.has(event.eventId));
    return clash === undefined ? undefined : new DuplicateEventError(clash.eventId);
  }
  for (let i = 0; i < events.length; i += 1) {
    if (versionOf.get(events[i].eventId) !== first + i) return new DuplicateEventError(events[0].eventId);
  }
  return first + events.length - 1;
};

export type EsdbEventStoreOptions = Readonly<{
  /**
   * Put before every stream name, so that several ledgers (or test runs) share
   * one EventStoreDB: each sees only its own streams in the global log.
   */
  streamPrefix?: string;
  /** What stamps `recordedAt` (the system clock unless a test gives its own). */
  clock?: Clock;
  feed?: FeedOptions;
  /** Told of each append written (one append, its events, the time EventStoreDB took to take it). */
  onCommit?: CommitObserver;
  /** How many streams, and event ids across them, appends keep known (see KnownStreams). */
  known?: KnownStreamsLimits;
}>;

/**
 * The event store on EventStoreDB. Versions map to revisions (n ↔ n − 1),
 * positions to $all positions; the hash chain travels in each event's
 * metadata exactly as the embedded store computes it, so exports and offline
 * verification are the same whichever store wrote the log.
 *
 * Every append is written with the exact revision the chain was computed on,
 * so a concurrent writer in another process can never break a chain: the
 * loser re-reads and either answers a conflict or, when its expectation
 * allows, appends on the new head. Within one process, appends are written
 * one at a time, so they never race each other and recordedAt never goes back
 * in log order; run one writing process per ledger.
 *
 * An append reads only the events written to its stream since this process
 * last read or wrote it (none, unless another process wrote there): the
 * head's version and hash and every event id of the stream are kept, for a
 * bounded number of streams (KnownStreams). EventStoreDB has no index of
 * event ids, so the first append to a stream after a start, or after the
 * stream was forgotten, reads it whole, once.
 *
 * Limit: EventStoreDB keeps event ids unique per stream, not across streams,
 * so an id reused in another stream is not refused (the ledger derives ids
 * per command, so only a direct caller of the port could do that).
 */
export class EsdbEventStore implements EventStore {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly closing$ = new Subject<void>();
  private closed = false;
  private readonly prefix: string;
  private lastRecordedAt: string | undefined;
  private readonly known: KnownStreams;

  constructor(
    private readonly client: EsdbClient,
    private readonly options: EsdbEventStoreOptions = {},
  ) {
    this.prefix = options.streamPrefix ?? '';
    this.known = new KnownStreams(options.known);
    if (this.prefix.startsWith('$')) throw new RangeError('a stream prefix must not start with $: those streams are EventStoreDB\'s own');
  }

  append(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    const invalid = invalidAppend(streamId, events, expectedVersion);
    if (invalid) return Promise.reject(invalid);
    const repeated = repeatedEventId(events);
    if (repeated !== undefined) return Promise.reject(new DuplicateEventError(repeated));
    return this.track(this.inOrder(() => this.appendChecked(streamId, events, expectedVersion)));
  }

  async readStream(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    this.ensureOpen();
    return this.streamEvents(streamId, fromVersion);
  }

  /** The same as readStream: EventStoreDB serves reads only of events it has flushed to disk (on a quorum of a cluster's nodes). */
  readDurableStream(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    return this.readStream(streamId, fromVersion);
  }

  /** At once: what EventStoreDB serves is already flushed (see readDurableStream). */
  durable(): Promise<void> {
    return Promise.resolve();
  }

  async readLastOfStream(streamId: string): Promise<RecordedEvent | null> {
    this.ensureOpen();
    try {
      for await (const resolved of this.client.readStream(this.prefix + streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        if (resolved.event) return toRecorded(resolved.event as EsdbRecorded, this.prefix);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return null;
  }

  /** Also used by appends that close() lets finish. */
  private async streamEvents(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(this.prefix + streamId, { fromRevision: revisionOfVersion(Math.max(1, fromVersion)), direction: FORWARDS })) {
        if (resolved.event) events.push(toRecorded(resolved.event as EsdbRecorded, this.prefix));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    this.ensureOpen();
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const out: RecordedEvent[] = [];
    let from: ReadPosition = after === null || after === undefined ? START : decodePosition(after);
    let seen = from === START ? -1n : BigInt(after!);
    for (;;) {
      // $all reads include their starting position and EventStoreDB's own events: page until `limit` of ours.
      let read = 0;
      for await (const resolved of this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: PAGE })) {
        read += 1;
        const event = resolved.event as EsdbRecorded | undefined;
        if (event?.position === undefined) continue;
        // The next page starts here even when this event was read before: a read from a position inside a
        // transaction starts again at the transaction's first event, and a page of nothing but such events
        // would otherwise start the next page where this one did, for ever.
        from = event.position;
        const position = BigInt(encodePosition(event.position));
        if (position <= seen) continue;
        seen = position;
        if (!this.isOurs(event)) continue;
        out.push(toRecorded(event, this.prefix));
        if (out.length === limit) return out;
      }
      if (read < PAGE) return out;
    }
  }

  /** One stream's matches are read from that stream; reads of $all are not narrowed here: each event is read and tested (readMatchingByScan). */
  async readMatching(options: ReadMatchingOptions): Promise<MatchingPage> {
    if (options.streamId === undefined) return readMatchingByScan((batch) => this.readAll(batch), options);
    const after = options.after === null || options.after === undefined ? -1n : BigInt(options.after);
    const wanted = matches(options);
    const events = (await this.readDurableStream(options.streamId)).filter((event) => BigInt(event.position) > after && wanted(event)).slice(0, options.limit);
    return { events, lookedTo: events.length === options.limit ? events[events.length - 1].position : null };
  }

  async headPosition(): Promise<Position | null> {
    this.ensureOpen();
    let from: ReadPosition = END;
    for (;;) {
      let read = 0;
      for await (const resolved of this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: PAGE })) {
        read += 1;
        const event = resolved.event as EsdbRecorded | undefined;
        if (event?.position === undefined) continue;
        if (this.isOurs(event)) return encodePosition(event.position);
        from = event.position;
      }
      if (read < PAGE) return null;
    }
  }

  /**
   * EventStoreDB keeps no index of event ids across streams: this reads $all
   * from the newest event back until it finds the id, so its cost grows with
   * how far back the event lies.
   */
  async readEvent(eventId: string): Promise<RecordedEvent | null> {
    this.ensureOpen();
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS })) {
      const event = resolved.event as EsdbRecorded | undefined;
      if (event !== undefined && event.id === eventId && this.isOurs(event)) return toRecorded(event, this.prefix);
    }
    return null;
  }

  subscribe(after: Position | null = null): Observable<RecordedEvent> {
    const open = (from: Position | null) => {
      const subscription = this.client.subscribeToAll({
        fromPosition: from === null ? START : decodePosition(from),
        filter: this.prefix === '' ? excludeSystemEvents() : streamNameFilter({ prefixes: [this.prefix] }),
      });
      return { events: this.ledgerEventsOf(subscription), stop: () => subscription.unsubscribe() };
    };
    return resubscribingFeed(open, after, this.closing$, this.options.feed);
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) void resolved;
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    this.closing$.next();
    this.closing$.complete();
    await this.client.dispose();
  }

  private async *ledgerEventsOf(events: AsyncIterable<AllStreamResolvedEvent>): AsyncIterable<RecordedEvent> {
    for await (const resolved of events) {
      const event = resolved.event as EsdbRecorded | undefined;
      if (event !== undefined && this.isOurs(event)) yield toRecorded(event, this.prefix);
    }
  }

  /**
   * Reads what is new in the stream, answers a retry as the first time,
   * checks the caller's expectation, then writes on the exact head it knows.
   * Losing a race with another process reads again, a bounded number of times.
   */
  private async appendChecked(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      const known = await this.readOn(streamId);
      const retried = retriedVersion(known, events);
      if (retried instanceof Error) throw retried;
      if (retried !== undefined) return { streamVersion: retried, position: await this.positionOf(streamId, retried) };
      if (!isExpected(expected, known.version)) throw new ConcurrencyError(streamId, expected, known.version);
      try {
        return await this.write(streamId, events, known);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= APPEND_ATTEMPTS) throw toPortError(error, streamId, expected);
      }
    }
  }

  /**
   * The stream as known, brought up to date with the events after the known
   * version: those another process wrote, or, the first time, all of them.
   */
  private async readOn(streamId: string): Promise<KnownStream> {
    return this.known.learn(streamId, await this.streamEvents(streamId, this.known.of(streamId).version + 1));
  }

  /** Writes on `head` as it was checked: the known stream is a live record that this write itself moves on. */
  private async write(streamId: string, events: readonly NewEvent[], { version: headVersion, hash: headHash }: KnownStream): Promise<AppendResult> {
    let prevHash = headHash;
    const recordedAt = await this.recordedAt();
    const written = events.map((event, i) => {
      const stamped = { ...event.metadata, recordedAt };
      const streamVersion = headVersion + i + 1;
      const hash = chainedHash(
        { eventId: event.eventId, type: event.type, streamId, streamVersion },
        canonicalJson(event.data),
        canonicalJson(stamped),
        prevHash,
      );
      const metadata: StoredMetadata = {
        $correlationId: event.metadata.correlationId,
        $causationId: event.metadata.causationId,
        ledger: { metadata: stamped, prevHash, hash },
      };
      prevHash = hash;
      return { eventId: event.eventId, streamVersion, hash, data: jsonEvent({ id: event.eventId, type: event.type, data: event.data as Record<string, unknown>, metadata }) };
    });
    const start = performance.now();
    const result = await this.client.appendToStream(this.prefix + streamId, written.map(({ data }) => data), {
      expectedRevision: headVersion === 0 ? NO_STREAM : revisionOfVersion(headVersion),
    });
    this.known.learn(streamId, written);
    this.options.onCommit?.(1, events.length, secondsSince(start));
    const streamVersion = versionOfRevision(result.nextExpectedRevision);
    return { streamVersion, position: await this.positionOf(streamId, streamVersion, result) };
  }

  /**
   * The $all position of the stream's event at `version`, read back: an
   * append's answer does not say which event its position names.
   */
  private async positionOf(streamId: string, version: number, written?: EsdbAppendResult): Promise<Position> {
    for await (const resolved of this.client.readStream(this.prefix + streamId, { fromRevision: revisionOfVersion(version), direction: FORWARDS, maxCount: 1 })) {
      const position = (resolved.event as EsdbRecorded | undefined)?.position;
      if (position !== undefined) return encodePosition(position);
    }
    if (written?.position === undefined) throw new Error(`EventStoreDB did not say where version ${version} of ${streamId} was written`);
    return encodePosition(written.position);
  }

  /**
   * The later of the clock and the newest recordedAt this process knows (read
   * from the log's head at the first append): never decreasing in log order
   * for the appends of one process, the one writer the adapter supports.
   */
  private async recordedAt(): Promise<string> {
    this.lastRecordedAt ??= await this.headRecordedAt();
    const now = (this.options.clock ?? systemClock).now().toISOString();
    if (now > this.lastRecordedAt) this.lastRecordedAt = now;
    return this.lastRecordedAt;
  }

  /** The recordedAt of the newest ledger event in $all, or '' for an empty log. */
  private async headRecordedAt(): Promise<string> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS })) {
      const event = resolved.event as EsdbRecorded | undefined;
      if (event !== undefined && this.isOurs(event)) return toRecorded(event, this.prefix).metadata.recordedAt;
    }
    return '';
  }

  /**
   * Runs `work` after every earlier append of this process has settled: one
   * write at a time, so appends never race each other and each is stamped
   * no earlier than the one written before it.
   */
  private inOrder<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const forget = () => this.inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  private isOurs(event: EsdbRecorded): boolean {
    return !isSystemEvent(event) && event.streamId.startsWith(this.prefix);
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}
