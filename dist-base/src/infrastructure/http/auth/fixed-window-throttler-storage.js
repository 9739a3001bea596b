"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FixedWindowThrottlerStorage = void 0;
/**
 * Requests per key in fixed windows: one counter and two instants per key,
 * O(1) a request whatever the limit (the throttler's own storage keeps the
 * expiry of every hit and filters them on each request). A key over its limit
 * is refused until its block ends. A window is one row that a shared store can
 * keep as well (a counter per key and window start), so the same rule holds
 * across instances. Ended windows are swept at most once per sweep interval.
 */
class FixedWindowThrottlerStorage {
    clock;
    sweepEveryMs;
    windows = new Map();
    nextSweep = 0;
    constructor(clock, sweepEveryMs = 60_000) {
        this.clock = clock;
        this.sweepEveryMs = sweepEveryMs;
    }
    async increment(key, ttl, limit, blockDuration, throttlerName) {
        const now = this.clock.now().getTime();
        if (now >= this.nextSweep)
            this.sweep(now);
        const id = `${throttlerName}:${key}`;
        let window = this.windows.get(id);
        if (window === undefined || (now >= window.endsAt && now >= window.blockedUntil)) {
            window = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
            this.windows.set(id, window);
        }
        if (now < window.blockedUntil)
            return this.record(window, now, true);
        window.hits += 1;
        if (window.hits > limit) {
            window.blockedUntil = now + blockDuration;
            return this.record(window, now, true);
        }
        return this.record(window, now, false);
    }
    record(window, now, isBlocked) {
        return {
            totalHits: window.hits,
            timeToExpire: Math.max(0, Math.ceil((window.endsAt - now) / 1000)),
            isBlocked,
            timeToBlockExpire: isBlocked ? Math.max(1, Math.ceil((window.blockedUntil - now) / 1000)) : 0,
        };
    }
    sweep(now) {
        this.nextSweep = now + this.sweepEveryMs;
        for (const [id, window] of this.windows)
            if (now >= window.endsAt && now >= window.blockedUntil)
                this.windows.delete(id);
    }
}
exports.FixedWindowThrottlerStorage = FixedWindowThrottlerStorage;
//# sourceMappingURL=fixed-window-throttler-storage.js.map