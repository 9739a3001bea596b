import type { Database } from 'better-sqlite3';
import type { IdempotencyStore, StoredAnswer } from '../../application/ports/idempotency-store.port';
import { withoutSync } from '../event-store/sqlite/sqlite-database';

/**
 * Answers kept on the service's SQLite connection. With `durable` (the
 * SQLite event store's, on the same connection) an answer is written without
 * a sync of its own and kept once that store's next sync, off the event loop,
 * has put it on disk; without it, the commit syncs as the connection is set.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: Database,
    private readonly durable?: () => Promise<void>,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      scope TEXT NOT NULL, key TEXT NOT NULL, request_digest TEXT NOT NULL, status INTEGER NOT NULL,
      body TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (scope, key))`);
    db.exec('CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at)');
  }

  async find(scope: string, key: string): Promise<StoredAnswer | null> {
    const row = this.db
      .prepare('SELECT request_digest, status, body, created_at FROM idempotency_keys WHERE scope = ? AND key = ?')
      .get(scope, key) as { request_digest: string; status: number; body: string; created_at: string } | undefined;
    return row ? { requestDigest: row.request_digest, status: row.status, body: JSON.parse(row.body), createdAt: row.created_at } : null;
  }

  async save(scope: string, key: string, answer: StoredAnswer): Promise<StoredAnswer> {
    const insert = () =>
      this.db
        .prepare(
          `INSERT INTO idempotency_keys (scope, key, request_digest, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (scope, key) DO NOTHING`,
        )
        .run(scope, key, answer.requestDigest, answer.status, JSON.stringify(answer.body ?? null), answer.createdAt);
    const { changes } = this.durable ? withoutSync(this.db, insert) : insert();
    await this.durable?.();
    return changes === 1 ? answer : ((await this.find(scope, key)) ?? answer);
  }

  async purge(before: string): Promise<number> {
    return this.db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(before).changes;
  }
}
