"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LocalRateCounters = exports.windowStart = void 0;
/** Past this many buckets, ended windows are swept, so the map cannot grow without bound. */
const SWEEP_AT = 10_000;
const windowStart = (now, windowMs) => Math.floor(now / windowMs) * windowMs;
exports.windowStart = windowStart;
/** Counts in this process only: the counters of the embedded store's one instance. */
class LocalRateCounters {
    clock;
    windows = new Map();
    constructor(clock) {
        this.clock = clock;
    }
    hit(bucket, windowMs) {
        const window = this.current(bucket, windowMs, true);
        window.hits += 1;
        return this.countOf(window);
    }
    peek(bucket, windowMs) {
        const window = this.current(bucket, windowMs, false);
        return window ? this.countOf(window) : { hits: 0, resetsInMs: 0 };
    }
    async close() { }
    countOf(window) {
        return { hits: window.hits, resetsInMs: window.startsAt + window.windowMs - this.now() };
    }
    newWindow(bucket, startsAt, windowMs) {
        return { bucket, startsAt, windowMs, hits: 0 };
    }
    current(bucket, windowMs, create) {
        const key = `${windowMs}|${bucket}`;
        const startsAt = (0, exports.windowStart)(this.now(), windowMs);
        const window = this.windows.get(key);
        if (window && window.startsAt === startsAt)
            return window;
        if (!create)
            return undefined;
        if (this.windows.size >= SWEEP_AT)
            this.sweep();
        const fresh = this.newWindow(bucket, startsAt, windowMs);
        this.windows.set(key, fresh);
        return fresh;
    }
    sweep() {
        const now = this.now();
        for (const [key, window] of this.windows)
            if (window.startsAt + window.windowMs <= now)
                this.windows.delete(key);
    }
    now() {
        return this.clock.now().getTime();
    }
}
exports.LocalRateCounters = LocalRateCounters;
//# sourceMappingURL=local-rate-counters.js.map