import type { Pool } from 'pg';
import type { ApiKeyRecord, ApiKeyStore } from '../../application/ports/api-key-store.port';
import { migrate, quoteIdentifier, type Migrations } from '../event-store/postgres/pg-migrations';
import { KEEP_REVOCATION, RETIRED_ID, revokedElsewhere } from './bootstrap-key-revocations';

const API_KEY_MIGRATIONS: Migrations = [
  `CREATE TABLE {schema}.api_keys (
     id TEXT PRIMARY KEY, digest TEXT NOT NULL UNIQUE, role TEXT NOT NULL, library TEXT, label TEXT,
     created_at TEXT COLLATE "C" NOT NULL, created_by TEXT, revoked_at TEXT);`,
];

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

/** API keys in PostgreSQL: a key issued or revoked through one instance is known to every other at its next lookup. */
export class PgApiKeyStore implements ApiKeyStore {
  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  static async open(pool: Pool, schema: string): Promise<PgApiKeyStore> {
    await migrate(pool, schema, 'api_keys', API_KEY_MIGRATIONS);
    return new PgApiKeyStore(pool, `${quoteIdentifier(schema)}.api_keys`);
  }

  async insert(record: ApiKeyRecord, digest: string): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.table} (${COLUMNS}, digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [...this.values(record), digest]);
  }

  async upsert(record: ApiKeyRecord, digest: string): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Instances starting together install the same key: one at a time.
      await client.query(`LOCK TABLE ${this.table} IN SHARE ROW EXCLUSIVE MODE`);
      const { rows } = await client.query<Row>(`SELECT ${COLUMNS} FROM ${this.table} WHERE digest = $1`, [digest]);
      if (rows.length > 0 && rows[0].id !== record.id) {
        await client.query('COMMIT');
        return revokedElsewhere(rows[0], record.id);
      }
      await client.query(`UPDATE ${this.table} SET id = ${RETIRED_ID} WHERE id = $1 AND digest <> $2 AND revoked_at IS NOT NULL`, [record.id, digest]);
      const upserted = await client.query<{ revoked_at: string | null }>(
        `INSERT INTO ${this.table} AS k (${COLUMNS}, digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET ${KEEP_REVOCATION('k')} RETURNING revoked_at`,
        [...this.values(record), digest],
      );
      await client.query('COMMIT');
      return upserted.rows[0].revoked_at === null;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async findByDigest(digest: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM ${this.table} WHERE digest = $1`, [digest]);
    return rows.length === 0 ? null : toRecord(rows[0]);
  }

  async list(): Promise<ApiKeyRecord[]> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM ${this.table} ORDER BY created_at, id COLLATE "C"`);
    return rows.map(toRecord);
  }

  async revoke(id: string, at: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE ${this.table} SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 RETURNING ${COLUMNS}`,
      [at, id],
    );
    return rows.length === 0 ? null : toRecord(rows[0]);
  }

  private values(r: ApiKeyRecord) {
    return [r.id, r.role, r.library, r.label, r.createdAt, r.createdBy, r.revokedAt] as const;
  }
}
