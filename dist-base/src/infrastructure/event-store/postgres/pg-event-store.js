"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PgEventStore = exports.EVENTS_CHANNEL = void 0;
const node_perf_hooks_1 = require("node:perf_hooks");
const promises_1 = require("node:timers/promises");
const rxjs_1 = require("rxjs");
const append_rules_1 = require("../../../application/event-store/append-rules");
const catch_up_subscription_1 = require("../../../application/event-store/catch-up-subscription");
const clock_port_1 = require("../../../application/ports/clock.port");
const hash_chain_1 = require("../../../application/event-store/hash-chain");
const event_store_port_1 = require("../../../application/ports/event-store.port");
const ledger_metrics_1 = require("../../../application/operations/ledger-metrics");
const pg_migrations_1 = require("./pg-migrations");
const pg_event_store_schema_1 = require("./pg-event-store.schema");
/** Advisory lock key under which positions are handed out (see `commitBatch`). */
const LOG_LOCK = 0x1ed6e7;
/** The channel a commit notifies, so subscribers in every instance wake at once. */
exports.EVENTS_CHANNEL = 'ledger_events';
/** How often a subscriber looks anyway, should a notification be lost with a connection. */
const POLL_MS = 1000;
// BIGINT comes back from pg as a decimal string, the port's position as it is.
const COLUMNS = 'position, event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash';
const toRecorded = (row) => ({
    eventId: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    position: row.position,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    prevHash: row.prev_hash,
    hash: row.hash,
});
const toSqlPosition = (after) => {
    if (after === null || after === undefined)
        return '0';
    if (typeof after !== 'string' || !/^\d{1,19}$/.test(after))
        throw new RangeError(`a position is a decimal string, got ${String(after)}`);
    return after;
};
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
class PgEventStore {
    pool;
    options;
    committed$ = new rxjs_1.Subject();
    queue = [];
    flushing;
    closed = false;
    listener;
    poller;
    t;
    counters = { batches: 0, appends: 0, events: 0 };
    constructor(pool, options) {
        this.pool = pool;
        this.options = options;
        const schema = (0, pg_migrations_1.quoteIdentifier)(options.schema ?? 'public');
        this.t = { events: `${schema}.events`, streams: `${schema}.streams` };
    }
    /** Creates or migrates the schema, then starts listening for other instances' commits. */
    static async open(pool, options = {}) {
        await (0, pg_migrations_1.migrate)(pool, options.schema ?? 'public', 'event_store', pg_event_store_schema_1.EVENT_STORE_MIGRATIONS);
        const store = new PgEventStore(pool, options);
        await store.listen();
        return store;
    }
    get stats() {
        return { ...this.counters };
    }
    append(streamId, events, expectedVersion) {
        if (this.closed)
            return Promise.reject(new event_store_port_1.StoreClosedError());
        const invalid = (0, append_rules_1.invalidAppend)(streamId, events, expectedVersion);
        if (invalid)
            return Promise.reject(invalid);
        const repeated = (0, append_rules_1.repeatedEventId)(events);
        if (repeated !== undefined)
            return Promise.reject(new event_store_port_1.DuplicateEventError(repeated));
        return new Promise((resolve, reject) => {
            this.queue.push({ streamId, events, expected: expectedVersion, resolve, reject });
            this.flushing ??= this.flushLoop();
        });
    }
    async readStream(streamId, fromVersion = 1) {
        this.ensureOpen();
        const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.t.events} WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`, [streamId, fromVersion]);
        return rows.map(toRecorded);
    }
    /** The same as readStream: PostgreSQL shows a commit to other sessions only once its WAL record is flushed (synchronous_commit on, its default). */
    readDurableStream(streamId, fromVersion = 1) {
        return this.readStream(streamId, fromVersion);
    }
    /** At once: what another session can read is already flushed (see readDurableStream). */
    durable() {
        return Promise.resolve();
    }
    async readLastOfStream(streamId) {
        this.ensureOpen();
        const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.t.events} WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1`, [streamId]);
        return rows.length === 0 ? null : toRecorded(rows[0]);
    }
    async readEvent(eventId) {
        this.ensureOpen();
        const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.t.events} WHERE event_id = $1`, [eventId]);
        return rows.length === 0 ? null : toRecorded(rows[0]);
    }
    async readAll({ after, limit }) {
        this.ensureOpen();
        if (!Number.isSafeInteger(limit) || limit < 1)
            throw new RangeError(`limit must be a positive integer, got ${limit}`);
        const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.t.events} WHERE position > $1 ORDER BY position LIMIT $2`, [toSqlPosition(after), limit]);
        return rows.map(toRecorded);
    }
    async headPosition() {
        this.ensureOpen();
        const { rows } = await this.pool.query(`SELECT max(position)::text AS head FROM ${this.t.events}`);
        return rows[0].head;
    }
    subscribe(after = null) {
        return (0, catch_up_subscription_1.catchUpSubscription)((from, limit) => this.readAll({ after: from, limit }), this.committed$, after);
    }
    async ping() {
        if (this.closed)
            return false;
        try {
            await this.pool.query('SELECT 1');
            return true;
        }
        catch {
            return false;
        }
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        await this.flushing;
        clearInterval(this.poller);
        this.committed$.complete();
        if (this.listener) {
            this.listener.removeAllListeners('notification');
            await this.listener.query(`UNLISTEN ${exports.EVENTS_CHANNEL}`).catch(() => undefined);
            this.listener.release();
        }
        if (this.options.ownsPool)
            await this.pool.end();
    }
    /**
     * Writes events recorded by another store exactly as they were recorded:
     * same positions, ids, versions and hashes, each checked against its
     * stream's chain first (a log that does not verify is not copied). For the
     * move from the embedded file; the target must hold nothing before the first
     * batch, and batches must come in log order.
     */
    async importRecorded(events) {
        this.ensureOpen();
        if (events.length === 0)
            return;
        const client = await this.pool.connect();
        try {
            await client.query('BEGIN');
            await client.query('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
            const heads = await client.query(`SELECT stream_id, version, head_hash FROM ${this.t.streams} WHERE stream_id = ANY($1::text[])`, [[...new Set(events.map((e) => e.streamId))]]);
            const chain = new Map(heads.rows.map((row) => [row.stream_id, { version: row.version, hash: row.head_hash }]));
            const columns = [[], [], [], [], [], [], [], [], [], []];
            for (const event of events) {
                const head = chain.get(event.streamId) ?? { version: 0, hash: hash_chain_1.GENESIS_HASH };
                if (event.streamVersion !== head.version + 1 || event.prevHash !== head.hash || (0, hash_chain_1.eventHash)(event, event.prevHash) !== event.hash) {
                    throw new Error(`event ${event.eventId} at position ${event.position} (${event.streamId} v${event.streamVersion}) does not verify against its stream's chain`);
                }
                chain.set(event.streamId, { version: event.streamVersion, hash: event.hash });
                const row = [event.position, event.eventId, event.streamId, String(event.streamVersion), event.type, (0, hash_chain_1.canonicalJson)(event.data), (0, hash_chain_1.canonicalJson)(event.metadata), event.prevHash, event.hash, event.metadata.recordedAt];
                row.forEach((value, c) => columns[c].push(value));
            }
            await client.query(`INSERT INTO ${this.t.events} (position, event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash, recorded_at) OVERRIDING SYSTEM VALUE
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`, columns);
            const streams = [...chain.entries()];
            await client.query(`INSERT INTO ${this.t.streams} (stream_id, version, head_hash) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])
         ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash`, [streams.map(([id]) => id), streams.map(([, head]) => head.version), streams.map(([, head]) => head.hash)]);
            // New appends continue after the highest position copied.
            await client.query(`SELECT setval(pg_get_serial_sequence('${this.t.events}', 'position'), (SELECT max(position) FROM ${this.t.events}))`);
            await client.query('COMMIT');
        }
        catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
        }
        finally {
            client.release();
        }
        this.committed$.next();
    }
    ensureOpen() {
        if (this.closed)
            throw new event_store_port_1.StoreClosedError();
    }
    /** Wakes subscribers on every commit in any instance (NOTIFY), and on a timer should a notification be lost. */
    async listen() {
        this.listener = await this.pool.connect();
        this.listener.on('notification', () => this.committed$.next());
        await this.listener.query(`LISTEN ${exports.EVENTS_CHANNEL}`);
        this.poller = setInterval(() => this.committed$.next(), POLL_MS).unref();
    }
    /** One batch at a time; whatever arrives meanwhile forms the next batch. */
    async flushLoop() {
        try {
            // Let the appends of this turn of the event loop join the first batch.
            await (0, promises_1.setImmediate)();
            while (this.queue.length > 0) {
                const batch = this.queue;
                this.queue = [];
                await this.flush(batch);
            }
        }
        finally {
            this.flushing = undefined;
        }
    }
    async flush(batch) {
        try {
            await this.commitBatch(batch);
        }
        catch (error) {
            for (const pending of batch)
                pending.reject(error);
            return;
        }
        for (const pending of batch) {
            const outcome = pending.outcome;
            if (outcome.ok)
                pending.resolve(outcome.result);
            else
                pending.reject(outcome.error);
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
    async commitBatch(batch) {
        const client = await this.pool.connect();
        const start = node_perf_hooks_1.performance.now();
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
                await client.query(`SELECT pg_notify('${exports.EVENTS_CHANNEL}', '${positions.last}'); COMMIT`);
                this.counters.events += writes.events.length;
            }
            else {
                batch.forEach((pending, i) => (pending.outcome = decided[i]));
                await this.options.beforeCommit?.();
                await client.query('COMMIT');
            }
            this.counters.batches += 1;
            this.counters.appends += batch.length;
            this.options.onCommit?.(batch.length, writes.events.length, (0, ledger_metrics_1.secondsSince)(start));
        }
        catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
        }
        finally {
            client.release();
        }
    }
    /**
     * Under the log lock, in one statement: the heads of the batch's streams,
     * those of its event ids already stored, and the time every event of the
     * batch is recorded at, which never goes back in log order even when a
     * clock does.
     */
    async readBeforeBatch(client, batch) {
        const streamIds = [...new Set(batch.map((pending) => pending.streamId))];
        const eventIds = batch.flatMap((pending) => pending.events.map((event) => event.eventId));
        const { rows } = await client.query(`SELECT 'stream' AS kind, stream_id AS id, version, head_hash AS text, NULL AS position FROM ${this.t.streams} WHERE stream_id = ANY($1::text[])
       UNION ALL
       SELECT 'event', event_id, stream_version, stream_id, position::text FROM ${this.t.events} WHERE event_id = ANY($2::text[])
       UNION ALL
       (SELECT 'last', NULL, NULL, recorded_at, NULL FROM ${this.t.events} ORDER BY position DESC LIMIT 1)`, [streamIds, eventIds]);
        const heads = new Map();
        const ids = new Map();
        const now = (this.options.clock ?? clock_port_1.systemClock).now().toISOString();
        let recordedAt = now;
        for (const row of rows) {
            if (row.kind === 'stream')
                heads.set(row.id, { version: row.version, hash: row.text });
            else if (row.kind === 'event')
                ids.set(row.id, { streamId: row.text, streamVersion: row.version, position: row.position });
            else if (row.text > now)
                recordedAt = row.text;
        }
        return { heads, ids, recordedAt };
    }
    /** Every accepted append's events and the new heads of their streams, in one statement; answers each event's position. */
    async writeBatch(client, writes) {
        const columns = [[], [], [], [], [], [], [], [], []];
        for (const row of writes.events)
            row.forEach((value, c) => columns[c].push(value));
        const heads = [...writes.movedHeads.entries()];
        const { rows } = await client.query(`WITH written AS (
         INSERT INTO ${this.t.events} (event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash, recorded_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         RETURNING event_id, position),
       moved AS (
         INSERT INTO ${this.t.streams} (stream_id, version, head_hash) SELECT * FROM unnest($10::text[], $11::int[], $12::text[])
         ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash)
       SELECT event_id, position::text FROM written`, [...columns, heads.map(([id]) => id), heads.map(([, head]) => head.version), heads.map(([, head]) => head.hash)]);
        const positions = new Map(rows.map((row) => [row.event_id, row.position]));
        // Positions must follow the order the events were given in, each stream's versions with them.
        let previous = 0n;
        for (const [eventId] of writes.events) {
            const position = BigInt(positions.get(eventId));
            if (position <= previous)
                throw new Error(`the batch's positions did not follow its order at event ${eventId}`);
            previous = position;
        }
        return { of: (eventId) => positions.get(eventId), last: String(previous) };
    }
}
exports.PgEventStore = PgEventStore;
/**
 * Decides the appends of one batch in order, against the stream heads and
 * stored ids read under the log lock, each seeing what the ones before it
 * wrote, and gathers the rows to write. A refused append writes nothing and
 * leaves the others going, as on SQLite.
 */
class BatchWrites {
    heads;
    ids;
    /** Rows in the order of the events table's columns, in the order positions are to be drawn. */
    events = [];
    /** The streams this batch moves, with their heads after it. */
    movedHeads = new Map();
    constructor(heads, ids) {
        this.heads = heads;
        this.ids = ids;
    }
    decide({ streamId, events, expected }, recordedAt) {
        const head = this.heads.get(streamId) ?? { version: 0, hash: hash_chain_1.GENESIS_HASH };
        // A retry of an append that succeeded comes with an expected version that is now stale, or with the same one.
        if (events.some((event) => this.ids.has(event.eventId)))
            return this.answerRetry(streamId, events);
        if (!(0, append_rules_1.isExpected)(expected, head.version))
            return { ok: false, error: new event_store_port_1.ConcurrencyError(streamId, expected, head.version) };
        const rows = [];
        let prevHash = head.hash;
        try {
            events.forEach((event, i) => {
                const version = head.version + i + 1;
                const data = (0, hash_chain_1.canonicalJson)(event.data);
                const metadata = (0, hash_chain_1.canonicalJson)({ ...event.metadata, recordedAt });
                const hash = (0, hash_chain_1.chainedHash)({ eventId: event.eventId, type: event.type, streamId, streamVersion: version }, data, metadata, prevHash);
                rows.push([event.eventId, streamId, String(version), event.type, data, metadata, prevHash, hash, recordedAt]);
                prevHash = hash;
            });
        }
        catch (error) {
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
    answer(decided, positions) {
        if (!('written' in decided))
            return decided;
        return { ok: true, result: { streamVersion: decided.written.streamVersion, position: positions.of(decided.written.lastEventId) } };
    }
    /**
     * When an event id is already stored, in the log or earlier in this batch:
     * the first answer again if the same ids sit in the same stream in the same
     * order at consecutive versions (a retry), else a DuplicateEventError.
     */
    answerRetry(streamId, events) {
        const first = this.ids.get(events[0].eventId);
        const isRetry = first !== undefined && events.every((event, i) => this.ids.get(event.eventId)?.streamId === streamId && this.ids.get(event.eventId)?.streamVersion === first.streamVersion + i);
        if (!isRetry)
            return { ok: false, error: new event_store_port_1.DuplicateEventError(events.find((event) => this.ids.has(event.eventId)).eventId) };
        const last = this.ids.get(events[events.length - 1].eventId);
        if (last.position !== undefined)
            return { ok: true, result: { streamVersion: last.streamVersion, position: last.position } };
        return { ok: true, written: { streamVersion: last.streamVersion, lastEventId: events[events.length - 1].eventId } };
    }
}
//# sourceMappingURL=pg-event-store.js.map