"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EsdbEventStore = void 0;
const node_perf_hooks_1 = require("node:perf_hooks");
const db_client_1 = require("@eventstore/db-client");
const rxjs_1 = require("rxjs");
const append_rules_1 = require("../../../application/event-store/append-rules");
const clock_port_1 = require("../../../application/ports/clock.port");
const hash_chain_1 = require("../../../application/event-store/hash-chain");
const event_store_port_1 = require("../../../application/ports/event-store.port");
const ledger_metrics_1 = require("../../../application/operations/ledger-metrics");
const esdb_mapping_1 = require("./esdb-mapping");
const resubscribing_feed_1 = require("./resubscribing-feed");
/** Appends that lose a race with another process are tried again this many times before answering a conflict. */
const APPEND_ATTEMPTS = 5;
/** Events read per request when paging through $all. */
const PAGE = 500;
const toRecorded = (event, prefix) => {
    if (event.position === undefined)
        throw new Error(`EventStoreDB gave event ${event.id} without its position (it needs server 22.6 or later)`);
    const stored = event.metadata;
    if (stored?.ledger === undefined)
        throw new Error(`event ${event.id} in ${event.streamId} was not written by the ledger (no hash chain in its metadata)`);
    return {
        eventId: event.id,
        type: event.type,
        streamId: event.streamId.slice(prefix.length),
        streamVersion: (0, esdb_mapping_1.versionOfRevision)(event.revision),
        position: (0, esdb_mapping_1.encodePosition)(event.position),
        data: event.data,
        metadata: stored.ledger.metadata,
        prevHash: stored.ledger.prevHash,
        hash: stored.ledger.hash,
    };
};
/**
 * When the first event id is already in the stream: the first answer again if
 * the same ids sit there in the same order at consecutive versions (a retry),
 * else a DuplicateEventError. Undefined when none of the ids is stored.
 */
const retryAnswer = (stored, events) => {
    const index = new Map(stored.map((event, i) => [event.eventId, i]));
    const first = index.get(events[0].eventId);
    if (first === undefined) {
        const clash = events.find((event) => index.has(event.eventId));
        return clash === undefined ? undefined : new event_store_port_1.DuplicateEventError(clash.eventId);
    }
    for (let i = 0; i < events.length; i += 1) {
        if (index.get(events[i].eventId) !== first + i)
            return new event_store_port_1.DuplicateEventError(events[0].eventId);
    }
    const last = stored[first + events.length - 1];
    return { streamVersion: last.streamVersion, position: last.position };
};
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
 * Limit: EventStoreDB keeps event ids unique per stream, not across streams,
 * so an id reused in another stream is not refused (the ledger derives ids
 * per command, so only a direct caller of the port could do that).
 */
class EsdbEventStore {
    client;
    options;
    queue = Promise.resolve();
    inFlight = new Set();
    closing$ = new rxjs_1.Subject();
    closed = false;
    prefix;
    lastRecordedAt;
    constructor(client, options = {}) {
        this.client = client;
        this.options = options;
        this.prefix = options.streamPrefix ?? '';
        if (this.prefix.startsWith('$'))
            throw new RangeError('a stream prefix must not start with $: those streams are EventStoreDB\'s own');
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
        return this.track(this.inOrder(() => this.appendChecked(streamId, events, expectedVersion)));
    }
    async readStream(streamId, fromVersion = 1) {
        this.ensureOpen();
        return this.streamEvents(streamId, fromVersion);
    }
    /** The same as readStream: EventStoreDB serves reads only of events it has flushed to disk (on a quorum of a cluster's nodes). */
    readDurableStream(streamId, fromVersion = 1) {
        return this.readStream(streamId, fromVersion);
    }
    /** At once: what EventStoreDB serves is already flushed (see readDurableStream). */
    durable() {
        return Promise.resolve();
    }
    async readLastOfStream(streamId) {
        this.ensureOpen();
        try {
            for await (const resolved of this.client.readStream(this.prefix + streamId, { fromRevision: db_client_1.END, direction: db_client_1.BACKWARDS, maxCount: 1 })) {
                if (resolved.event)
                    return toRecorded(resolved.event, this.prefix);
            }
        }
        catch (error) {
            if (error instanceof db_client_1.StreamNotFoundError)
                return null;
            throw error;
        }
        return null;
    }
    /** Also used by appends that close() lets finish. */
    async streamEvents(streamId, fromVersion = 1) {
        const events = [];
        try {
            for await (const resolved of this.client.readStream(this.prefix + streamId, { fromRevision: (0, esdb_mapping_1.revisionOfVersion)(Math.max(1, fromVersion)), direction: db_client_1.FORWARDS })) {
                if (resolved.event)
                    events.push(toRecorded(resolved.event, this.prefix));
            }
        }
        catch (error) {
            if (error instanceof db_client_1.StreamNotFoundError)
                return [];
            throw error;
        }
        return events;
    }
    async readAll({ after, limit }) {
        this.ensureOpen();
        if (!Number.isSafeInteger(limit) || limit < 1)
            throw new RangeError(`limit must be a positive integer, got ${limit}`);
        const out = [];
        let from = after === null || after === undefined ? db_client_1.START : (0, esdb_mapping_1.decodePosition)(after);
        let seen = from === db_client_1.START ? -1n : BigInt(after);
        for (;;) {
            // $all reads include their starting position and EventStoreDB's own events: page until `limit` of ours.
            let read = 0;
            for await (const resolved of this.client.readAll({ fromPosition: from, direction: db_client_1.FORWARDS, maxCount: PAGE })) {
                read += 1;
                const event = resolved.event;
                if (event?.position === undefined)
                    continue;
                const position = BigInt((0, esdb_mapping_1.encodePosition)(event.position));
                if (position <= seen)
                    continue;
                seen = position;
                from = event.position;
                if (!this.isOurs(event))
                    continue;
                out.push(toRecorded(event, this.prefix));
                if (out.length === limit)
                    return out;
            }
            if (read < PAGE)
                return out;
        }
    }
    async headPosition() {
        this.ensureOpen();
        let from = db_client_1.END;
        for (;;) {
            let read = 0;
            for await (const resolved of this.client.readAll({ fromPosition: from, direction: db_client_1.BACKWARDS, maxCount: PAGE })) {
                read += 1;
                const event = resolved.event;
                if (event?.position === undefined)
                    continue;
                if (this.isOurs(event))
                    return (0, esdb_mapping_1.encodePosition)(event.position);
                from = event.position;
            }
            if (read < PAGE)
                return null;
        }
    }
    /**
     * EventStoreDB keeps no index of event ids across streams: this reads $all
     * from the newest event back until it finds the id, so its cost grows with
     * how far back the event lies.
     */
    async readEvent(eventId) {
        this.ensureOpen();
        for await (const resolved of this.client.readAll({ fromPosition: db_client_1.END, direction: db_client_1.BACKWARDS })) {
            const event = resolved.event;
            if (event !== undefined && event.id === eventId && this.isOurs(event))
                return toRecorded(event, this.prefix);
        }
        return null;
    }
    subscribe(after = null) {
        const open = (from) => {
            const subscription = this.client.subscribeToAll({
                fromPosition: from === null ? db_client_1.START : (0, esdb_mapping_1.decodePosition)(from),
                filter: this.prefix === '' ? (0, db_client_1.excludeSystemEvents)() : (0, db_client_1.streamNameFilter)({ prefixes: [this.prefix] }),
            });
            return { events: this.ledgerEventsOf(subscription), stop: () => subscription.unsubscribe() };
        };
        return (0, resubscribing_feed_1.resubscribingFeed)(open, after, this.closing$, this.options.feed);
    }
    async ping() {
        if (this.closed)
            return false;
        try {
            for await (const resolved of this.client.readAll({ fromPosition: db_client_1.END, direction: db_client_1.BACKWARDS, maxCount: 1 }))
                void resolved;
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
        await Promise.allSettled([...this.inFlight]);
        this.closing$.next();
        this.closing$.complete();
        await this.client.dispose();
    }
    async *ledgerEventsOf(events) {
        for await (const resolved of events) {
            const event = resolved.event;
            if (event !== undefined && this.isOurs(event))
                yield toRecorded(event, this.prefix);
        }
    }
    /**
     * Reads the stream, answers a retry as the first time, checks the caller's
     * expectation, then writes on the exact head it read. Losing a race with
     * another process reads again, a bounded number of times.
     */
    async appendChecked(streamId, events, expected) {
        for (let attempt = 1;; attempt += 1) {
            const stored = await this.streamEvents(streamId);
            const retried = retryAnswer(stored, events);
            if (retried instanceof Error)
                throw retried;
            if (retried !== undefined)
                return retried;
            const head = stored[stored.length - 1];
            const actual = head?.streamVersion ?? 0;
            if (!(0, append_rules_1.isExpected)(expected, actual))
                throw new event_store_port_1.ConcurrencyError(streamId, expected, actual);
            try {
                return await this.write(streamId, events, actual, head?.hash ?? hash_chain_1.GENESIS_HASH);
            }
            catch (error) {
                if (!(error instanceof db_client_1.WrongExpectedVersionError))
                    throw error;
                if (attempt >= APPEND_ATTEMPTS)
                    throw (0, esdb_mapping_1.toPortError)(error, streamId, expected);
            }
        }
    }
    async write(streamId, events, actual, headHash) {
        let prevHash = headHash;
        const recordedAt = await this.recordedAt();
        const data = events.map((event, i) => {
            const stamped = { ...event.metadata, recordedAt };
            const hash = (0, hash_chain_1.chainedHash)({ eventId: event.eventId, type: event.type, streamId, streamVersion: actual + i + 1 }, (0, hash_chain_1.canonicalJson)(event.data), (0, hash_chain_1.canonicalJson)(stamped), prevHash);
            const metadata = {
                $correlationId: event.metadata.correlationId,
                $causationId: event.metadata.causationId,
                ledger: { metadata: stamped, prevHash, hash },
            };
            prevHash = hash;
            return (0, db_client_1.jsonEvent)({ id: event.eventId, type: event.type, data: event.data, metadata });
        });
        const start = node_perf_hooks_1.performance.now();
        const result = await this.client.appendToStream(this.prefix + streamId, data, {
            expectedRevision: actual === 0 ? db_client_1.NO_STREAM : (0, esdb_mapping_1.revisionOfVersion)(actual),
        });
        this.options.onCommit?.(1, events.length, (0, ledger_metrics_1.secondsSince)(start));
        const streamVersion = (0, esdb_mapping_1.versionOfRevision)(result.nextExpectedRevision);
        return { streamVersion, position: await this.positionOf(streamId, result) };
    }
    /** The $all position of the stream's last event, read back: the append's answer does not say which event it names. */
    async positionOf(streamId, result) {
        for await (const resolved of this.client.readStream(this.prefix + streamId, { fromRevision: result.nextExpectedRevision, direction: db_client_1.FORWARDS, maxCount: 1 })) {
            const position = resolved.event?.position;
            if (position !== undefined)
                return (0, esdb_mapping_1.encodePosition)(position);
        }
        if (result.position === undefined)
            throw new Error(`EventStoreDB did not say where the append to ${streamId} was written`);
        return (0, esdb_mapping_1.encodePosition)(result.position);
    }
    /**
     * The later of the clock and the newest recordedAt this process knows (read
     * from the log's head at the first append): never decreasing in log order
     * for the appends of one process, the one writer the adapter supports.
     */
    async recordedAt() {
        this.lastRecordedAt ??= await this.headRecordedAt();
        const now = (this.options.clock ?? clock_port_1.systemClock).now().toISOString();
        if (now > this.lastRecordedAt)
            this.lastRecordedAt = now;
        return this.lastRecordedAt;
    }
    /** The recordedAt of the newest ledger event in $all, or '' for an empty log. */
    async headRecordedAt() {
        for await (const resolved of this.client.readAll({ fromPosition: db_client_1.END, direction: db_client_1.BACKWARDS })) {
            const event = resolved.event;
            if (event !== undefined && this.isOurs(event))
                return toRecorded(event, this.prefix).metadata.recordedAt;
        }
        return '';
    }
    /**
     * Runs `work` after every earlier append of this process has settled: one
     * write at a time, so appends never race each other and each is stamped
     * no earlier than the one written before it.
     */
    inOrder(work) {
        const next = this.queue.then(work, work);
        this.queue = next.catch(() => undefined);
        return next;
    }
    track(promise) {
        this.inFlight.add(promise);
        const forget = () => this.inFlight.delete(promise);
        promise.then(forget, forget);
        return promise;
    }
    isOurs(event) {
        return !(0, esdb_mapping_1.isSystemEvent)(event) && event.streamId.startsWith(this.prefix);
    }
    ensureOpen() {
        if (this.closed)
            throw new event_store_port_1.StoreClosedError();
    }
}
exports.EsdbEventStore = EsdbEventStore;
//# sourceMappingURL=esdb-event-store.js.map