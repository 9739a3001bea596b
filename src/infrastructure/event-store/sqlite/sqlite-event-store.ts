import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { sqliteRefusesAnyWrite } from '../../store-outage';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { secondsSince } from '../../../application/operations/ledger-metrics';
import type { Database } from 'better-sqlite3';
import { Observable, Subject } from 'rxjs';
import { catchUpSubscription } from '../../../application/event-store/catch-up-subscription';
import { TAIL_KEPT, sharedTail } from '../../../application/event-store/shared-tail';
import { invalidAppend, isExpected } from '../../../application/event-store/append-rules';
import { MATCHING_WINDOW } from '../../../application/event-store/matching';
import { GENESIS_HASH, canonicalJson, chainedHash } from '../../../application/event-store/hash-chain';
import { systemClock, type Clock } from '../../../application/ports/clock.port';
import {
  ConcurrencyError,
  DuplicateEventError,
  StoreClosedError,
  StoreFailedError,
  type AppendResult,
  type CommitObserver,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type MatchingPage,
  type Position,
  type ReadAllOptions,
  type ReadMatchingOptions,
  type RecordedEvent,
} from '../../../application/ports/event-store.port';
import { withoutSync } from './sqlite-database';
import { WalCheckpoints, type WalCheckpointsOptions } from './wal-checkpoints';

/**
 * The log. A stream's version and head hash, which the expected-version check
 * and the hash chain need, are its last event's: one seek down the
 * (stream_id, stream_version) index. Earlier versions also kept them in a
 * table of their own, a row per stream moved by every append: that row's
 * page was a fifth of what each append's COMMIT wrote to the WAL, so it is
 * gone (dropped on open). Only `events` belongs to the store: the connection
 * is shared with the read models.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id       TEXT    NOT NULL UNIQUE,
  stream_id      TEXT    NOT NULL,
  stream_version INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  prev_hash      TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  UNIQUE (stream_id, stream_version)
);
DROP TABLE IF EXISTS streams;
`;

const COLUMNS = 'position, event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash';

/** A row of `events` in raw mode, in the order of COLUMNS. */
type EventRow = [number, string, string, number, string, string, string, string, string];
type StreamHead = { version: number; head_hash: string };
type StoredId = { stream_id: string; stream_version: number; position: number };

const prepareStatements = (db: Database) => ({
  begin: db.prepare('BEGIN IMMEDIATE'),
  commit: db.prepare('COMMIT'),
  rollback: db.prepare('ROLLBACK'),
  undoInserts: db.prepare<[number | bigint]>('DELETE FROM events WHERE position >= ?'),
  streamHead: db.prepare<[string], StreamHead>(
    'SELECT stream_version AS version, hash AS head_hash FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1',
  ),
  storedId: db.prepare<[string], StoredId>('SELECT stream_id, stream_version, position FROM events WHERE event_id = ?'),
  insertEvent: db.prepare<[string, string, number, string, string, string, string, string]>(
    `INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  readAll: db
    .prepare<[bigint, number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`)
    .raw(),
  readStream: db
    .prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_version >= ? AND position <= ? ORDER BY stream_version`,
    )
    .raw(),
  // The types as a JSON array: one statement for any number of them.
  readTypes: db
    .prepare<[bigint, bigint, string, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT ?`,
    )
    .raw(),
  // Down the stream's own index, so it reads that stream's events only; the types (a JSON array) when given.
  readStreamMatching: db
    .prepare<[string, bigint, bigint, string | null, string | null, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND position > ? AND position <= ?
         AND (? IS NULL OR type IN (SELECT value FROM json_each(?))) ORDER BY stream_version LIMIT ?`,
    )
    .raw(),
  readLastOfStream: db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1`).raw(),
  readEvent: db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`).raw(),
  headPosition: db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck(),
  lastEvent: db
    .prepare<[], [number, string]>("SELECT position, json_extract(metadata, '$.recordedAt') FROM events ORDER BY position DESC LIMIT 1")
    .raw(),
  ping: db.prepare<[], number>('SELECT 1').pluck(),
});

type Statements = ReturnType<typeof prepareStatements>;

type PendingAppend = {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
  /** Set inside the transaction, answered once it has committed. */
  outcome: { ok: true; result: AppendResult; wrote: boolean; rows?: EventRow[] } | { ok: false; error: unknown } | undefined;
};

/**
 * A batch committed (to the WAL, waiting for the sync that makes it durable
 * before it is answered), and, when the store kept it (it has subscribers),
 * what it wrote: every event the log holds after position `after` up to the
 * batch's last.
 */
type CommittedBatch = { readonly batch: readonly PendingAppend[]; readonly start: number; readonly written?: Written };
type Written = { readonly after: number; readonly rows: readonly EventRow[] };

export type SqliteEventStoreOptions = Readonly<{
  /** Close the database with the store. Leave false when the connection is shared with the read models. */
  ownsDatabase?: boolean;
  onCommit?: CommitObserver;
  /** What stamps `recordedAt` (the system clock unless a test gives its own). */
  clock?: Clock;
  /**
   * Syncs the WAL file's descriptor to disk, on libuv's thread pool: fs.fsync (the call this build of SQLite
   * makes at a FULL commit, seen with strace) unless a test holds it open or fails it.
   */
  syncWal?: (fd: number) => Promise<void>;
  /** How the WAL is checkpointed off the event loop (WalCheckpoints), on a file: a failure is told here. */
  checkpoints?: WalCheckpointsOptions;
}>;

/** The connection's database file; undefined in memory or for a temporary database (no file name). */
const databaseFile = (db: Database): string | undefined => {
  const [main] = db.pragma('database_list') as Array<{ file: string }>;
  return db.memory || !main.file ? undefined : main.file;
};

/**
 * A sync of the WAL failed. The store then refuses every append until it is
 * opened again: after a failed fsync the kernel may have dropped the dirty
 * pages and a second fsync can succeed without writing them (PostgreSQL's
 * lesson), so a retry could acknowledge what is not on disk.
 */
export class WalSyncError extends StoreFailedError {
  constructor(cause: unknown) {
    super('the event store could not sync its log to disk; it refuses appends until the service is restarted', { cause });
    this.name = 'WalSyncError';
  }
}

export type SqliteEventStoreStats = Readonly<{
  /** Transactions committed by group commit. */
  batches: number;
  /** Appends answered by those transactions, refused ones included. */
  appends: number;
  /** Events written. */
  events: number;
}>;

const toRecorded = (row: EventRow): RecordedEvent => ({
  eventId: row[1],
  type: row[4],
  streamId: row[2],
  streamVersion: row[3],
  position: String(row[0]),
  data: JSON.parse(row[5]) as object,
  metadata: JSON.parse(row[6]) as RecordedEvent['metadata'],
  prevHash: row[7],
  hash: row[8],
});

const toSqlPosition = (after: Position | null | undefined): bigint => {
  if (after === null || after === undefined) return 0n;
  if (typeof after !== 'string' || !/^\d+$/.test(after)) throw new RangeError(`a position is a decimal string, got ${String(after)}`);
  return BigInt(after);
};

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';


const OTHER_WRITERS_POLL_MS = 250;
const WINDOW = BigInt(MATCHING_WINDOW);
/** Every position: for readStream, and for readAll when the store does not sync the WAL itself. */
const NO_CAP = Number.MAX_SAFE_INTEGER;

/**
 * The embedded event store. Appends that arrive in the same turn of the event
 * loop are committed together in one transaction (group commit): SQLite pays
 * its per-transaction cost once for all of them, and each append is still
 * checked on its own against the stream as it stands inside that transaction.
 *
 * Under synchronous=FULL on a file, a batch is committed without a sync and
 * the store then syncs the WAL file itself with an asynchronous fsync, on
 * libuv's thread pool, so the event loop serves other requests meanwhile.
 * Only after that sync are the batch's appends answered (refused ones too),
 * onCommit told and subscribers woken, and readAll, readDurableStream and
 * headPosition stop at the last event synced: no acknowledgement,
 * subscriber, webhook, read model or query sees an event that a power cut
 * could still take away. Batches that commit while a sync is in flight wait
 * for the next one, started when it ends: one fsync covers them all. Under
 * NORMAL nothing is synced.
 * readStream, readLastOfStream and readEvent see every committed event,
 * synced or not: commands are decided on them, and an append decided on an
 * event not yet synced is answered after a later sync, which covers both.
 * On a file, the WAL is copied into the database file (checkpointed) off
 * the event loop too, by WalCheckpoints, for the connection's every writer;
 * appends are held a moment, four times a second, while its thread copies
 * the last pages so that the WAL can start over.
 */

export class SqliteEventStore implements EventStore {
  private readonly statements: Statements;
  private readonly committed$ = new Subject<void>();
  private queue: PendingAppend[] = [];
  private flushScheduled: NodeJS.Immediate | undefined;
  private closed = false;
  private counters = { batches: 0, appends: 0, events: 0 };
  private readonly watcher: NodeJS.Timeout;
  /** The WAL file's descriptor when the store syncs it itself (synchronous=FULL on a file), else undefined. */
  private readonly walFd: number | undefined;
  /** The WAL's checkpoints, off the event loop, on a file. */
  private readonly checkpoints: WalCheckpoints | undefined;
  private readonly syncWal: (fd: number) => Promise<void>;
  /** The last position known to be on disk: readAll, readDurableStream and headPosition stop there. */
  private durableHead = NO_CAP;
  /** Committed batches the sync in flight does not cover. */
  private unsynced: CommittedBatch[] = [];
  /**
   * The log's last position as of this connection's last commit: what a sync
   * that starts now covers, unless another connection committed since
   * (otherWriterCommitted), when the log is asked.
   */
  private committedHead = 0;
  /** Another connection committed since the last sync started. */
  private otherWriterCommitted = false;
  private syncing: Promise<void> | undefined;
  private syncFailure: WalSyncError | undefined;
  /** Callers of durable() waiting for the next sync. */
  private barriers: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private closing: Promise<void> | undefined;
  /** Appends wait, queued, while the WAL checkpoint thread finishes a checkpoint (see WalCheckpoints). */
  private held = false;

  constructor(
    private readonly db: Database,
    private readonly options: SqliteEventStoreOptions = {},
  ) {
    db.exec(SCHEMA);
    this.statements = prepareStatements(db);
    this.syncWal = options.syncWal ?? promisify(fsync);
    this.walFd = this.openWal();
    this.watcher = this.watchOtherWriters();
    const file = databaseFile(db);
    this.checkpoints = file === undefined ? undefined : new WalCheckpoints(db, file, { ...options.checkpoints, hold: () => this.holdAppends() });
  }

  /**
   * Under FULL on a file: opens the WAL file (Linux's fsync flushes the file
   * whatever descriptor it is given), syncs its directory once so that the
   * file's own entry is on disk, and syncs it once so that what is in the log
   * now, written by any process, counts as durable.
   */
  private openWal(): number | undefined {
    const synchronous = this.db.pragma('synchronous', { simple: true }) as number;
    const file = databaseFile(this.db);
    if (file === undefined || synchronous < 2) return undefined;
    const fd = openSync(`${file}-wal`, 'r');
    try {
      const directory = openSync(dirname(file), 'r');
      try {
        fsyncSync(directory);
      } finally {
        closeSync(directory);
      }
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.durableHead = this.committedHead = this.statements.headPosition.get() ?? 0;
    return fd;
  }

  /**
   * Another process on the same file (the CLI beside the service) commits
   * without passing through this object; SQLite's data_version changes when
   * it does, so subscribers are woken for those appends too.
   */
  private watchOtherWriters(): NodeJS.Timeout {
    const version = this.db.prepare('PRAGMA data_version').pluck();
    let seen = version.get();
    return setInterval(() => {
      // The owner of a shared connection may close it before this store is closed.
      if (this.closed || !this.db.open) return;
      const now = version.get();
      if (now === seen) return;
      seen = now;
      if (this.walFd === undefined) {
        this.committed$.next();
        return;
      }
      // Seen here, not yet known to be on disk: the next sync covers it and wakes the subscribers.
      this.otherWriterCommitted = true;
      this.startSync();
    }, OTHER_WRITERS_POLL_MS).unref();
  }

  get stats(): SqliteEventStoreStats {
    return { ...this.counters };
  }

  append(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    if (this.syncFailure) return Promise.reject(this.syncFailure);
    const invalid = invalidAppend(streamId, events, expectedVersion);
    if (invalid) return Promise.reject(invalid);
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, expected: expectedVersion, resolve, reject, outcome: undefined });
      // setImmediate rather than a microtask: callers several awaits deep still join the batch, and I/O is not starved.
      this.flushScheduled ??= setImmediate(this.flush);
    });
  }

  async readStream(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    this.ensureOpen();
    return this.statements.readStream.all(streamId, fromVersion, NO_CAP).map(toRecorded);
  }

  async readDurableStream(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    this.ensureOpen();
    return this.statements.readStream.all(streamId, fromVersion, this.durableHead).map(toRecorded);
  }

  async readLastOfStream(streamId: string): Promise<RecordedEvent | null> {
    this.ensureOpen();
    const row = this.statements.readLastOfStream.get(streamId);
    return row === undefined ? null : toRecorded(row);
  }

  async readEvent(eventId: string): Promise<RecordedEvent | null> {
    this.ensureOpen();
    const row = this.statements.readEvent.get(eventId);
    return row === undefined ? null : toRecorded(row);
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    this.ensureOpen();
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    return this.statements.readAll.all(toSqlPosition(after), this.durableHead, limit).map(toRecorded);
  }

  /**
   * One stream's matches are read down its index, however far apart they
   * lie in the log. Types alone are tested by SQLite, without reading each
   * event into JavaScript, over at most MATCHING_WINDOW positions.
   */
  async readMatching({ after, limit, types, streamId }: ReadMatchingOptions): Promise<MatchingPage> {
    this.ensureOpen();
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const from = toSqlPosition(after);
    const head = BigInt(this.walFd === undefined ? (this.statements.headPosition.get() ?? 0) : this.durableHead);
    const typesJson = types.length > 0 ? JSON.stringify(types) : null;
    let until = head;
    let rows: EventRow[];
    if (streamId !== undefined) {
      rows = this.statements.readStreamMatching.all(streamId, from, head, typesJson, typesJson, limit);
    } else if (typesJson !== null) {
      until = from + WINDOW < head ? from + WINDOW : head;
      rows = this.statements.readTypes.all(from, until, typesJson, limit);
    } else {
      rows = this.statements.readAll.all(from, Number(head), limit);
    }
    if (rows.length === limit) return { events: rows.map(toRecorded), lookedTo: String(rows[limit - 1][0]) };
    return { events: rows.map(toRecorded), lookedTo: until < head ? String(until) : null };
  }

  async headPosition(): Promise<Position | null> {
    this.ensureOpen();
    const head = this.walFd === undefined ? this.statements.headPosition.get() : this.durableHead;
    return head === null || head === undefined || head === 0 ? null : String(head);
  }

  /**
   * Subscribers read the newest events through one shared tail: what this
   * store commits is handed to it (answer), other writers' events are read
   * and parsed once for all of them. A read returns nothing past the last
   * position synced (under FULL), so a tail that holds it has nothing to read.
   */
  private readonly tail = sharedTail((after, limit) => this.readAll({ after, limit }), TAIL_KEPT, () => this.durableHead);

  subscribe(after: Position | null = null): Observable<RecordedEvent> {
    return catchUpSubscription(this.tail, this.committed$, after);
  }

  async ping(): Promise<boolean> {
    if (this.closed || this.syncFailure) return false;
    try {
      return this.statements.ping.get() === 1;
    } catch {
      return false;
    }
  }

  /**
   * Resolves once everything this connection has written so far is on disk:
   * at once when the store does not sync the WAL itself (NORMAL, in memory),
   * else after a sync that starts after the call. For other writes on the
   * shared connection that must be durable before they are answered (the
   * idempotency answers), so that their commit need not sync on the event loop,
   * and for an answer found in a stream whose record may still wait for its sync.
   */
  durable(): Promise<void> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    if (this.syncFailure) return Promise.reject(this.syncFailure);
    if (this.walFd === undefined) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.barriers.push({ resolve, reject });
      this.startSync();
    });
  }

  /** Commits what is queued and waits for the syncs in flight and their answers before it closes. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.closed = true;
    clearInterval(this.watcher);
    if (this.flushScheduled !== undefined) clearImmediate(this.flushScheduled);
    this.flush();
    while (this.syncing !== undefined) await this.syncing;
    // The thread's connection closed first: the last one to close copies the WAL into the file.
    await this.checkpoints?.stop();
    this.committed$.complete();
    if (this.walFd !== undefined) closeSync(this.walFd);
    if (this.options.ownsDatabase) this.db.close();
  }

  /** Holds the appends (they are queued, not committed) until the function returned is called. */
  private holdAppends(): () => void {
    this.held = true;
    return () => {
      this.held = false;
      if (this.queue.length > 0) this.flushScheduled ??= setImmediate(this.flush);
    };
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }

  private readonly flush = (): void => {
    this.flushScheduled = undefined;
    // Closing commits what is queued, held or not.
    if (this.held && !this.closed) return;
    // While a sync of the WAL runs, appends stay queued: committed when it ends (startSync), together, they are
    // covered by the next sync, which they would have waited for had each been committed at once, in fewer commits.
    if (this.syncing !== undefined && !this.closed) return;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    const start = performance.now();
    let written: Written | undefined;
    try {
      if (this.syncFailure) throw this.syncFailure;
      written = this.walFd === undefined ? this.commit(batch) : withoutSync(this.db, () => this.commit(batch));
    } catch (error) {
      // The file takes no write (its disk full, read-only, failing): the store's failure, not the command's (503, logged).
      const refused = sqliteRefusesAnyWrite(error) ? new StoreFailedError(`the event store cannot write: ${(error as Error).message}`, { cause: error }) : error;
      for (const pending of batch) pending.reject(refused);
      return;
    }
    if (this.walFd === undefined) {
      if (this.answer({ batch, start, written }) > 0) this.committed$.next();
      return;
    }
    this.unsynced.push({ batch, start, written });
    this.startSync();
  };

  /**
   * Answers a committed batch's appends, tells onCommit, and hands what it
   * wrote to the subscribers' shared tail, so that they need not read it
   * back from the log; returns how many events it wrote.
   */
  private answer({ batch, start, written }: CommittedBatch): number {
    if (written !== undefined) this.tail.offer(String(written.after), written.rows.map(toRecorded));
    let wrote = 0;
    for (const pending of batch) {
      const outcome = pending.outcome!;
      if (!outcome.ok) {
        pending.reject(outcome.error);
        continue;
      }
      if (outcome.wrote) wrote += pending.events.length;
      pending.resolve(outcome.result);
    }
    this.counters.batches += 1;
    this.counters.appends += batch.length;
    this.counters.events += wrote;
    this.options.onCommit?.(batch.length, wrote, secondsSince(start));
    return wrote;
  }

  /**
   * Starts a sync of the WAL unless one is in flight (its end starts the next)
   * or nothing waits for one. It covers every frame written before it starts:
   * the batches committed so far and whatever other connections committed.
   */
  private startSync(): void {
    if (this.syncing !== undefined || this.syncFailure !== undefined) return;
    if (this.unsynced.length === 0 && this.barriers.length === 0 && !this.otherWriterCommitted) return;
    const covered = this.unsynced;
    const waiting = this.barriers;
    const head = this.otherWriterCommitted ? (this.statements.headPosition.get() ?? 0) : this.committedHead;
    this.unsynced = [];
    this.barriers = [];
    this.otherWriterCommitted = false;
    this.syncing = this.syncWal(this.walFd!)
      .then(
        () => {
          const before = this.durableHead;
          this.durableHead = Math.max(before, head);
          for (const committed of covered) this.answer(committed);
          for (const barrier of waiting) barrier.resolve();
          // Woken for what became durable, this store's events or another writer's.
          if (this.durableHead > before) this.committed$.next();
        },
        (error: unknown) => this.failDurability(new WalSyncError(error), covered, waiting),
      )
      .finally(() => {
        this.syncing = undefined;
        if (this.queue.length > 0) {
          if (this.flushScheduled !== undefined) clearImmediate(this.flushScheduled);
          this.flush();
        }
        this.startSync();
      });
  }

  /**
   * A failed sync is fatal, not retried: the batches it covered and those
   * waiting for the next one are refused (they are in the WAL, and may or may
   * not survive a power cut; a retry with the same event ids is answered as
   * such if they did), and so is every later append.
   */
  private failDurability(failure: WalSyncError, covered: readonly CommittedBatch[], waiting: typeof this.barriers): void {
    this.syncFailure = failure;
    for (const { batch } of [...covered, ...this.unsynced]) for (const pending of batch) pending.reject(failure);
    for (const barrier of [...waiting, ...this.barriers]) barrier.reject(failure);
    this.unsynced = [];
    this.barriers = [];
  }

  /**
   * One transaction for the whole batch. It is BEGIN IMMEDIATE, not nested:
   * if someone left the shared connection inside a transaction, the batch
   * fails rather than being acknowledged before anything is committed.
   * Returns what it wrote, when the store has subscribers to hand it to
   * (else its rows are not kept: they would outlive the sync for nothing):
   * every event after the log's last one before it, as nothing else writes
   * inside the transaction and the rows of an append undone within it are gone.
   */
  private commit(batch: readonly PendingAppend[]): Written | undefined {
    const { begin, commit, rollback, lastEvent } = this.statements;
    begin.run();
    try {
      // Read inside the write transaction: no other writer (another process on the file included) can add after it.
      const [last, lastRecordedAt] = lastEvent.get() ?? [0, null];
      const recordedAt = this.recordedAt(lastRecordedAt);
      const rows: EventRow[] | undefined = this.committed$.observed ? [] : undefined;
      let head = last;
      for (const pending of batch) {
        const outcome = this.appendInTransaction(pending, recordedAt, rows !== undefined);
        pending.outcome = outcome;
        if (outcome?.ok && outcome.wrote) head = Number(outcome.result.position);
        if (rows && outcome?.ok && outcome.rows) for (const row of outcome.rows) rows.push(row);
      }
      commit.run();
      this.committedHead = head;
      return rows && { after: last, rows };
    } catch (error) {
      if (this.db.inTransaction) rollback.run();
      throw error;
    }
  }

  /**
   * The time every event of a batch is recorded at: no earlier than the
   * last event any writer committed (read inside the write transaction), so
   * it never goes back in log order even when the clock does.
   */
  private recordedAt(last: string | null): string {
    const now = (this.options.clock ?? systemClock).now().toISOString();
    return typeof last === 'string' && last > now ? last : now;
  }

  /**
   * Checks one append against its stream as it stands in the transaction and
   * writes it. A refused append writes nothing and leaves the batch going; an
   * error that cost SQLite the transaction is thrown, failing the whole batch.
   */
  private appendInTransaction({ streamId, events, expected }: PendingAppend, recordedAt: string, keep: boolean): PendingAppend['outcome'] {
    const s = this.statements;
    const head = s.streamHead.get(streamId);
    const actual = head === undefined ? 0 : head.version;
    if (!isExpected(expected, actual)) {
      // A retry of an append that succeeded comes with an expected version that is now stale.
      const retried = this.answerRetry(streamId, events);
      if (retried !== undefined) return retried;
      return { ok: false, error: new ConcurrencyError(streamId, expected, actual) };
    }

    // No savepoint: it would make SQLite journal every page this append touches, for the rare
    // failure. Should an event fail, the rows this append inserted are deleted instead (their
    // positions are never reused), and with them the stream's head goes back to where it was.
    let firstPosition: number | bigint | undefined;
    try {
      let prevHash = head === undefined ? GENESIS_HASH : head.head_hash;
      let version = actual;
      let position: number | bigint = 0;
      const rows: EventRow[] | undefined = keep ? [] : undefined;
      for (const event of events) {
        version += 1;
        const data = canonicalJson(event.data);
        const metadata = canonicalJson({ ...event.metadata, recordedAt });
        const hash = chainedHash({ eventId: event.eventId, type: event.type, streamId, streamVersion: version }, data, metadata, prevHash);
        position = s.insertEvent.run(event.eventId, streamId, version, event.type, data, metadata, prevHash, hash).lastInsertRowid;
        firstPosition ??= position;
        rows?.push([Number(position), event.eventId, streamId, version, event.type, data, metadata, prevHash, hash]);
        prevHash = hash;
      }
      return { ok: true, result: { streamVersion: version, position: String(position) }, wrote: true, ...(rows && { rows }) };
    } catch (error) {
      if (!this.db.inTransaction) throw error;
      if (firstPosition !== undefined) s.undoInserts.run(firstPosition);
      if (!isUniqueViolation(error)) return { ok: false, error };
      return this.answerRetry(streamId, events) ?? { ok: false, error: this.duplicateAmong(events) ?? error };
    }
  }

  /**
   * When the first event id is already stored: the first answer again if the
   * same ids sit in the same stream in the same order at consecutive versions
   * (a retry), else a DuplicateEventError. Undefined when it is not stored.
   */
  private answerRetry(streamId: string, events: readonly NewEvent[]): PendingAppend['outcome'] {
    const { storedId } = this.statements;
    const first = storedId.get(events[0].eventId);
    if (first === undefined) return undefined;
    let last = first;
    for (let i = 0; i < events.length; i += 1) {
      const stored = i === 0 ? first : storedId.get(events[i].eventId);
      if (stored === undefined || stored.stream_id !== streamId || stored.stream_version !== first.stream_version + i) {
        return { ok: false, error: new DuplicateEventError(events[0].eventId) };
      }
      last = stored;
    }
    return { ok: true, result: { streamVersion: last.stream_version, position: String(last.position) }, wrote: false };
  }

  /** The id that makes an append collide: one already stored, or one the append repeats. */
  private duplicateAmong(events: readonly NewEvent[]): DuplicateEventError | undefined {
    const seen = new Set<string>();
    for (const { eventId } of events) {
      if (seen.has(eventId) || this.statements.storedId.get(eventId) !== undefined) return new DuplicateEventError(eventId);
      seen.add(eventId);
    }
    return undefined;
  }
}
