import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Pool, PoolClient } from 'pg';
import { Observable, Subject } from 'rxjs';
import { invalidAppend, isExpected, repeatedEventId } from '../../../application/event-store/append-rules';
import { catchUpSubscription } from '../../../application/event-store/catch-up-subscription';
import { MATCHING_WINDOW } from '../../../application/event-store/matching';
import { systemClock, type Clock } from '../../../application/ports/clock.port';
import { GENESIS_HASH, canonicalJson, chainedHash, eventHash } from '../../../application/event-store/hash-chain';
import {
  ConcurrencyError,
  DuplicateEventError,
  StoreClosedError,
  type AppendResult,
  type CommitObserver,
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
import { migrate, quoteIdentifier } from './pg-migrations';
import { EVENT_STORE_MIGRATIONS } from './pg-event-store.schema';

/** Advisory lock key under which positions are handed out (see `commitBatch`). */
const LOG_LOCK = 0x1ed6e7;
/** The channel a commit notifies, so subscribers in every instance wake at once. */
export const EVENTS_CHANNEL = 'ledger_events';
/** How often a subscriber looks anyway, should a notification be lost with a connection. */
const POLL_MS = 1000;

// BIGINT comes back from pg as a decimal string, the port's position as it is.
const COLUMNS = 'position, event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash';

type EventRow = {
  position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: string;
  metadata: string;
  prev_hash: string;
  hash: string;
};

type PendingAppend = {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
  outcome?: Outcome;
};

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

const toRecorded = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  type: row.type,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  position: row.position,
  data: JSON.parse(row.data) as object,
  metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
  prevHash: row.prev_hash,
  hash: row.hash,
});

const toSqlPosition = (after: Position | null | undefined): string => {
  if (after === null || after === undefined) return '0';
  if (typeof after !== 'string' || !/^\d{1,19}$/.test(after)) throw new RangeError(`a position is a decimal string, got ${String(after)}`);
  return after;
};

export type PgEventStoreOptions = Readonly<{
  /** The schema that holds the log's tables; created when missing. */
  schema?: string;
  /** What stamps `recordedAt` (the system clock unless a test gives its own). */
  clock?: Clock;
  /** End the pool when the store closes (leave false when the pool is shared). */
  ownsPool?: boolean;
  /** Called inside each batch's transaction just before COMMIT: lets tests hold a transaction open. */
  beforeCommit?: () => Promise<void>;
  onCommit?: CommitObserver;
}>;

export type PgEventStoreStats = Readonly<{
  /** Transactions committed by group commit. */
  batches: number;
  /** Appends answered by those transactions, refused ones included. */
  appends: number;
  /** Events written. */
  events: number;
}>;

/**
 * The event store on PostgreSQL. Several service instances may append at
 * once. Appends that arrive together in one instance share one transaction
 * (group commit) and a few round trips, each append checked on its own
 * against its stream so that one refused append leaves the others (see
 * `commitBatch`).
 *
 * No reader ever skips a transaction that commits late: each batch takes a
 * transaction-level advisory lock before it draws positions, and holds it
 * until its commit is visible, so positions are handed out in commit order
 * across every instance. A reader that sees position p has therefore
 * already been able to see everything below p (rolled-back batches leave
 * gaps, which readers pass over).
 */
export class PgEventStore implements EventStore {
  private readonly committed$ = new Subject<void>();
  private queue: PendingAppend[] = [];
  private flushing?: Promise<void>;
  private closed = false;
  private listener?: PoolClient;
  private relisten?: NodeJS.Timeout;
  private poller?: NodeJS.Timeout;
  private readonly t: { events: string; streams: string };
  private readonly counters = { batches: 0, appends: 0, events: 0 };

  private constructor(
    private readonly pool: Pool,
    private readonly options: PgEventStoreOptions,
  ) {
    const schema = quoteIdentifier(options.schema ?? 'public');
    this.t = { events: `${schema}.events`, streams: `${schema}.streams` };
  }

  /** Creates or migrates the schema, then starts listening for other instances' commits. */
  static async open(pool: Pool, options: PgEventStoreOptions = {}): Promise<PgEventStore> {
    await migrate(pool, options.schema ?? 'public', 'event_store', EVENT_STORE_MIGRATIONS);
    const store = new PgEventStore(pool, options);
    await store.listen();
    return store;
  }

  get stats(): PgEventStoreStats {
    return { ...this.counters };
  }

  append(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    const invalid = invalidAppend(streamId, events, expectedVersion);
    if (invalid) return Promise.reject(invalid);
    const repeated = repeatedEventId(events);
    if (repeated !== undefined) return Promise.reject(new DuplicateEventError(repeated));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, expected: expectedVersion, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  async readStream(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.t.events} WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
      [streamId, fromVersion],
    );
    return rows.map(toRecorded);
  }

  /** The same as readStream: PostgreSQL shows a commit to other sessions only once its WAL record is flushed (synchronous_commit on, its default). */
  readDurableStream(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    return this.readStream(streamId, fromVersion);
  }

  /** At once: what another session can read is already flushed (see readDurableStream). */
  durable(): Promise<void> {
    return Promise.resolve();
  }

  async readLastOfStream(streamId: string): Promise<RecordedEvent | null> {
    this.ensureOpen();
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.t.events} WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1`,
      [streamId],
    );
    return rows.length === 0 ? null : toRecorded(rows[0]);
  }

  async readEvent(eventId: string): Promise<RecordedEvent | null> {
    this.ensureOpen();
    const { rows } = await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM ${this.t.events} WHERE event_id = $1`, [eventId]);
    return rows.length === 0 ? null : toRecorded(rows[0]);
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    this.ensureOpen();
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.t.events} WHERE position > $1 ORDER BY position LIMIT $2`,
      [toSqlPosition(after), limit],
    );
    return rows.map(toRecorded);
  }

  /**
   * One stream's matches are read down its index, however far apart they
   * lie in the log. Types alone are tested by PostgreSQL over at most
   * MATCHING_WINDOW positions of the primary key, so one read's cost is
   * bounded however rare they are.
   */
  async readMatching({ after, limit, types, streamId }: ReadMatchingOptions): Promise<MatchingPage> {
    this.ensureOpen();
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const from = BigInt(toSqlPosition(after));
    const typed = types.length > 0 ? [...types] : null;
    const windowed = streamId === undefined && typed !== null;
    const until = windowed ? from + BigInt(MATCHING_WINDOW) : null;
    const { rows } = await this.pool.query<EventRow>(
      streamId === undefined
        ? `SELECT ${COLUMNS} FROM ${this.t.events} WHERE position > $1 AND ($2::bigint IS NULL OR position <= $2)
             AND ($3::text[] IS NULL OR type = ANY($3)) ORDER BY position LIMIT $4`
        : `SELECT ${COLUMNS} FROM ${this.t.events} WHERE stream_id = $5 AND position > $1 AND ($2::bigint IS NULL OR position <= $2)
             AND ($3::text[] IS NULL OR type = ANY($3)) ORDER BY stream_version LIMIT $4`,
      [String(from), until === null ? null : String(until), typed, limit, ...(streamId === undefined ? [] : [streamId])],
    );
    const events = rows.map(toRecorded);
    if (events.length === limit) return { events, lookedTo: events[limit - 1].position };
    if (until === null) return { events, lookedTo: null };
    const head = await this.headPosition();
    return { events, lookedTo: head !== null && until < BigInt(head) ? String(until) : null };
  }

  async headPosition(): Promise<Position | null> {
    this.ensureOpen();
    const { rows } = await this.pool.query<{ head: string | null }>(`SELECT max(position)::text AS head FROM ${this.t.events}`);
    return rows[0].head;
  }

  subscribe(after: Position | null = null): Observable<RecordedEvent> {
    return catchUpSubscription((from, limit) => this.readAll({ after: from, limit }), this.committed$, after);
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    clearInterval(this.poller);
    clearTimeout(this.relisten);
    this.committed$.complete();
    if (this.listener) {
      this.listener.removeAllListeners('notification');
      await this.listener.query(`UNLISTEN ${EVENTS_CHANNEL}`).catch(() => undefined);
      this.listener.release();
    }
    if (this.options.ownsPool) await this.pool.end();
  }

  /**
   * Writes events recorded by another store exactly as they were recorded:
   * same positions, ids, versions and hashes, each checked against its
   * stream's chain first (a log that does not verify is not copied). For the
   * move from the embedded file; the target must hold nothing before the first
   * batch, and batches must come in log order.
   */
  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    this.ensureOpen();
    if (events.length === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
      const heads = await client.query<{ stream_id: string; version: number; head_hash: string }>(
        `SELECT stream_id, version, head_hash FROM ${this.t.streams} WHERE stream_id = ANY($1::text[])`,
        [[...new Set(events.map((e) => e.streamId))]],
      );
      const chain = new Map(heads.rows.map((row) => [row.stream_id, { version: row.version, hash: row.head_hash }]));
      const columns: string[][] = [[], [], [], [], [], [], [], [], [], []];
      for (const event of events) {
        const head = chain.get(event.streamId) ?? { version: 0, hash: GENESIS_HASH };
        if (event.streamVersion !== head.version + 1 || event.prevHash !== head.hash || eventHash(event, event.prevHash) !== event.hash) {
          throw new Error(`event ${event.eventId} at position ${event.position} (${event.streamId} v${event.streamVersion}) does not verify against its stream's chain`);
        }
        chain.set(event.streamId, { version: event.streamVersion, hash: event.hash });
        const row = [event.position, event.eventId, event.streamId, String(event.streamVersion), event.type, canonicalJson(event.data), canonicalJson(event.metadata), event.prevHash, event.hash, event.metadata.recordedAt];
        row.forEach((value, c) => columns[c].push(value));
      }
      await client.query(
        `INSERT INTO ${this.t.events} (position, event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash, recorded_at) OVERRIDING SYSTEM VALUE
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
        columns,
      );
      const streams = [...chain.entries()];
      await client.query(
        `INSERT INTO ${this.t.streams} (stream_id, version, head_hash) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])
         ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash`,
        [streams.map(([id]) => id), streams.map(([, head]) => head.version), streams.map(([, head]) => head.hash)],
      );
      // New appends continue after the highest position copied.
      await client.query(`SELECT setval(pg_get_serial_sequence('${this.t.events}', 'position'), (SELECT max(position) FROM ${this.t.events}))`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    this.committed$.next();
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }

  /** Wakes subscribers on every commit in any instance (NOTIFY), and on a timer should a notification be lost. */
  private async listen(): Promise<void> {
    const listener = await this.pool.connect();
    if (this.closed) {
      listener.release();
      return;
    }
    // The connection is held for good, out of the pool, so the pool's own error listener is off it: without
    // this one, the server ending the session (a restart, a failover, pg_terminate_backend) ended the process.
    listener.on('error', (error) => this.listenerLost(listener, error));
    listener.on('notification', () => this.committed$.next());
    this.listener = listener;
    try {
      await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      if (this.listener === listener) {
        this.listener = undefined;
        listener.release(error as Error);
      }
      throw error;
    }
    this.poller ??= setInterval(() => this.committed$.next(), POLL_MS).unref();
  }

  /**
   * The LISTEN connection failed: it goes back to the pool to be discarded, the
   * subscribers are woken (a notification may have been lost; the poller keeps
   * them going meanwhile) and another connection listens within POLL_MS.
   */
  private listenerLost(listener: PoolClient, error: Error): void {
    if (this.listener !== listener) return;
    this.listener = undefined;
    listener.release(error);
    this.committed$.next();
    this.listenAgain();
  }

  private listenAgain(): void {
    if (this.closed || this.relisten) return;
    this.relisten = setTimeout(() => {
      this.relisten = undefined;
      if (this.closed || this.listener) return;
      this.listen().catch(() => this.listenAgain());
    }, POLL_MS).unref();
  }

  /** One batch at a time; whatever arrives meanwhile forms the next batch. */
  private async flushLoop(): Promise<void> {
    try {
      // Let the appends of this turn of the event loop join the first batch.
      await nextTurn();
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        await this.flush(batch);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async flush(batch: PendingAppend[]): Promise<void> {
    try {
      await this.commitBatch(batch);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const pending of batch) {
      const outcome = pending.outcome!;
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    }
    this.committed$.next();
  }

  /**
   * The whole batch in four round trips whatever its size: BEGIN with the
   * log lock; one read of the batch's stream heads, of those of its event ids
   * already stored, and of the last recorded time; one statement that writes
   * every accepted append's events and moves their streams' heads; NOTIFY
   * with COMMIT. Every writer of the log, in every instance, holds the log
   * lock until it commits, so what the read answers stays true until this
   * batch commits: each append is decided here, one after another, against
   * the heads and ids as the batch's earlier appends left them.
   */
  private async commitBatch(batch: PendingAppend[]): Promise<void> {
    const client = await this.pool.connect();
    const start = performance.now();
    try {
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${LOG_LOCK})`);
      const stored = await this.readBeforeBatch(client, batch);
      const writes = new BatchWrites(stored.heads, stored.ids);
      const decided = batch.map((pending) => writes.decide(pending, stored.recordedAt));
      if (writes.events.length > 0) {
        const positions = await this.writeBatch(client, writes);
        batch.forEach((pending, i) => (pending.outcome = writes.answer(decided[i], positions)));
        await this.options.beforeCommit?.();
        // A position is digits only, safe as a literal; the statements share one round trip.
        await client.query(`SELECT pg_notify('${EVENTS_CHANNEL}', '${positions.last}'); COMMIT`);
        this.counters.events += writes.events.length;
      } else {
        batch.forEach((pending, i) => (pending.outcome = decided[i] as Outcome));
        await this.options.beforeCommit?.();
        await client.query('COMMIT');
      }
      this.counters.batches += 1;
      this.counters.appends += batch.length;
      this.options.onCommit?.(batch.length, writes.events.length, secondsSince(start));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Under the log lock, in one statement: the heads of the batch's streams,
   * those of its event ids already stored, and the time every event of the
   * batch is recorded at, which never goes back in log order even when a
   * clock does.
   */
  private async readBeforeBatch(client: PoolClient, batch: readonly PendingAppend[]) {
    const streamIds = [...new Set(batch.map((pending) => pending.streamId))];
    const eventIds = batch.flatMap((pending) => pending.events.map((event) => event.eventId));
    const { rows } = await client.query<{ kind: 'stream' | 'event' | 'last'; id: string | null; version: number | null; text: string; position: string | null }>(
      `SELECT 'stream' AS kind, stream_id AS id, version, head_hash AS text, NULL AS position FROM ${this.t.streams} WHERE stream_id = ANY($1::text[])
       UNION ALL
       SELECT 'event', event_id, stream_version, stream_id, position::text FROM ${this.t.events} WHERE event_id = ANY($2::text[])
       UNION ALL
       (SELECT 'last', NULL, NULL, recorded_at, NULL FROM ${this.t.events} ORDER BY position DESC LIMIT 1)`,
      [streamIds, eventIds],
    );
    const heads = new Map<string, StreamHead>();
    const ids = new Map<string, StoredId>();
    const now = (this.options.clock ?? systemClock).now().toISOString();
    let recordedAt = now;
    for (const row of rows) {
      if (row.kind === 'stream') heads.set(row.id!, { version: row.version!, hash: row.text });
      else if (row.kind === 'event') ids.set(row.id!, { streamId: row.text, streamVersion: row.version!, position: row.position! });
      else if (row.text > now) recordedAt = row.text;
    }
    return { heads, ids, recordedAt };
  }

  /** Every accepted append's events and the new heads of their streams, in one statement; answers each event's position. */
  private async writeBatch(client: PoolClient, writes: BatchWrites): Promise<BatchPositions> {
    const columns: string[][] = [[], [], [], [], [], [], [], [], []];
    for (const row of writes.events) row.forEach((value, c) => columns[c].push(value));
    const heads = [...writes.movedHeads.entries()];
    const { rows } = await client.query<{ event_id: string; position: string }>(
      `WITH written AS (
         INSERT INTO ${this.t.events} (event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash, recorded_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         RETURNING event_id, position),
       moved AS (
         INSERT INTO ${this.t.streams} (stream_id, version, head_hash) SELECT * FROM unnest($10::text[], $11::int[], $12::text[])
         ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash)
       SELECT event_id, position::text FROM written`,
      [...columns, heads.map(([id]) => id), heads.map(([, head]) => head.version), heads.map(([, head]) => head.hash)],
    );
    const positions = new Map(rows.map((row) => [row.event_id, row.position]));
    // Positions must follow the order the events were given in, each stream's versions with them.
    let previous = 0n;
    for (const [eventId] of writes.events) {
      const position = BigInt(positions.get(eventId)!);
      if (position <= previous) throw new Error(`the batch's positions did not follow its order at event ${eventId}`);
      previous = position;
    }
    return { of: (eventId) => positions.get(eventId)!, last: String(previous) };
  }
}

type StreamHead = { version: number; hash: string };
type StoredId = { streamId: string; streamVersion: number; position: string };
type BatchPositions = Readonly<{ of: (eventId: string) => string; last: string }>;
/** An outcome whose position is known once the batch is written: that of this event. */
type Decided = Outcome | { ok: true; written: { streamVersion: number; lastEventId: string } };

/**
 * Decides the appends of one batch in order, against the stream heads and
 * stored ids read under the log lock, each seeing what the ones before it
 * wrote, and gathers the rows to write. A refused append writes nothing and
 * leaves the others going, as on SQLite.
 */
class BatchWrites {
  /** Rows in the order of the events table's columns, in the order positions are to be drawn. */
  readonly events: string[][] = [];
  /** The streams this batch moves, with their heads after it. */
  readonly movedHeads = new Map<string, StreamHead>();

  constructor(
    private readonly heads: Map<string, StreamHead>,
    private readonly ids: Map<string, StoredId | { streamId: string; streamVersion: number; position?: undefined }>,
  ) {}

  decide({ streamId, events, expected }: PendingAppend, recordedAt: string): Decided {
    const head = this.heads.get(streamId) ?? { version: 0, hash: GENESIS_HASH };
    // A retry of an append that succeeded comes with an expected version that is now stale, or with the same one.
    if (events.some((event) => this.ids.has(event.eventId))) return this.answerRetry(streamId, events);
    if (!isExpected(expected, head.version)) return { ok: false, error: new ConcurrencyError(streamId, expected, head.version) };
    const rows: string[][] = [];
    let prevHash = head.hash;
    try {
      events.forEach((event, i) => {
        const version = head.version + i + 1;
        const data = canonicalJson(event.data);
        const metadata = canonicalJson({ ...event.metadata, recordedAt });
        const hash = chainedHash({ eventId: event.eventId, type: event.type, streamId, streamVersion: version }, data, metadata, prevHash);
        rows.push([event.eventId, streamId, String(version), event.type, data, metadata, prevHash, hash, recordedAt]);
        prevHash = hash;
      });
    } catch (error) {
      return { ok: false, error };
    }
    const moved = { version: head.version + events.length, hash: prevHash };
    this.heads.set(streamId, moved);
    this.movedHeads.set(streamId, moved);
    rows.forEach(([eventId], i) => this.ids.set(eventId, { streamId, streamVersion: head.version + i + 1 }));
    this.events.push(...rows);
    return { ok: true, written: { streamVersion: moved.version, lastEventId: events[events.length - 1].eventId } };
  }

  /** The outcome to give the caller once the batch's positions are known. */
  answer(decided: Decided, positions: BatchPositions): Outcome {
    if (!('written' in decided)) return decided;
    return { ok: true, result: { streamVersion: decided.written.streamVersion, position: positions.of(decided.written.lastEventId) } };
  }

  /**
   * When an event id is already stored, in the log or earlier in this batch:
   * the first answer again if the same ids sit in the same stream in the same
   * order at consecutive versions (a retry), else a DuplicateEventError.
   */
  private answerRetry(streamId: string, events: readonly NewEvent[]): Decided {
    const first = this.ids.get(events[0].eventId);
    const isRetry =
      first !== undefined && events.every((event, i) => this.ids.get(event.eventId)?.streamId === streamId && this.ids.get(event.eventId)?.streamVersion === first.streamVersion + i);
    if (!isRetry) return { ok: false, error: new DuplicateEventError(events.find((event) => this.ids.has(event.eventId))!.eventId) };
    const last = this.ids.get(events[events.length - 1].eventId)!;
    if (last.position !== undefined) return { ok: true, result: { streamVersion: last.streamVersion, position: last.position } };
    return { ok: true, written: { streamVersion: last.streamVersion, lastEventId: events[events.length - 1].eventId } };
  }
}
