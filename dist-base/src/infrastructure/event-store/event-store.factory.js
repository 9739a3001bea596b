"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createEventStore = void 0;
const db_client_1 = require("@eventstore/db-client");
const pg_1 = require("pg");
const esdb_event_store_1 = require("./eventstoredb/esdb-event-store");
const pg_event_store_1 = require("./postgres/pg-event-store");
const sqlite_event_store_1 = require("./sqlite/sqlite-event-store");
/** The event store the configuration names; the embedded file is the default. */
const createEventStore = async (config, db, clock, { onCommit, pool, onCheckpointError } = {}) => {
    switch (config.eventStore) {
        case 'postgres':
            return pg_event_store_1.PgEventStore.open(pool ?? new pg_1.Pool({ connectionString: config.databaseUrl }), { schema: config.pgSchema, ownsPool: !pool, clock, onCommit });
        case 'eventstoredb':
            return new esdb_event_store_1.EsdbEventStore(db_client_1.EventStoreDBClient.connectionString(config.esdbConnectionString), { streamPrefix: config.esdbStreamPrefix, clock, onCommit });
        case 'sqlite':
            return new sqlite_event_store_1.SqliteEventStore(db, { clock, onCommit, checkpoints: { onError: onCheckpointError } });
    }
};
exports.createEventStore = createEventStore;
//# sourceMappingURL=event-store.factory.js.map