"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LogFanOut = exports.RING_CAPACITY = void 0;
/** How many of the latest events are kept for readers that follow the head; between this and twice this are held. */
exports.RING_CAPACITY = 4096;
const after = (position, cursor) => cursor === null || BigInt(position) > BigInt(cursor);
/**
 * Follows the log once for every live reader (SSE clients, webhook workers):
 * each new event is read once, kept in a ring of the latest events, and
 * handed to every reader from there, rendered once, when a reader first
 * takes it (with no reader, none is rendered). A reader keeps only its
 * cursor. One that starts further back, or falls behind the ring, reads the
 * store on its own until it reaches the ring again.
 */
class LogFanOut {
    store;
    renderer;
    capacity;
    ring = [];
    ringPositions = [];
    /** Every event after `floor` up to `head` is in the ring (null: from the start of the log). */
    floor = null;
    head = null;
    headRecordedAt = null;
    waiters = new Set();
    subscription;
    stopped = true;
    failure = null;
    constructor(store, renderer, capacity = exports.RING_CAPACITY) {
        this.store = store;
        this.renderer = renderer;
        this.capacity = capacity;
    }
    async start() {
        this.stopped = false;
        this.failure = null;
        this.head = this.floor = await this.store.headPosition();
        this.ring = [];
        this.ringPositions = [];
        this.subscription = this.store.subscribe(this.head).subscribe({
            next: (event) => this.push(event),
            // The store is closing or failed: readers stop waiting and end.
            error: (error) => {
                this.failure = error;
                this.stop();
            },
            complete: () => this.stop(),
        });
    }
    stop() {
        this.stopped = true;
        this.subscription?.unsubscribe();
        this.wake();
    }
    get running() {
        return !this.stopped;
    }
    /** How far the fan-out has followed the log, for health and metrics; `failure` is why it stopped, if it failed. */
    progress() {
        return { running: this.running, position: this.head, recordedAt: this.headRecordedAt, failure: this.failure };
    }
    /**
     * The log after `from`, batch by batch, at the reader's pace: the next
     * batch is taken only when the reader asks for it. Ends when aborted or
     * when the fan-out stops.
     */
    async *follow(from, signal, batchSize = 200) {
        let cursor = from;
        while (!signal.aborted && this.running) {
            const batch = this.fromRing(cursor, batchSize) ?? (await this.fromStore(cursor, batchSize));
            if (batch.length === 0) {
                await this.beyond(cursor, signal);
                continue;
            }
            cursor = batch[batch.length - 1].event.position;
            yield batch;
        }
    }
    push(event) {
        this.ring.push({ event });
        this.ringPositions.push(BigInt(event.position));
        this.head = event.position;
        this.headRecordedAt = event.metadata.recordedAt;
        if (this.ring.length >= 2 * this.capacity) {
            const dropped = this.ring.length - this.capacity;
            this.floor = this.ring[dropped - 1].event.position;
            this.ring = this.ring.slice(dropped);
            this.ringPositions = this.ringPositions.slice(dropped);
        }
        this.wake();
    }
    /** The events after `cursor` from the ring, or null when the ring does not reach back that far. */
    fromRing(cursor, limit) {
        if (this.floor !== null && (cursor === null || BigInt(cursor) < BigInt(this.floor)))
            return null;
        const from = cursor === null ? null : BigInt(cursor);
        let low = 0;
        let high = this.ringPositions.length;
        while (low < high) {
            const middle = (low + high) >>> 1;
            if (from !== null && this.ringPositions[middle] <= from)
                low = middle + 1;
            else
                high = middle;
        }
        return this.ring.slice(low, low + limit).map((kept) => (kept.rendered ??= this.renderer.render(kept.event)));
    }
    async fromStore(cursor, limit) {
        return (await this.store.readAll({ after: cursor, limit })).map((event) => this.renderer.render(event));
    }
    /** Resolves once the fan-out holds an event after `cursor`, or at once when stopped or aborted. */
    async beyond(cursor, signal) {
        const reached = () => this.head !== null && after(this.head, cursor);
        if (this.stopped || signal.aborted || reached())
            return;
        await new Promise((resolve) => {
            const done = () => {
                this.waiters.delete(check);
                signal.removeEventListener('abort', done);
                resolve();
            };
            const check = () => {
                if (this.stopped || reached())
                    done();
            };
            this.waiters.add(check);
            signal.addEventListener('abort', done, { once: true });
        });
    }
    wake() {
        for (const check of [...this.waiters])
            check();
    }
}
exports.LogFanOut = LogFanOut;
//# sourceMappingURL=log-fan-out.js.map