"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SqliteEventStore = exports.WalSyncError = void 0;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const node_perf_hooks_1 = require("node:perf_hooks");
const node_util_1 = require("node:util");
const ledger_metrics_1 = require("../../../application/operations/ledger-metrics");
const rxjs_1 = require("rxjs");
const catch_up_subscription_1 = require("../../../application/event-store/catch-up-subscription");
const shared_tail_1 = require("../../../application/event-store/shared-tail");
const append_rules_1 = require("../../../application/event-store/append-rules");
const hash_chain_1 = require("../../../application/event-store/hash-chain");
const clock_port_1 = require("../../../application/ports/clock.port");
const event_store_port_1 = require("../../../application/ports/event-store.port");
const sqlite_database_1 = require("./sqlite-database");
const wal_checkpoints_1 = require("./wal-checkpoints");
/**
 * The log, and one row per stream holding its version and head hash, so that
 * the expected-version check and the hash chain cost one primary-key lookup.
 * Only these two tables belong to the store: the connection is shared with
 * the read models.
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
CREATE TABLE IF NOT EXISTS streams (
  stream_id TEXT    PRIMARY KEY,
  version   INTEGER NOT NULL,
  head_hash TEXT    NOT NULL
) WITHOUT ROWID;
`;
const COLUMNS = 'position, event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash';
const prepareStatements = (db) => ({
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    undoInserts: db.prepare('DELETE FROM events WHERE position >= ?'),
    streamHead: db.prepare('SELECT version, head_hash FROM streams WHERE stream_id = ?'),
    storedId: db.prepare('SELECT stream_id, stream_version, position FROM events WHERE event_id = ?'),
    insertEvent: db.prepare(`INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    moveStreamHead: db.prepare(`INSERT INTO streams (stream_id, version, head_hash) VALUES (?, ?, ?)
     ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash`),
    readAll: db
        .prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`)
        .raw(),
    readStream: db
        .prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_version >= ? AND position <= ? ORDER BY stream_version`)
        .raw(),
    readLastOfStream: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1`).raw(),
    readEvent: db.prepare(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`).raw(),
    headPosition: db.prepare('SELECT MAX(position) FROM events').pluck(),
    lastRecordedAt: db
        .prepare("SELECT json_extract(metadata, '$.recordedAt') FROM events ORDER BY position DESC LIMIT 1")
        .pluck(),
    ping: db.prepare('SELECT 1').pluck(),
});
/** The connection's database file; undefined in memory or for a temporary database (no file name). */
const databaseFile = (db) => {
    const [main] = db.pragma('database_list');
    return db.memory || !main.file ? undefined : main.file;
};
/**
 * A sync of the WAL failed. The store then refuses every append until it is
 * opened again: after a failed fsync the kernel may have dropped the dirty
 * pages and a second fsync can succeed without writing them (PostgreSQL's
 * lesson), so a retry could acknowledge what is not on disk.
 */
class WalSyncError extends event_store_port_1.StoreFailedError {
    constructor(cause) {
        super('the event store could not sync its log to disk; it refuses appends until the service is restarted', { cause });
        this.name = 'WalSyncError';
    }
}
exports.WalSyncError = WalSyncError;
const toRecorded = (row) => ({
    eventId: row[1],
    type: row[4],
    streamId: row[2],
    streamVersion: row[3],
    position: String(row[0]),
    data: JSON.parse(row[5]),
    metadata: JSON.parse(row[6]),
    prevHash: row[7],
    hash: row[8],
});
const toSqlPosition = (after) => {
    if (after === null || after === undefined)
        return 0n;
    if (typeof after !== 'string' || !/^\d+$/.test(after))
        throw new RangeError(`a position is a decimal string, got ${String(after)}`);
    return BigInt(after);
};
const isUniqueViolation = (error) => typeof error === 'object' && error !== null && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
const OTHER_WRITERS_POLL_MS = 250;
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
 * the event loop too, by WalCheckpoints, for the connection's every writer.
 */
class SqliteEventStore {
    db;
    options;
    statements;
    committed$ = new rxjs_1.Subject();
    queue = [];
    flushScheduled;
    closed = false;
    counters = { batches: 0, appends: 0, events: 0 };
    watcher;
    /** The WAL file's descriptor when the store syncs it itself (synchronous=FULL on a file), else undefined. */
    walFd;
    /** The WAL's checkpoints, off the event loop, on a file. */
    checkpoints;
    syncWal;
    /** The last position known to be on disk: readAll, readDurableStream and headPosition stop there. */
    durableHead = NO_CAP;
    /** Committed batches the sync in flight does not cover. */
    unsynced = [];
    /** Another connection committed since the last sync started. */
    otherWriterCommitted = false;
    syncing;
    syncFailure;
    /** Callers of durable() waiting for the next sync. */
    barriers = [];
    closing;
    constructor(db, options = {}) {
        this.db = db;
        this.options = options;
        db.exec(SCHEMA);
        this.statements = prepareStatements(db);
        this.syncWal = options.syncWal ?? (0, node_util_1.promisify)(node_fs_1.fsync);
        this.walFd = this.openWal();
        this.watcher = this.watchOtherWriters();
        const file = databaseFile(db);
        this.checkpoints = file === undefined ? undefined : new wal_checkpoints_1.WalCheckpoints(db, file, options.checkpoints);
    }
    /**
     * Under FULL on a file: opens the WAL file (Linux's fsync flushes the file
     * whatever descriptor it is given), syncs its directory once so that the
     * file's own entry is on disk, and syncs it once so that what is in the log
     * now, written by any process, counts as durable.
     */
    openWal() {
        const synchronous = this.db.pragma('synchronous', { simple: true });
        const file = databaseFile(this.db);
        if (file === undefined || synchronous < 2)
            return undefined;
        const fd = (0, node_fs_1.openSync)(`${file}-wal`, 'r');
        try {
            const directory = (0, node_fs_1.openSync)((0, node_path_1.dirname)(file), 'r');
            try {
                (0, node_fs_1.fsyncSync)(directory);
            }
            finally {
                (0, node_fs_1.closeSync)(directory);
            }
            (0, node_fs_1.fsyncSync)(fd);
        }
        catch (error) {
            (0, node_fs_1.closeSync)(fd);
            throw error;
        }
        this.durableHead = this.statements.headPosition.get() ?? 0;
        return fd;
    }
    /**
     * Another process on the same file (the CLI beside the service) commits
     * without passing through this object; SQLite's data_version changes when
     * it does, so subscribers are woken for those appends too.
     */
    watchOtherWriters() {
        const version = this.db.prepare('PRAGMA data_version').pluck();
        let seen = version.get();
        return setInterval(() => {
            // The owner of a shared connection may close it before this store is closed.
            if (this.closed || !this.db.open)
                return;
            const now = version.get();
            if (now === seen)
                return;
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
    get stats() {
        return { ...this.counters };
    }
    append(streamId, events, expectedVersion) {
        if (this.closed)
            return Promise.reject(new event_store_port_1.StoreClosedError());
        if (this.syncFailure)
            return Promise.reject(this.syncFailure);
        const invalid = (0, append_rules_1.invalidAppend)(streamId, events, expectedVersion);
        if (invalid)
            return Promise.reject(invalid);
        return new Promise((resolve, reject) => {
            this.queue.push({ streamId, events, expected: expectedVersion, resolve, reject, outcome: undefined });
            // setImmediate rather than a microtask: callers several awaits deep still join the batch, and I/O is not starved.
            this.flushScheduled ??= setImmediate(this.flush);
        });
    }
    async readStream(streamId, fromVersion = 1) {
        this.ensureOpen();
        return this.statements.readStream.all(streamId, fromVersion, NO_CAP).map(toRecorded);
    }
    async readDurableStream(streamId, fromVersion = 1) {
        this.ensureOpen();
        return this.statements.readStream.all(streamId, fromVersion, this.durableHead).map(toRecorded);
    }
    async readLastOfStream(streamId) {
        this.ensureOpen();
        const row = this.statements.readLastOfStream.get(streamId);
        return row === undefined ? null : toRecorded(row);
    }
    async readEvent(eventId) {
        this.ensureOpen();
        const row = this.statements.readEvent.get(eventId);
        return row === undefined ? null : toRecorded(row);
    }
    async readAll({ after, limit }) {
        this.ensureOpen();
        if (!Number.isSafeInteger(limit) || limit < 1)
            throw new RangeError(`limit must be a positive integer, got ${limit}`);
        return this.statements.readAll.all(toSqlPosition(after), this.durableHead, limit).map(toRecorded);
    }
    async headPosition() {
        this.ensureOpen();
        const head = this.walFd === undefined ? this.statements.headPosition.get() : this.durableHead;
        return head === null || head === undefined || head === 0 ? null : String(head);
    }
    /** Subscribers read the newest events through one shared tail: one read and parse of each commit for all of them. */
    tail = (0, shared_tail_1.sharedTail)((after, limit) => this.readAll({ after, limit }));
    subscribe(after = null) {
        return (0, catch_up_subscription_1.catchUpSubscription)(this.tail, this.committed$, after);
    }
    async ping() {
        if (this.closed || this.syncFailure)
            return false;
        try {
            return this.statements.ping.get() === 1;
        }
        catch {
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
    durable() {
        if (this.closed)
            return Promise.reject(new event_store_port_1.StoreClosedError());
        if (this.syncFailure)
            return Promise.reject(this.syncFailure);
        if (this.walFd === undefined)
            return Promise.resolve();
        return new Promise((resolve, reject) => {
            this.barriers.push({ resolve, reject });
            this.startSync();
        });
    }
    /** Commits what is queued and waits for the syncs in flight and their answers before it closes. */
    close() {
        this.closing ??= this.shutDown();
        return this.closing;
    }
    async shutDown() {
        this.closed = true;
        clearInterval(this.watcher);
        if (this.flushScheduled !== undefined)
            clearImmediate(this.flushScheduled);
        this.flush();
        while (this.syncing !== undefined)
            await this.syncing;
        // The thread's connection closed first: the last one to close copies the WAL into the file.
        await this.checkpoints?.stop();
        this.committed$.complete();
        if (this.walFd !== undefined)
            (0, node_fs_1.closeSync)(this.walFd);
        if (this.options.ownsDatabase)
            this.db.close();
    }
    ensureOpen() {
        if (this.closed)
            throw new event_store_port_1.StoreClosedError();
    }
    flush = () => {
        this.flushScheduled = undefined;
        const batch = this.queue;
        if (batch.length === 0)
            return;
        this.queue = [];
        const start = node_perf_hooks_1.performance.now();
        try {
            if (this.syncFailure)
                throw this.syncFailure;
            if (this.walFd === undefined)
                this.commit(batch);
            else
                (0, sqlite_database_1.withoutSync)(this.db, () => this.commit(batch));
        }
        catch (error) {
            for (const pending of batch)
                pending.reject(error);
            return;
        }
        if (this.walFd === undefined) {
            if (this.answer({ batch, start }) > 0)
                this.committed$.next();
            return;
        }
        this.unsynced.push({ batch, start });
        this.startSync();
    };
    /** Answers a committed batch's appends and tells onCommit; returns how many events it wrote. */
    answer({ batch, start }) {
        let wrote = 0;
        for (const pending of batch) {
            const outcome = pending.outcome;
            if (!outcome.ok) {
                pending.reject(outcome.error);
                continue;
            }
            if (outcome.wrote)
                wrote += pending.events.length;
            pending.resolve(outcome.result);
        }
        this.counters.batches += 1;
        this.counters.appends += batch.length;
        this.counters.events += wrote;
        this.options.onCommit?.(batch.length, wrote, (0, ledger_metrics_1.secondsSince)(start));
        return wrote;
    }
    /**
     * Starts a sync of the WAL unless one is in flight (its end starts the next)
     * or nothing waits for one. It covers every frame written before it starts:
     * the batches committed so far and whatever other connections committed.
     */
    startSync() {
        if (this.syncing !== undefined || this.syncFailure !== undefined)
            return;
        if (this.unsynced.length === 0 && this.barriers.length === 0 && !this.otherWriterCommitted)
            return;
        const covered = this.unsynced;
        const waiting = this.barriers;
        const head = this.statements.headPosition.get() ?? 0;
        this.unsynced = [];
        this.barriers = [];
        this.otherWriterCommitted = false;
        this.syncing = this.syncWal(this.walFd)
            .then(() => {
            const before = this.durableHead;
            this.durableHead = Math.max(before, head);
            for (const committed of covered)
                this.answer(committed);
            for (const barrier of waiting)
                barrier.resolve();
            // Woken for what became durable, this store's events or another writer's.
            if (this.durableHead > before)
                this.committed$.next();
        }, (error) => this.failDurability(new WalSyncError(error), covered, waiting))
            .finally(() => {
            this.syncing = undefined;
            this.startSync();
        });
    }
    /**
     * A failed sync is fatal, not retried: the batches it covered and those
     * waiting for the next one are refused (they are in the WAL, and may or may
     * not survive a power cut; a retry with the same event ids is answered as
     * such if they did), and so is every later append.
     */
    failDurability(failure, covered, waiting) {
        this.syncFailure = failure;
        for (const { batch } of [...covered, ...this.unsynced])
            for (const pending of batch)
                pending.reject(failure);
        for (const barrier of [...waiting, ...this.barriers])
            barrier.reject(failure);
        this.unsynced = [];
        this.barriers = [];
    }
    /**
     * One transaction for the whole batch. It is BEGIN IMMEDIATE, not nested:
     * if someone left the shared connection inside a transaction, the batch
     * fails rather than being acknowledged before anything is committed.
     */
    commit(batch) {
        const { begin, commit, rollback } = this.statements;
        begin.run();
        try {
            const recordedAt = this.recordedAt();
            for (const pending of batch)
                pending.outcome = this.appendInTransaction(pending, recordedAt);
            commit.run();
        }
        catch (error) {
            if (this.db.inTransaction)
                rollback.run();
            throw error;
        }
    }
    /**
     * The time every event of a batch is recorded at: read inside the write
     * transaction, after the last event any writer (another process on the
     * file included) committed, so it never goes back in log order even when
     * the clock does.
     */
    recordedAt() {
        const now = (this.options.clock ?? clock_port_1.systemClock).now().toISOString();
        const last = this.statements.lastRecordedAt.get();
        return typeof last === 'string' && last > now ? last : now;
    }
    /**
     * Checks one append against its stream as it stands in the transaction and
     * writes it. A refused append writes nothing and leaves the batch going; an
     * error that cost SQLite the transaction is thrown, failing the whole batch.
     */
    appendInTransaction({ streamId, events, expected }, recordedAt) {
        const s = this.statements;
        const head = s.streamHead.get(streamId);
        const actual = head === undefined ? 0 : head.version;
        if (!(0, append_rules_1.isExpected)(expected, actual)) {
            // A retry of an append that succeeded comes with an expected version that is now stale.
            const retried = this.answerRetry(streamId, events);
            if (retried !== undefined)
                return retried;
            return { ok: false, error: new event_store_port_1.ConcurrencyError(streamId, expected, actual) };
        }
        // No savepoint: it would make SQLite journal every page this append touches, for the rare
        // failure. Should an event fail, the rows this append inserted are deleted instead (their
        // positions are never reused), and the stream head has not moved yet.
        let firstPosition;
        try {
            let prevHash = head === undefined ? hash_chain_1.GENESIS_HASH : head.head_hash;
            let version = actual;
            let position = 0;
            for (const event of events) {
                version += 1;
                const data = (0, hash_chain_1.canonicalJson)(event.data);
                const metadata = (0, hash_chain_1.canonicalJson)({ ...event.metadata, recordedAt });
                const hash = (0, hash_chain_1.chainedHash)({ eventId: event.eventId, type: event.type, streamId, streamVersion: version }, data, metadata, prevHash);
                position = s.insertEvent.run(event.eventId, streamId, version, event.type, data, metadata, prevHash, hash).lastInsertRowid;
                firstPosition ??= position;
                prevHash = hash;
            }
            s.moveStreamHead.run(streamId, version, prevHash);
            return { ok: true, result: { streamVersion: version, position: String(position) }, wrote: true };
        }
        catch (error) {
            if (!this.db.inTransaction)
                throw error;
            if (firstPosition !== undefined)
                s.undoInserts.run(firstPosition);
            if (!isUniqueViolation(error))
                return { ok: false, error };
            return this.answerRetry(streamId, events) ?? { ok: false, error: this.duplicateAmong(events) ?? error };
        }
    }
    /**
     * When the first event id is already stored: the first answer again if the
     * same ids sit in the same stream in the same order at consecutive versions
     * (a retry), else a DuplicateEventError. Undefined when it is not stored.
     */
    answerRetry(streamId, events) {
        const { storedId } = this.statements;
        const first = storedId.get(events[0].eventId);
        if (first === undefined)
            return undefined;
        let last = first;
        for (let i = 0; i < events.length; i += 1) {
            const stored = i === 0 ? first : storedId.get(events[i].eventId);
            if (stored === undefined || stored.stream_id !== streamId || stored.stream_version !== first.stream_version + i) {
                return { ok: false, error: new event_store_port_1.DuplicateEventError(events[0].eventId) };
            }
            last = stored;
        }
        return { ok: true, result: { streamVersion: last.stream_version, position: String(last.position) }, wrote: false };
    }
    /** The id that makes an append collide: one already stored, or one the append repeats. */
    duplicateAmong(events) {
        const seen = new Set();
        for (const { eventId } of events) {
            if (seen.has(eventId) || this.statements.storedId.get(eventId) !== undefined)
                return new event_store_port_1.DuplicateEventError(eventId);
            seen.add(eventId);
        }
        return undefined;
    }
}
exports.SqliteEventStore = SqliteEventStore;
//# sourceMappingURL=sqlite-event-store.js.map