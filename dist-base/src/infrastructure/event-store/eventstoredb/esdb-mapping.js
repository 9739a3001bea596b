"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isSystemEvent = exports.toPortError = exports.actualVersionOf = exports.toExpectedRevision = exports.revisionOfVersion = exports.versionOfRevision = exports.decodePosition = exports.encodePosition = void 0;
const db_client_1 = require("@eventstore/db-client");
const event_store_port_1 = require("../../../application/ports/event-store.port");
/** Positions must fit the 64-bit signed integers the read models keep them in. */
const MAX_POSITION = 2n ** 63n - 1n;
/**
 * The port's opaque position for an $all position: its prepare position, the
 * event's own offset in the transaction file. It is unique per event and fits
 * a 64-bit integer, and the ledger's appends are never interleaved in the
 * file, so its order is $all's order. EventStoreDB keeps commit >= prepare, so
 * a read from (p, p) starts at or before every event after p: the events of
 * later writes, and the rest of p's own write, whose commit is at or after p.
 */
const encodePosition = ({ commit, prepare }) => {
    if (prepare < 0n || prepare > MAX_POSITION || commit < prepare) {
        throw new RangeError(`an $all position has 0 <= prepare <= commit and prepare < 2^63, got ${commit}/${prepare}`);
    }
    return prepare.toString();
};
exports.encodePosition = encodePosition;
/** Where to read $all from to get what follows `position` (and perhaps some of what precedes it, which readers skip). */
const decodePosition = (position) => {
    if (typeof position !== 'string' || !/^\d+$/.test(position))
        throw new RangeError(`a position is a decimal string, got ${String(position)}`);
    const value = BigInt(position);
    if (value > MAX_POSITION)
        throw new RangeError(`position ${position} is beyond any $all position`);
    return { commit: value, prepare: value };
};
exports.decodePosition = decodePosition;
/** Port versions count events from 1; EventStoreDB revisions count from 0. */
const versionOfRevision = (revision) => Number(revision) + 1;
exports.versionOfRevision = versionOfRevision;
const revisionOfVersion = (version) => BigInt(version - 1);
exports.revisionOfVersion = revisionOfVersion;
/** The port's expected version in EventStoreDB's terms. */
const toExpectedRevision = (expected) => {
    switch (expected) {
        case 'no_stream':
            return db_client_1.NO_STREAM;
        case 'stream_exists':
            return db_client_1.STREAM_EXISTS;
        case 'any':
            return db_client_1.ANY;
        default:
            return (0, exports.revisionOfVersion)(expected);
    }
};
exports.toExpectedRevision = toExpectedRevision;
/** The stream's version as EventStoreDB reported it with a refusal: 0 when it has no events. */
const actualVersionOf = (error) => typeof error.actualVersion === 'bigint' ? (0, exports.versionOfRevision)(error.actualVersion) : 0;
exports.actualVersionOf = actualVersionOf;
/** EventStoreDB's refusal as the port's: any other error passes through unchanged. */
const toPortError = (error, streamId, expected) => error instanceof db_client_1.WrongExpectedVersionError ? new event_store_port_1.ConcurrencyError(streamId, expected, (0, exports.actualVersionOf)(error)) : error;
exports.toPortError = toPortError;
/** System streams and events ($-prefixed) are EventStoreDB's own, never the ledger's. */
const isSystemEvent = (event) => event.streamId.startsWith('$') || event.type.startsWith('$');
exports.isSystemEvent = isSystemEvent;
//# sourceMappingURL=esdb-mapping.js.map