"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FailedAuthentications = void 0;
const WINDOW_MS = 60_000;
/**
 * Failed authentications per client address, in windows of a minute (shared
 * by every instance when the counters are). An address over the limit is
 * refused before its key is looked at, until its window ends: a refused guess
 * and a right one then answer alike.
 */
class FailedAuthentications {
    limitPerMinute;
    counters;
    constructor(limitPerMinute, counters) {
        this.limitPerMinute = limitPerMinute;
        this.counters = counters;
    }
    /** Whole seconds until `address` may try again; 0 when it may now. */
    retryAfterSeconds(address) {
        const { hits, resetsInMs } = this.counters.peek(bucketOf(address), WINDOW_MS);
        return hits >= this.limitPerMinute ? Math.max(1, Math.ceil(resetsInMs / 1000)) : 0;
    }
    record(address) {
        this.counters.hit(bucketOf(address), WINDOW_MS);
    }
}
exports.FailedAuthentications = FailedAuthentications;
const bucketOf = (address) => `auth-failures:${address}`;
//# sourceMappingURL=failed-authentications.js.map