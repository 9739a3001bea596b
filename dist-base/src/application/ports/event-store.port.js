"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EVENT_STORE = exports.StoreFailedError = exports.StoreClosedError = exports.DuplicateEventError = exports.ConcurrencyError = void 0;
class ConcurrencyError extends Error {
    streamId;
    expected;
    actual;
    constructor(streamId, expected, actual) {
        super(`stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
        this.streamId = streamId;
        this.expected = expected;
        this.actual = actual;
        this.name = 'ConcurrencyError';
    }
}
exports.ConcurrencyError = ConcurrencyError;
/** A retried append whose event ids were already written, but not as this same append. */
class DuplicateEventError extends Error {
    eventId;
    constructor(eventId) {
        super(`event ${eventId} was already written with different content or to another place`);
        this.eventId = eventId;
        this.name = 'DuplicateEventError';
    }
}
exports.DuplicateEventError = DuplicateEventError;
class StoreClosedError extends Error {
    constructor() {
        super('the event store is closed');
        this.name = 'StoreClosedError';
    }
}
exports.StoreClosedError = StoreClosedError;
/**
 * The store can no longer make what it writes durable (a failed sync of its
 * log): it refuses every append until the service is restarted, and answers
 * its ping false.
 */
class StoreFailedError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'StoreFailedError';
    }
}
exports.StoreFailedError = StoreFailedError;
exports.EVENT_STORE = Symbol('EventStore');
//# sourceMappingURL=event-store.port.js.map