"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resubscribingFeed = void 0;
const rxjs_1 = require("rxjs");
const DEFAULT_DELAYS = [100, 200, 400, 800, 1600, 3200, 5000];
const DEFAULT_MAX_FAILURES = 20;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());
/**
 * Every event after `after`, from a server subscription that may drop at any
 * time: after a drop (an error, or the server ending it) it subscribes again
 * from the last position it emitted, and skips whatever the server sends again
 * at or before that position, so subscribers see no gap and no duplicate.
 * It completes when `closing$` fires and errs after `maxFailures` drops in a
 * row with nothing received between them.
 */
const resubscribingFeed = (open, after, closing$, options = {}) => new rxjs_1.Observable((subscriber) => {
    const delays = options.retryDelaysMs ?? DEFAULT_DELAYS;
    const maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
    let last = after === null ? null : BigInt(after);
    let lastPosition = after;
    let connection;
    let stopped = false;
    const stop = () => {
        stopped = true;
        void connection?.stop().catch(() => undefined);
    };
    const closing = closing$.subscribe(() => {
        stop();
        subscriber.complete();
    });
    const follow = async () => {
        let lastError = new Error('the server kept ending the subscription');
        for (let failures = 0; !stopped;) {
            try {
                connection = open(lastPosition);
                for await (const event of connection.events) {
                    if (stopped)
                        return;
                    const position = BigInt(event.position);
                    if (last !== null && position <= last)
                        continue;
                    last = position;
                    lastPosition = event.position;
                    failures = 0;
                    subscriber.next(event);
                }
            }
            catch (error) {
                lastError = error;
            }
            if (stopped)
                return;
            failures += 1;
            if (failures > maxFailures) {
                subscriber.error(lastError);
                return;
            }
            await pause(delays[Math.min(failures, delays.length) - 1]);
        }
    };
    void follow();
    return () => {
        closing.unsubscribe();
        stop();
    };
});
exports.resubscribingFeed = resubscribingFeed;
//# sourceMappingURL=resubscribing-feed.js.map