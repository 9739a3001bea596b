import { Observable } from 'rxjs';
import type { Actor } from '../../domain/shared/decider';

/**
 * Global position of an event in the log: a monotonic, gap-tolerant sequence
 * given by the store. A decimal string outside the store, so that no client
 * does arithmetic on it and 64-bit values survive JSON.
 */
export type Position = string;

/**
 * What the caller expects of the stream before the append:
 * - 'no_stream': the stream has no events;
 * - 'stream_exists': it has at least one;
 * - 'any': no check;
 * - a number n >= 1: its last event has stream version n (versions start at 1).
 */
export type ExpectedVersion = 'no_stream' | 'any' | 'stream_exists' | number;

/** Metadata as the writer gives it; the store adds `recordedAt` (one given here is replaced). */
export type NewEventMetadata = Readonly<{
  actor: Actor & { keyId?: string };
  correlationId: string;
  causationId: string;
  [extra: string]: unknown;
}>;

export type EventMetadata = NewEventMetadata &
  Readonly<{
    /**
     * When the event entered the log, stamped by the store where it gives the
     * position (see EventStore.append): never earlier than that of the event
     * before it in the log, so a cut at an instant is a prefix of the log.
     */
    recordedAt: string;
  }>;

export type NewEvent = Readonly<{
  eventId: string;
  type: string;
  data: object;
  metadata: NewEventMetadata;
}>;

export type RecordedEvent = Readonly<{
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  position: Position;
  data: object;
  metadata: EventMetadata;
  prevHash: string;
  hash: string;
}>;

export type AppendResult = Readonly<{
  /** Version of the stream after the append (that of its last event). */
  streamVersion: number;
  /** Position of the last event written. */
  position: Position;
}>;

export type ReadAllOptions = Readonly<{
  /** Exclusive: events after this position. Null or absent: from the start. */
  after?: Position | null;
  limit: number;
}>;

export type ReadMatchingOptions = ReadAllOptions &
  Readonly<{
    /** Event types wanted; every type when empty. */
    types: readonly string[];
    /** Only this stream's events, when given. */
    streamId?: string;
  }>;

/**
 * Matching events, and where the look through the log ended: the last
 * match's position when `limit` were found, else the last position looked
 * at; null when it reached the end of the log.
 */
export type MatchingPage = Readonly<{ events: RecordedEvent[]; lookedTo: Position | null }>;

export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
    this.name = 'ConcurrencyError';
  }
}

/** A retried append whose event ids were already written, but not as this same append. */
export class DuplicateEventError extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} was already written with different content or to another place`);
    this.name = 'DuplicateEventError';
  }
}

export class StoreClosedError extends Error {
  constructor() {
    super('the event store is closed');
    this.name = 'StoreClosedError';
  }
}

/**
 * The store can no longer make what it writes durable (a failed sync of its
 * log): it refuses every append until the service is restarted, and answers
 * its ping false.
 */
export class StoreFailedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreFailedError';
  }
}

export interface EventStore {
  /**
   * Appends events to one stream atomically, after checking the expected
   * version. Idempotent by event id: appending the same events again (same
   * ids, stream and order) writes nothing and answers as the first append did.
   * Resolves only once the events are durable.
   *
   * The store stamps each event's `metadata.recordedAt` as it gives it its
   * position, inside the commit: the later of its clock and the recordedAt of
   * the event before it in the log, so recordedAt never decreases in position
   * order and every cut "at or before an instant" is a prefix of the log. The
   * hash covers the stamped value.
   */
  append(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult>;

  /**
   * Events of one stream in version order, from `fromVersion` (inclusive,
   * default 1): every committed one, durable or not yet, as a command must
   * decide on the stream's latest version.
   */
  readStream(streamId: string, fromVersion?: number): Promise<RecordedEvent[]>;

  /**
   * As readStream, but only its durable events, as readAll, headPosition and
   * subscribe give them: for what is shown outside (queries), which must
   * show nothing a power cut could still take away.
   */
  readDurableStream(streamId: string, fromVersion?: number): Promise<RecordedEvent[]>;

  /** The newest event of one stream, read without reading the rest of it; null when the stream has none. */
  readLastOfStream(streamId: string): Promise<RecordedEvent | null>;

  /** One event by its id, or null when the log does not hold it. */
  readEvent(eventId: string): Promise<RecordedEvent | null>;

  /** A batch of the global log in position order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * The global log narrowed to some types or one stream, in position order:
   * at most `limit` events, found by looking through a bounded part of the
   * log (each store bounds what one read may cost), so a page may be short,
   * or empty, before the end. Continue after `lookedTo`. Like readAll, only
   * durable events.
   */
  readMatching(options: ReadMatchingOptions): Promise<MatchingPage>;

  /** Position of the newest event, or null when the log is empty. */
  headPosition(): Promise<Position | null>;

  /**
   * Resolves once every event committed before the call is on disk: for an
   * answer found in a stream (a repeat of a message already recorded), which
   * must not be given while the record it repeats could still be lost. At
   * once where a committed event is already durable when it can be read.
   */
  durable(): Promise<void>;

  /**
   * Every event after `after`, first those already stored (catch-up), then
   * each new one as it is appended (live), in position order with no gap and
   * no duplicate. Unsubscribing stops it.
   */
  subscribe(after?: Position | null): Observable<RecordedEvent>;

  /** True when the store answers. */
  ping(): Promise<boolean>;

  /** Finishes the appends in flight, then releases the store. */
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

/**
 * Told by an event store after each transaction it commits: how many appends
 * it answered (refused ones included), the events it wrote, and how long it took.
 */
export type CommitObserver = (appends: number, events: number, seconds: number) => void;
