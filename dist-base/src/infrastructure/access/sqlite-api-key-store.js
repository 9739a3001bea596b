"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SqliteApiKeyStore = void 0;
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
/** API keys are configuration, not facts about cooperation: they live beside the log, not in it. */
class SqliteApiKeyStore {
    db;
    byDigest;
    constructor(db) {
        this.db = db;
        db.exec(`CREATE TABLE IF NOT EXISTS api_keys (
      id TEXT PRIMARY KEY, digest TEXT NOT NULL UNIQUE, role TEXT NOT NULL, library TEXT, label TEXT,
      created_at TEXT NOT NULL, created_by TEXT, revoked_at TEXT)`);
        this.byDigest = db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE digest = ?`);
    }
    async insert(record, digest) {
        this.db
            .prepare(`INSERT INTO api_keys (${COLUMNS}, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(...this.values(record), digest);
    }
    async upsert(record, digest) {
        this.db
            .prepare(`INSERT INTO api_keys (${COLUMNS}, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET digest = excluded.digest,
           revoked_at = CASE WHEN api_keys.digest = excluded.digest THEN api_keys.revoked_at ELSE NULL END`)
            .run(...this.values(record), digest);
    }
    async findByDigest(digest) {
        const row = this.byDigest.get(digest);
        return row ? toRecord(row) : null;
    }
    async list() {
        return this.db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`).all().map(toRecord);
    }
    async revoke(id, at) {
        this.db.prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(at, id);
        const row = this.db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`).get(id);
        return row ? toRecord(row) : null;
    }
    values(r) {
        return [r.id, r.role, r.library, r.label, r.createdAt, r.createdBy, r.revokedAt];
    }
}
exports.SqliteApiKeyStore = SqliteApiKeyStore;
//# sourceMappingURL=sqlite-api-key-store.js.map