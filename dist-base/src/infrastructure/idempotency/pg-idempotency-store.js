"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PgIdempotencyStore = void 0;
const pg_migrations_1 = require("../event-store/postgres/pg-migrations");
const IDEMPOTENCY_MIGRATIONS = [
    `CREATE TABLE {schema}.idempotency_keys (
     scope TEXT NOT NULL, key TEXT NOT NULL, request_digest TEXT NOT NULL, status INTEGER NOT NULL,
     body TEXT NOT NULL, created_at TEXT COLLATE "C" NOT NULL, PRIMARY KEY (scope, key));
   CREATE INDEX idempotency_keys_created ON {schema}.idempotency_keys (created_at);`,
];
const toAnswer = (row) => ({ requestDigest: row.request_digest, status: row.status, body: JSON.parse(row.body), createdAt: row.created_at });
/** Idempotency-Key answers in PostgreSQL, so a retry finds its answer whichever instance it reaches. */
class PgIdempotencyStore {
    pool;
    table;
    constructor(pool, table) {
        this.pool = pool;
        this.table = table;
    }
    static async open(pool, schema) {
        await (0, pg_migrations_1.migrate)(pool, schema, 'idempotency', IDEMPOTENCY_MIGRATIONS);
        return new PgIdempotencyStore(pool, `${(0, pg_migrations_1.quoteIdentifier)(schema)}.idempotency_keys`);
    }
    async find(scope, key) {
        const { rows } = await this.pool.query(`SELECT request_digest, status, body, created_at FROM ${this.table} WHERE scope = $1 AND key = $2`, [scope, key]);
        return rows.length === 0 ? null : toAnswer(rows[0]);
    }
    async save(scope, key, answer) {
        const { rowCount } = await this.pool.query(`INSERT INTO ${this.table} (scope, key, request_digest, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (scope, key) DO NOTHING`, [scope, key, answer.requestDigest, answer.status, JSON.stringify(answer.body ?? null), answer.createdAt]);
        return rowCount === 1 ? answer : ((await this.find(scope, key)) ?? answer);
    }
    async purge(before) {
        const { rowCount } = await this.pool.query(`DELETE FROM ${this.table} WHERE created_at < $1`, [before]);
        return rowCount ?? 0;
    }
}
exports.PgIdempotencyStore = PgIdempotencyStore;
//# sourceMappingURL=pg-idempotency-store.js.map