"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EVENT_STORE_MIGRATIONS = void 0;
/**
 * The log, and one row per stream holding its version and head hash (read
 * and moved under the log lock by each batch, the chain's head). Data and
 * metadata are kept as the canonical JSON text that was hashed, so an
 * auditor's recomputation matches byte for byte.
 */
exports.EVENT_STORE_MIGRATIONS = [
    `CREATE TABLE {schema}.events (
     position       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     event_id       TEXT    NOT NULL UNIQUE,
     stream_id      TEXT    NOT NULL,
     stream_version INTEGER NOT NULL,
     type           TEXT    NOT NULL,
     data           TEXT    NOT NULL,
     metadata       TEXT    NOT NULL,
     prev_hash      TEXT    NOT NULL,
     hash           TEXT    NOT NULL,
     recorded_at    TEXT    NOT NULL,
     UNIQUE (stream_id, stream_version)
   );
   CREATE TABLE {schema}.streams (
     stream_id TEXT    PRIMARY KEY,
     version   INTEGER NOT NULL,
     head_hash TEXT    NOT NULL
   );`,
];
//# sourceMappingURL=pg-event-store.schema.js.map