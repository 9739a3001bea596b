"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SqliteIdempotencyStore = void 0;
const sqlite_database_1 = require("../event-store/sqlite/sqlite-database");
/**
 * Answers kept on the service's SQLite connection. With `durable` (the
 * SQLite event store's, on the same connection) an answer is written without
 * a sync of its own and kept once that store's next sync, off the event loop,
 * has put it on disk; without it, the commit syncs as the connection is set.
 */
class SqliteIdempotencyStore {
    db;
    durable;
    constructor(db, durable) {
        this.db = db;
        this.durable = durable;
        db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      scope TEXT NOT NULL, key TEXT NOT NULL, request_digest TEXT NOT NULL, status INTEGER NOT NULL,
      body TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (scope, key))`);
        db.exec('CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at)');
    }
    async find(scope, key) {
        const row = this.db
            .prepare('SELECT request_digest, status, body, created_at FROM idempotency_keys WHERE scope = ? AND key = ?')
            .get(scope, key);
        return row ? { requestDigest: row.request_digest, status: row.status, body: JSON.parse(row.body), createdAt: row.created_at } : null;
    }
    async save(scope, key, answer) {
        const insert = () => this.db
            .prepare(`INSERT INTO idempotency_keys (scope, key, request_digest, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (scope, key) DO NOTHING`)
            .run(scope, key, answer.requestDigest, answer.status, JSON.stringify(answer.body ?? null), answer.createdAt);
        const { changes } = this.durable ? (0, sqlite_database_1.withoutSync)(this.db, insert) : insert();
        await this.durable?.();
        return changes === 1 ? answer : ((await this.find(scope, key)) ?? answer);
    }
    async purge(before) {
        return this.db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(before).changes;
    }
}
exports.SqliteIdempotencyStore = SqliteIdempotencyStore;
//# sourceMappingURL=sqlite-idempotency-store.js.map