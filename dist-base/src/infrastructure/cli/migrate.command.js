"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.migrateToPostgres = void 0;
const node_path_1 = require("node:path");
const pg_1 = require("pg");
const config_1 = require("../config/config");
const pg_event_store_1 = require("../event-store/postgres/pg-event-store");
const sqlite_database_1 = require("../event-store/sqlite/sqlite-database");
const sqlite_event_store_1 = require("../event-store/sqlite/sqlite-event-store");
const ledger_module_1 = require("../ledger.module");
const copy_shared_state_1 = require("./copy-shared-state");
/** Events copied per transaction. */
const BATCH = 5_000;
/**
 * Copies the embedded file's log into an empty PostgreSQL event store with
 * the same positions, ids and hashes, checking every event against its
 * stream's chain on the way; refuses a target that already holds events.
 * The read models are rebuilt there afterwards (`migrateToPostgresAndRebuild`
 * in the CLI); those in the data directory stay valid too, the positions
 * being the same. Then run the service with EVENT_STORE=postgres.
 */
const migrateToPostgres = async (config) => {
    if (config.databaseUrl === null)
        throw new config_1.ConfigError('DATABASE_URL', 'is required to migrate to PostgreSQL');
    const started = process.hrtime.bigint();
    const db = (0, sqlite_database_1.openSqliteDatabase)((0, node_path_1.join)(config.dataDir, ledger_module_1.DATABASE_FILE));
    const source = new sqlite_event_store_1.SqliteEventStore(db, { ownsDatabase: true });
    const pool = new pg_1.Pool({ connectionString: config.databaseUrl });
    const target = await pg_event_store_1.PgEventStore.open(pool, { schema: config.pgSchema, ownsPool: true });
    try {
        const existing = await target.headPosition();
        if (existing !== null) {
            throw new Error(`the PostgreSQL event store in schema ${config.pgSchema} already holds events (up to position ${existing}); migrate into an empty one`);
        }
        let copied = 0;
        for (let after = null;;) {
            const batch = await source.readAll({ after, limit: BATCH });
            if (batch.length === 0)
                break;
            await target.importRecorded(batch);
            copied += batch.length;
            after = batch[batch.length - 1].position;
        }
        const [sourceHead, targetHead] = await Promise.all([source.headPosition(), target.headPosition()]);
        if (sourceHead !== targetHead)
            throw new Error(`copied up to position ${targetHead}, but the file's log ends at ${sourceHead}`);
        // Keys, idempotency answers and webhooks live in PostgreSQL beside a PostgreSQL log (every instance shares them).
        const shared = await (0, copy_shared_state_1.copySharedState)(db, pool, config.pgSchema);
        return { events: copied, head: targetHead, seconds: Number(process.hrtime.bigint() - started) / 1e9, shared };
    }
    finally {
        await Promise.all([source.close(), target.close()]);
    }
};
exports.migrateToPostgres = migrateToPostgres;
//# sourceMappingURL=migrate.command.js.map