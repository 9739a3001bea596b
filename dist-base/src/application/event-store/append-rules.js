"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.repeatedEventId = exports.invalidAppend = exports.isExpected = void 0;
/** Whether a stream at version `actual` (0: no events) meets what the caller expected of it. */
const isExpected = (expected, actual) => {
    switch (expected) {
        case 'any':
            return true;
        case 'no_stream':
            return actual === 0;
        case 'stream_exists':
            return actual > 0;
        default:
            return expected === actual;
    }
};
exports.isExpected = isExpected;
/** The reason an append is malformed whatever the store holds, or undefined when it is well formed. */
const invalidAppend = (streamId, events, expected) => {
    if (typeof streamId !== 'string' || streamId.length === 0)
        return new TypeError('a stream id must be a non-empty string');
    if (!Array.isArray(events) || events.length === 0)
        return new RangeError(`an append to ${streamId} needs at least one event`);
    if (typeof expected === 'number' ? !Number.isSafeInteger(expected) || expected < 1 : !['any', 'no_stream', 'stream_exists'].includes(expected)) {
        return new RangeError(`expected version must be 'no_stream', 'any', 'stream_exists' or a version >= 1, got ${String(expected)}`);
    }
    for (const event of events) {
        if (typeof event.eventId !== 'string' || event.eventId.length === 0)
            return new TypeError('an event id must be a non-empty string');
        if (typeof event.type !== 'string' || event.type.length === 0)
            return new TypeError(`event ${event.eventId} needs a type`);
    }
    return undefined;
};
exports.invalidAppend = invalidAppend;
/** The first event id an append repeats within itself, if any. */
const repeatedEventId = (events) => {
    const seen = new Set();
    for (const { eventId } of events) {
        if (seen.has(eventId))
            return eventId;
        seen.add(eventId);
    }
    return undefined;
};
exports.repeatedEventId = repeatedEventId;
//# sourceMappingURL=append-rules.js.map