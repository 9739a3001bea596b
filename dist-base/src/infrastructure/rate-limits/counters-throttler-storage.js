"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CountersThrottlerStorage = void 0;
/**
 * The per-key rate limit counted in RateCounters, so that every instance
 * counts a key's requests together: over the limit, a key is refused until
 * its window ends.
 */
class CountersThrottlerStorage {
    counters;
    constructor(counters) {
        this.counters = counters;
    }
    async increment(key, ttl, limit, _blockDuration, throttlerName) {
        const { hits, resetsInMs } = this.counters.hit(`${throttlerName}:${key}`, ttl);
        const seconds = Math.max(1, Math.ceil(resetsInMs / 1000));
        const isBlocked = hits > limit;
        return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
    }
}
exports.CountersThrottlerStorage = CountersThrottlerStorage;
//# sourceMappingURL=counters-throttler-storage.js.map