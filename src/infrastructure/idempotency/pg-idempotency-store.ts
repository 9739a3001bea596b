import type { Pool } from 'pg';
import type { IdempotencyStore, StoredAnswer } from '../../application/ports/idempotency-store.port';
import { migrate, quoteIdentifier, type Migrations } from '../event-store/postgres/pg-migrations';

const IDEMPOTENCY_MIGRATIONS: Migrations = [
  `CREATE TABLE {schema}.idempotency_keys (
     scope TEXT NOT NULL, key TEXT NOT NULL, request_digest TEXT NOT NULL, status INTEGER NOT NULL,
     body TEXT NOT NULL, created_at TEXT COLLATE "C" NOT NULL, PRIMARY KEY (scope, key));
   CREATE INDEX idempotency_keys_created ON {schema}.idempotency_keys (created_at);`,
];

type Row = { request_digest: string; status: number; body: string; created_at: string };

const toAnswer = (row: Row): StoredAnswer => ({ requestDigest: row.request_digest, status: row.status, body: JSON.parse(row.body), createdAt: row.created_at });

/** Idempotency-Key answers in PostgreSQL, so a retry finds its answer whichever instance it reaches. */
export class PgIdempotencyStore implements IdempotencyStore {
  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  static async open(pool: Pool, schema: string): Promise<PgIdempotencyStore> {
    await migrate(pool, schema, 'idempotency', IDEMPOTENCY_MIGRATIONS);
    return new PgIdempotencyStore(pool, `${quoteIdentifier(schema)}.idempotency_keys`);
  }

  async find(scope: string, key: string): Promise<StoredAnswer | null> {
    const { rows } = await this.pool.query<Row>(`SELECT request_digest, status, body, created_at FROM ${this.table} WHERE scope = $1 AND key = $2`, [scope, key]);
    return rows.length === 0 ? null : toAnswer(rows[0]);
  }

  async save(scope: string, key: string, answer: StoredAnswer): Promise<StoredAnswer> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${this.table} (scope, key, request_digest, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (scope, key) DO NOTHING`,
      [scope, key, answer.requestDigest, answer.status, JSON.stringify(answer.body ?? null), answer.createdAt],
    );
    return rowCount === 1 ? answer : ((await this.find(scope, key)) ?? answer);
  }

  async purge(before: string): Promise<number> {
    const { rowCount } = await this.pool.query(`DELETE FROM ${this.table} WHERE created_at < $1`, [before]);
    return rowCount ?? 0;
  }
}
