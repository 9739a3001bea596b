"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readRawLog = void 0;
/**
 * The baseline every read is measured against: the least a reader must do
 * for the same result — the same batched SELECT of the events table, rows as
 * arrays, both JSON columns parsed. Returns the rows read.
 */
const readRawLog = (db, batchSize) => {
    const select = db
        .prepare('SELECT position, event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash FROM events WHERE position > ? ORDER BY position LIMIT ?')
        .raw();
    let rows = 0;
    let keys = 0;
    for (let after = 0;;) {
        const batch = select.all(after, batchSize);
        if (batch.length === 0)
            break;
        for (const row of batch) {
            keys += Object.keys(JSON.parse(row[5])).length + Object.keys(JSON.parse(row[6])).length;
        }
        rows += batch.length;
        after = batch[batch.length - 1][0];
    }
    // Using what was parsed keeps the parse from being optimised away.
    return keys > 0 ? rows : 0;
};
exports.readRawLog = readRawLog;
//# sourceMappingURL=raw-read.js.map