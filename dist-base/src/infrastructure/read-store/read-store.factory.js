"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createFairnessReads = exports.createBalances = exports.createReadStore = exports.openPgPool = exports.usesPostgres = void 0;
const pg_1 = require("pg");
const pg_balances_1 = require("./postgres/pg-balances");
const pg_fairness_1 = require("./postgres/pg-fairness");
const pg_read_store_1 = require("./postgres/pg-read-store");
const sqlite_balances_1 = require("./sqlite-balances");
const sqlite_fairness_1 = require("./sqlite-fairness");
const sqlite_read_store_1 = require("./sqlite-read-store");
/** Whether anything in the configuration lives in PostgreSQL, so the service opens one pool for all of it. */
const usesPostgres = (config) => config.eventStore === 'postgres' || config.readStore === 'postgres';
exports.usesPostgres = usesPostgres;
/** The service's one PostgreSQL pool (null when nothing lives there); whoever opens it ends it at shutdown. */
const openPgPool = (config, onError) => {
    if (!(0, exports.usesPostgres)(config))
        return null;
    const pool = new pg_1.Pool({ connectionString: config.databaseUrl, max: 20 });
    // An idle connection the server drops is replaced on next use; without a listener it would end the process.
    pool.on('error', onError);
    return pool;
};
exports.openPgPool = openPgPool;
const pgPool = (pool) => {
    if (pool === null)
        throw new Error('READ_STORE=postgres needs the PostgreSQL pool');
    return pool;
};
/** The read models' store the configuration names: the embedded file unless READ_STORE=postgres; `collect` as the stores take it. */
const createReadStore = async (config, db, pool, collect) => config.readStore === 'postgres' ? pg_read_store_1.PgReadStore.open(pgPool(pool), { schema: config.pgSchema, collect }) : new sqlite_read_store_1.SqliteReadStore(db, { collect });
exports.createReadStore = createReadStore;
/** Balances over the postings read model, where the read store keeps it. */
const createBalances = (config, db, pool) => config.readStore === 'postgres' ? new pg_balances_1.PgBalances(pgPool(pool), config.pgSchema) : new sqlite_balances_1.SqliteBalances(db);
exports.createBalances = createBalances;
/** The fairness report's reads, where the read store keeps the fact rows. */
const createFairnessReads = (config, db, pool) => config.readStore === 'postgres' ? new pg_fairness_1.PgFairnessReads(pgPool(pool), config.pgSchema) : new sqlite_fairness_1.SqliteFairnessReads(db);
exports.createFairnessReads = createFairnessReads;
//# sourceMappingURL=read-store.factory.js.map