"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.indexValue = exports.decodeCursor = exports.encodeCursor = void 0;
const read_store_port_1 = require("../../application/ports/read-store.port");
/**
 * A list's cursor, the same on every read store: the (seq, id) of the last
 * document of a page, as base64url JSON. Anything else is refused as a
 * cursor this service never gave out.
 */
const encodeCursor = (seq, id) => Buffer.from(JSON.stringify([seq, id])).toString('base64url');
exports.encodeCursor = encodeCursor;
const decodeCursor = (cursor) => {
    try {
        const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (Array.isArray(value) && Number.isSafeInteger(value[0]) && typeof value[1] === 'string')
            return [value[0], value[1]];
    }
    catch {
        // falls through to the same answer as a well-formed but foreign cursor
    }
    throw new read_store_port_1.InvalidCursor();
};
exports.decodeCursor = decodeCursor;
/** The text kept in a document's indexed column for one field (null when the field is absent). */
const indexValue = (doc, field) => {
    const value = doc[field];
    return value === undefined || value === null ? null : String(value);
};
exports.indexValue = indexValue;
//# sourceMappingURL=list-cursor.js.map