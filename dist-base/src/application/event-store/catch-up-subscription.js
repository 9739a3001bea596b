"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.catchUpSubscription = void 0;
const promises_1 = require("node:timers/promises");
const rxjs_1 = require("rxjs");
/**
 * Every event after `after`: first the stored ones (catch-up), then each new
 * one as `appended$` signals that something was committed (live). The same
 * loop serves both phases, always continuing from the last emitted position,
 * so nothing is skipped or emitted twice however catch-up and live overlap.
 *
 * `appended$` only says "something may have been committed"; its values are
 * ignored. A signal that arrives while a read is in flight is remembered and
 * answered by another read once that one is done. When `appended$` completes
 * (the store is closing), the subscription completes after the read in flight:
 * a subscriber resumes later from the last position it received.
 */
const catchUpSubscription = (readAll, appended$, after, batchSize = 500) => new rxjs_1.Observable((subscriber) => {
    if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
    let lastPosition = after;
    let last = after === null ? null : BigInt(after);
    let signalled = true;
    let reading = false;
    let storeClosing = false;
    /** Emits what is newer than the last event emitted; answers how many that was. */
    const emit = (batch) => {
        let emitted = 0;
        for (const event of batch) {
            if (subscriber.closed)
                break;
            const position = BigInt(event.position);
            // A store that answers from an older position must not make us repeat or go back.
            if (last !== null && position <= last)
                continue;
            last = position;
            lastPosition = event.position;
            emitted += 1;
            subscriber.next(event);
        }
        return emitted;
    };
    /** Reads until the log is exhausted, again as long as signals came in meanwhile. */
    const pump = async () => {
        if (reading)
            return;
        reading = true;
        try {
            while (signalled && !storeClosing && !subscriber.closed) {
                signalled = false;
                for (;;) {
                    const batch = await readAll(lastPosition, batchSize);
                    if (subscriber.closed)
                        return;
                    // Nothing new (an empty batch, or only events already emitted), or the end of the log as the
                    // read found it (a short batch: reading again at once would find nothing, one query more per
                    // commit for every subscriber): wait for the next signal.
                    if (emit(batch) === 0 || batch.length < batchSize || storeClosing || subscriber.closed)
                        break;
                    // Timers and I/O run between full batches, so a long catch-up over a synchronous store does not starve them.
                    await (0, promises_1.setImmediate)();
                }
            }
            if (storeClosing)
                subscriber.complete();
        }
        catch (error) {
            subscriber.error(error);
        }
        finally {
            reading = false;
        }
    };
    // Listen before the first read, so a commit made during it is not missed.
    const signals = appended$.subscribe({
        next: () => {
            signalled = true;
            void pump();
        },
        error: (error) => subscriber.error(error),
        complete: () => {
            storeClosing = true;
            if (!reading)
                subscriber.complete();
        },
    });
    void pump();
    return () => signals.unsubscribe();
});
exports.catchUpSubscription = catchUpSubscription;
//# sourceMappingURL=catch-up-subscription.js.map