"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BulkFold = exports.BULK_DOCUMENTS = exports.BULK_ROWS = exports.BULK_COMMIT = exports.BULK_READ = void 0;
const projection_1 = require("./projection");
/**
 * Events read per query by a bulk fold. Small: the parsed events die young
 * (the log's events carry agreements and standings), where a read of 10,000
 * kept them all alive across a batch and the collector copied them (27% of a
 * rebuild's time in the profile).
 */
exports.BULK_READ = 1000;
/**
 * Events a bulk fold folds in memory before it writes them: one transaction
 * for many reads, and each running total and document changed in it written
 * once. 50,000 wrote the postings' running totals less often, but its
 * documents and rows in memory took the peak RSS past 1.5 GB at 1,000,000 events.
 */
exports.BULK_COMMIT = 20_000;
/**
 * Rows a bulk fold holds before it writes them, whatever the events: an
 * event can give many (a library registering its holdings gives one per
 * title), and rows that carry running totals are copied and counted into
 * their groups in memory when written (about 1 KB a holdings row). The
 * bench's setup (200,000 holdings rows in its first 3,000 events) written
 * in one go took the peak RSS of a rebuild from 367 to 509 MB. Within a
 * read the fold stops at the event where this many rows are waiting, so
 * no read of many rows an event piles up more than one event past it.
 */
exports.BULK_ROWS = 25_000;
/**
 * Documents a bulk fold keeps in memory per read model once written, so that
 * the next event of the same document is not read back; the least recently
 * folded go first (and are read back if they come again).
 */
exports.BULK_DOCUMENTS = 5000;
/**
 * Folds the log into read models in memory, for a rebuild from the start:
 * documents stay in memory between batches (so a document is not read back
 * for every event that changes it), rows gather, and `changes` hands over
 * what one transaction writes. The same folds as the runner's incremental
 * path (each projection's evolve and rowsOf); an event a read model cannot
 * fold is set aside, and the read model stops there unless it skips it.
 */
class BulkFold {
    readStore;
    targets;
    pending = 0;
    pendingRows = 0;
    constructor(readStore, targets) {
        this.readStore = readStore;
        this.targets = targets.map(({ projection, from, policy }) => ({
            projection,
            policy,
            folded: from,
            written: from,
            stuck: false,
            rows: [],
            setAside: [],
            cache: new Map(),
            dirty: new Set(),
            evicted: from >= 0n,
        }));
    }
    /** Where the next read starts: the lowest position folded by a read model that is not stuck (undefined: all are). */
    get after() {
        let lowest;
        for (const target of this.targets)
            if (!target.stuck && (lowest === undefined || target.folded < lowest))
                lowest = target.folded;
        return lowest;
    }
    /** Whether what is folded should be written now: BULK_COMMIT events or BULK_ROWS rows since the last `changes`. */
    get due() {
        return this.pending >= exports.BULK_COMMIT || this.pendingRows >= exports.BULK_ROWS;
    }
    positionOf(name) {
        return this.targets.find((target) => target.projection.name === name)?.folded ?? -1n;
    }
    /**
     * Folds events in log order, each into the read models that handle it and
     * have not folded it. With `until`, none beyond it, and all of them
     * whatever BULK_ROWS says: the last stretch before a switch is written in
     * one transaction.
     */
    async fold(events, until) {
        const positions = events.map((event) => BigInt(event.position));
        let count = events.length;
        if (until !== undefined)
            while (count > 0 && positions[count - 1] > until)
                count -= 1;
        if (count === 0)
            return;
        const within = count === events.length ? events : events.slice(0, count);
        const last = positions[count - 1];
        for (const target of this.targets) {
            if (target.stuck || last <= target.folded)
                continue;
            const seen = target.folded;
            const { handles } = target.projection;
            const skipped = target.policy.skipped;
            const mine = within.filter((e, i) => handles.has(e.type) && positions[i] > seen && !skipped?.has(e.position));
            let reached;
            if ((0, projection_1.isRowProjection)(target.projection))
                reached = this.foldRows(target, target.projection, mine, until === undefined);
            else
                await this.foldDocuments(target, target.projection, mine);
            if (!target.stuck)
                target.folded = reached ?? last;
        }
        this.pending += within.length;
    }
    /** What was folded since the last call, one change per read model that moved, for one transaction; the cache keeps the documents. */
    changes() {
        const changes = [];
        for (const target of this.targets) {
            if (target.folded === target.written && target.setAside.length === 0)
                continue;
            const common = { checkpoint: target.folded.toString(), setAside: target.setAside, from: target.written < 0n ? null : target.written.toString() };
            if ((0, projection_1.isRowProjection)(target.projection)) {
                changes.push({ projection: target.projection, rows: target.rows, ...common });
                target.rows = [];
            }
            else {
                changes.push({ projection: target.projection, ...this.documentWrites(target), ...common });
            }
            target.setAside = [];
            target.written = target.folded;
        }
        this.pending = 0;
        this.pendingRows = 0;
        return changes;
    }
    /**
     * Folds the events' rows; `bounded`, once BULK_ROWS rows wait to be
     * written it stops after the event it is at and returns its position: the
     * rest is read again after the write (`after`).
     */
    foldRows(target, projection, events, bounded) {
        for (const [i, event] of events.entries()) {
            try {
                const rows = projection.rowsOf(event);
                for (const row of rows)
                    target.rows.push(row);
                this.pendingRows += rows.length;
            }
            catch (error) {
                if (this.setAside(target, event, error))
                    return undefined;
            }
            if (bounded && this.pendingRows >= exports.BULK_ROWS && i < events.length - 1)
                return BigInt(event.position);
        }
        return undefined;
    }
    async foldDocuments(target, projection, events) {
        const keysOf = (event) => projection.keysOf?.(event) ?? [projection.keyOf(event)];
        if (target.evicted)
            await this.readBack(target, events.flatMap((event) => keysIfAny(keysOf, event)));
        const { cache, dirty } = target;
        const evolve = (into, key, event) => {
            const before = into.get(key) ?? cache.get(key);
            const doc = projection.evolve(before?.doc ?? null, event, key);
            into.set(key, { doc, position: before?.doc ? before.position : event.position });
        };
        for (const event of events) {
            try {
                const keys = keysOf(event);
                // Every document the event touches is evolved before any is kept, so an event that throws halfway changes none.
                const evolved = new Map();
                for (const key of keys)
                    evolve(evolved, key, event);
                for (const [key, entry] of evolved) {
                    // Most recently folded last: the cache drops from the front.
                    cache.delete(key);
                    cache.set(key, entry);
                    dirty.add(key);
                }
            }
            catch (error) {
                if (this.setAside(target, event, error))
                    return;
            }
        }
    }
    /** Documents the cache dropped, read back before an event folds them again. */
    async readBack(target, keys) {
        const missing = [...new Set(keys)].filter((key) => !target.cache.has(key));
        if (missing.length === 0)
            return;
        const stored = await this.readStore.load(target.projection.name, missing);
        // The position only orders a new document: a stored one keeps the one it was written with.
        for (const key of missing)
            target.cache.set(key, { doc: stored.get(key) ?? null, position: '0' });
    }
    /** The documents changed since the last write; then the cache is cut back to its bound. */
    documentWrites(target) {
        const upserts = [];
        const deletes = [];
        for (const id of target.dirty) {
            const { doc, position } = target.cache.get(id);
            if (doc === null)
                deletes.push(id);
            else
                upserts.push({ id, doc, position });
        }
        target.dirty.clear();
        for (const key of target.cache.keys()) {
            if (target.cache.size <= exports.BULK_DOCUMENTS)
                break;
            target.cache.delete(key);
            target.evicted = true;
        }
        return { upserts, deletes };
    }
    /** Sets the event aside; true when the read model stops at it. */
    setAside(target, event, error) {
        target.setAside.push(target.policy.setAside(event, error, target.policy.skips));
        if (target.policy.skips)
            return false;
        target.stuck = true;
        target.folded = BigInt(event.position) - 1n;
        return true;
    }
}
exports.BulkFold = BulkFold;
/** The keys an event touches; none for an event whose keys cannot be read (its fold sets it aside). */
const keysIfAny = (keysOf, event) => {
    try {
        return keysOf(event);
    }
    catch {
        return [];
    }
};
//# sourceMappingURL=bulk-fold.js.map