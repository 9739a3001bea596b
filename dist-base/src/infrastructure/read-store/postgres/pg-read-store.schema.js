"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.READ_STORE_MIGRATIONS = void 0;
/**
 * The read store's own tables: each projection's checkpoint and the events
 * set aside. The read models' tables are made by `prepare` from each
 * projection's declaration (and dropped and made again when its version
 * changes), so they are not migrations. Text that is ordered or compared is
 * kept in the "C" collation, so answers come in the same byte order as on
 * SQLite whatever the database's locale.
 */
exports.READ_STORE_MIGRATIONS = [
    `CREATE TABLE {schema}.projection_checkpoints (
     name     TEXT COLLATE "C" PRIMARY KEY,
     position TEXT,
     version  INTEGER NOT NULL
   );
   CREATE TABLE {schema}.projection_set_aside (
     projection   TEXT COLLATE "C" NOT NULL,
     position     BIGINT NOT NULL,
     event_id     TEXT NOT NULL,
     type         TEXT NOT NULL,
     error        TEXT NOT NULL,
     set_aside_at TEXT NOT NULL,
     resolution   TEXT NOT NULL,
     PRIMARY KEY (projection, position)
   );`,
    // Read models to rebuild beside the live ones: the instance that folds them takes each request (Live rebuild in the README).
    `CREATE TABLE {schema}.projection_rebuild_requests (
     projection   TEXT COLLATE "C" PRIMARY KEY,
     requested_at TEXT NOT NULL
   );`,
    // The running totals are carried on PostgreSQL too (they were on SQLite only): the read models that
    // carry them, written with those columns empty, are folded again from the log at the next start.
    `UPDATE {schema}.projection_checkpoints SET version = 0 WHERE name IN ('postings', 'fairness_facts');`,
];
//# sourceMappingURL=pg-read-store.schema.js.map