"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SqliteDeliveryTargetStore = exports.GROUP_COMMIT_MS = exports.KEPT_ATTEMPTS = void 0;
const node_perf_hooks_1 = require("node:perf_hooks");
const sqlite_database_1 = require("../event-store/sqlite/sqlite-database");
const toTarget = (row) => ({
    id: row.id,
    kind: row.kind,
    url: row.url,
    filter: JSON.parse(row.filter),
    owner: JSON.parse(row.owner),
    secret: row.secret,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    checkpoint: row.checkpoint,
    failures: row.failures,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
});
const toAttempt = (row) => ({
    id: row.id,
    eventId: row.event_id,
    type: row.type,
    position: row.position,
    attempt: row.attempt,
    ok: row.ok === 1,
    status: row.status,
    durationMs: row.duration_ms,
    error: row.error,
    response: row.response,
    at: row.at,
});
const COLUMNS = {
    url: ['url', (v) => v],
    filter: ['filter', (v) => JSON.stringify(v)],
    secret: ['secret', (v) => v],
    enabled: ['enabled', (v) => (v ? 1 : 0)],
    disabledReason: ['disabled_reason', (v) => v],
    checkpoint: ['checkpoint', (v) => v],
    failures: ['failures', (v) => v],
    updatedAt: ['updated_at', (v) => v],
};
/** How many of a target's latest attempts the delivery log keeps. */
exports.KEPT_ATTEMPTS = 1000;
/** Grouped writes are committed at most this often: one fsync for every delivery of every target in between. */
exports.GROUP_COMMIT_MS = 10;
/**
 * Delivery targets (webhooks, …), their checkpoints and delivery log, in the
 * service's SQLite file. The writes that follow each attempt (the attempt
 * logged, the checkpoint moved) of every target are grouped into one
 * transaction every GROUP_COMMIT_MS at most, as the event store groups
 * commits; each write's promise resolves once it is durable.
 */
class SqliteDeliveryTargetStore {
    db;
    pending = [];
    lastFlush = 0;
    statements = new Map();
    constructor(db) {
        this.db = db;
        db.exec(`CREATE TABLE IF NOT EXISTS delivery_targets (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL, url TEXT NOT NULL, filter TEXT NOT NULL, owner TEXT NOT NULL, owner_key TEXT NOT NULL,
      secret TEXT NOT NULL, enabled INTEGER NOT NULL, disabled_reason TEXT, checkpoint TEXT, failures INTEGER NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`);
        db.exec('CREATE INDEX IF NOT EXISTS delivery_targets_owner ON delivery_targets (kind, owner_key)');
        db.exec(`CREATE TABLE IF NOT EXISTS delivery_attempts (
      id INTEGER PRIMARY KEY AUTOINCREMENT, target_id TEXT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, position TEXT NOT NULL,
      attempt INTEGER NOT NULL, ok INTEGER NOT NULL, status INTEGER, duration_ms INTEGER NOT NULL, error TEXT, response TEXT, at TEXT NOT NULL)`);
        db.exec('CREATE INDEX IF NOT EXISTS delivery_attempts_target ON delivery_attempts (target_id, id)');
    }
    async create(target) {
        this.db
            .prepare(`INSERT INTO delivery_targets (id, kind, url, filter, owner, owner_key, secret, enabled, disabled_reason, checkpoint, failures, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(target.id, target.kind, target.url, JSON.stringify(target.filter), JSON.stringify(target.owner), target.owner.keyId, target.secret, target.enabled ? 1 : 0, target.disabledReason, target.checkpoint, target.failures, target.createdAt, target.updatedAt);
    }
    async find(id) {
        const row = this.db.prepare('SELECT * FROM delivery_targets WHERE id = ?').get(id);
        return row ? toTarget(row) : null;
    }
    async ownedBy(kind, ownerKeyId) {
        const rows = this.db.prepare('SELECT * FROM delivery_targets WHERE kind = ? AND owner_key = ? ORDER BY created_at, id').all(kind, ownerKeyId);
        return rows.map(toTarget);
    }
    async enabled() {
        return this.db.prepare('SELECT * FROM delivery_targets WHERE enabled = 1').all().map(toTarget);
    }
    async update(id, changes) {
        const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
        if (entries.length > 0) {
            const sets = entries.map(([key]) => `${COLUMNS[key][0]} = ?`).join(', ');
            this.db.prepare(`UPDATE delivery_targets SET ${sets} WHERE id = ?`).run(...entries.map(([key, value]) => COLUMNS[key][1](value)), id);
        }
        return this.find(id);
    }
    async remove(id) {
        return this.db.transaction(() => {
            this.db.prepare('DELETE FROM delivery_attempts WHERE target_id = ?').run(id);
            return this.db.prepare('DELETE FROM delivery_targets WHERE id = ?').run(id).changes > 0;
        })();
    }
    acknowledge(id, attempt) {
        return this.grouped(() => {
            this.log(id, attempt);
            this.sql('UPDATE delivery_targets SET checkpoint = ?, failures = 0 WHERE id = ?').run(attempt.position, id);
        });
    }
    failed(id, attempt, failures, disabledReason) {
        return this.grouped(() => {
            this.log(id, attempt);
            this.sql('UPDATE delivery_targets SET failures = ? WHERE id = ?').run(failures, id);
            if (disabledReason !== null) {
                this.sql('UPDATE delivery_targets SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ?').run(disabledReason, attempt.at, id);
            }
        });
    }
    advance(id, position) {
        return this.grouped(() => this.sql('UPDATE delivery_targets SET checkpoint = ? WHERE id = ?').run(position, id));
    }
    async all() {
        return this.db.prepare('SELECT * FROM delivery_targets ORDER BY created_at, id').all().map(toTarget);
    }
    /** The statements of every delivery, prepared once. */
    sql(text) {
        let statement = this.statements.get(text);
        if (!statement)
            this.statements.set(text, (statement = this.db.prepare(text)));
        return statement;
    }
    /** Queues a write for the next grouped transaction; resolves once that transaction has committed. */
    grouped(write) {
        return new Promise((resolve, reject) => {
            if (this.pending.push({ write, resolve, reject }) > 1)
                return;
            const wait = this.lastFlush + exports.GROUP_COMMIT_MS - node_perf_hooks_1.performance.now();
            if (wait > 0)
                setTimeout(() => this.flush(), wait);
            else
                setImmediate(() => this.flush());
        });
    }
    flush() {
        const batch = this.pending;
        this.pending = [];
        this.lastFlush = node_perf_hooks_1.performance.now();
        try {
            // Checkpoints need not outlive a power cut: at least once covers a lost one (the events are sent again).
            (0, sqlite_database_1.unsyncedTransaction)(this.db, () => {
                for (const { write } of batch)
                    write();
            });
        }
        catch (error) {
            for (const { reject } of batch)
                reject(error);
            return;
        }
        for (const { resolve } of batch)
            resolve();
    }
    async attempts(id, before, limit) {
        const rows = this.db
            .prepare('SELECT * FROM delivery_attempts WHERE target_id = ? AND id < ? ORDER BY id DESC LIMIT ?')
            .all(id, before ?? Number.MAX_SAFE_INTEGER, limit);
        return rows.map(toAttempt);
    }
    log(id, a) {
        const { lastInsertRowid } = this
            .sql(`INSERT INTO delivery_attempts (target_id, event_id, type, position, attempt, ok, status, duration_ms, error, response, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(id, a.eventId, a.type, a.position, a.attempt, a.ok ? 1 : 0, a.status, a.durationMs, a.error, a.response, a.at);
        // Now and then, forget all but the target's latest attempts, so the log does not grow with the event log.
        if (Number(lastInsertRowid) % 100 === 0) {
            this
                .sql('DELETE FROM delivery_attempts WHERE target_id = ? AND id <= (SELECT id FROM delivery_attempts WHERE target_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)')
                .run(id, id, exports.KEPT_ATTEMPTS);
        }
    }
}
exports.SqliteDeliveryTargetStore = SqliteDeliveryTargetStore;
//# sourceMappingURL=sqlite-delivery-target-store.js.map