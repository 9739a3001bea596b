"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PgApiKeyStore = void 0;
const pg_migrations_1 = require("../event-store/postgres/pg-migrations");
const API_KEY_MIGRATIONS = [
    `CREATE TABLE {schema}.api_keys (
     id TEXT PRIMARY KEY, digest TEXT NOT NULL UNIQUE, role TEXT NOT NULL, library TEXT, label TEXT,
     created_at TEXT COLLATE "C" NOT NULL, created_by TEXT, revoked_at TEXT);`,
];
const toRecord = (row) => ({
    id: row.id,
    role: row.role,
    library: row.library,
    label: row.label,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
});
const COLUMNS = 'id, role, library, label, created_at, created_by, revoked_at';
/** API keys in PostgreSQL: a key issued or revoked through one instance is known to every other at its next lookup. */
class PgApiKeyStore {
    pool;
    table;
    constructor(pool, table) {
        this.pool = pool;
        this.table = table;
    }
    static async open(pool, schema) {
        await (0, pg_migrations_1.migrate)(pool, schema, 'api_keys', API_KEY_MIGRATIONS);
        return new PgApiKeyStore(pool, `${(0, pg_migrations_1.quoteIdentifier)(schema)}.api_keys`);
    }
    async insert(record, digest) {
        await this.pool.query(`INSERT INTO ${this.table} (${COLUMNS}, digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [...this.values(record), digest]);
    }
    async upsert(record, digest) {
        await this.pool.query(`INSERT INTO ${this.table} AS k (${COLUMNS}, digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET digest = excluded.digest,
         revoked_at = CASE WHEN k.digest = excluded.digest THEN k.revoked_at ELSE NULL END`, [...this.values(record), digest]);
    }
    async findByDigest(digest) {
        const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.table} WHERE digest = $1`, [digest]);
        return rows.length === 0 ? null : toRecord(rows[0]);
    }
    async list() {
        const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.table} ORDER BY created_at, id COLLATE "C"`);
        return rows.map(toRecord);
    }
    async revoke(id, at) {
        const { rows } = await this.pool.query(`UPDATE ${this.table} SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 RETURNING ${COLUMNS}`, [at, id]);
        return rows.length === 0 ? null : toRecord(rows[0]);
    }
    values(r) {
        return [r.id, r.role, r.library, r.label, r.createdAt, r.createdBy, r.revokedAt];
    }
}
exports.PgApiKeyStore = PgApiKeyStore;
//# sourceMappingURL=pg-api-key-store.js.map