import type { Database } from 'better-sqlite3';
import type { ApiKeyRecord, ApiKeyStore } from '../../application/ports/api-key-store.port';
import { KEEP_REVOCATION, RETIRED_ID, revokedElsewhere } from './bootstrap-key-revocations';

type Row = {
  id: string;
  role: ApiKeyRecord['role'];
  library: string | null;
  label: string | null;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
};

const toRecord = (row: Row): ApiKeyRecord => ({
  id: row.id,
  role: row.role,
  library: row.library,
  label: row.label,
  createdAt: row.created_at,
  createdBy: row.created_by,
  revokedAt: row.revoked_at,
});

const COLUMNS = 'id, role, library, label, created_at, created_by, revoked_at';
const UPSERT = `INSERT INTO api_keys (${COLUMNS}, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/** API keys are configuration, not facts about cooperation: they live beside the log, not in it. */
export class SqliteApiKeyStore implements ApiKeyStore {
  private readonly byDigest;

  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS api_keys (
      id TEXT PRIMARY KEY, digest TEXT NOT NULL UNIQUE, role TEXT NOT NULL, library TEXT, label TEXT,
      created_at TEXT NOT NULL, created_by TEXT, revoked_at TEXT)`);
    this.byDigest = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM api_keys WHERE digest = ?`);
  }

  async insert(record: ApiKeyRecord, digest: string): Promise<void> {
    this.db
      .prepare(`INSERT INTO api_keys (${COLUMNS}, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(...this.values(record), digest);
  }

  async upsert(record: ApiKeyRecord, digest: string): Promise<boolean> {
    return this.db.transaction(() => {
      const holder = this.byDigest.get(digest);
      if (holder !== undefined && holder.id !== record.id) return revokedElsewhere(holder, record.id);
      this.db.prepare(`UPDATE api_keys SET id = ${RETIRED_ID} WHERE id = ? AND digest <> ? AND revoked_at IS NOT NULL`).run(record.id, digest);
      this.db.prepare(`${UPSERT} ON CONFLICT (id) DO UPDATE SET ${KEEP_REVOCATION('api_keys')}`).run(...this.values(record), digest);
      return this.byDigest.get(digest)?.revoked_at === null;
    })();
  }

  async findByDigest(digest: string): Promise<ApiKeyRecord | null> {
    const row = this.byDigest.get(digest);
    return row ? toRecord(row) : null;
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`).all() as Row[]).map(toRecord);
  }

  async revoke(id: string, at: string): Promise<ApiKeyRecord | null> {
    this.db.prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(at, id);
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`).get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  private values(r: ApiKeyRecord) {
    return [r.id, r.role, r.library, r.label, r.createdAt, r.createdBy, r.revokedAt] as const;
  }
}
