import type { Pool, PoolClient } from 'pg';
import type { Position } from '../../application/ports/event-store.port';
import type {
  DeliveryAttempt,
  DeliveryTarget,
  DeliveryTargetStore,
  LoggedAttempt,
  TargetChanges,
} from '../../application/subscriptions/delivery/delivery-target';
import { migrate, quoteIdentifier, type Migrations } from '../event-store/postgres/pg-migrations';
import { GroupedWrites } from './grouped-writes';
import { KEPT_ATTEMPTS } from './sqlite-delivery-target-store';

const DELIVERY_MIGRATIONS: Migrations = [
  `CREATE TABLE {schema}.delivery_targets (
     id TEXT PRIMARY KEY, kind TEXT NOT NULL, url TEXT NOT NULL, filter TEXT NOT NULL, owner TEXT NOT NULL, owner_key TEXT NOT NULL,
     secret TEXT NOT NULL, enabled BOOLEAN NOT NULL, disabled_reason TEXT, checkpoint TEXT, failures INTEGER NOT NULL,
     created_at TEXT COLLATE "C" NOT NULL, updated_at TEXT NOT NULL);
   CREATE INDEX delivery_targets_owner ON {schema}.delivery_targets (kind, owner_key);
   CREATE TABLE {schema}.delivery_attempts (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, target_id TEXT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
     position TEXT NOT NULL, attempt INTEGER NOT NULL, ok BOOLEAN NOT NULL, status INTEGER, duration_ms INTEGER NOT NULL,
     error TEXT, response TEXT, at TEXT NOT NULL);
   CREATE INDEX delivery_attempts_target ON {schema}.delivery_attempts (target_id, id);`,
];

type TargetRow = {
  id: string; kind: string; url: string; filter: string; owner: string; secret: string; enabled: boolean;
  disabled_reason: string | null; checkpoint: string | null; failures: number; created_at: string; updated_at: string;
};
type AttemptRow = {
  id: string; event_id: string; type: string; position: string; attempt: number; ok: boolean; status: number | null;
  duration_ms: number; error: string | null; response: string | null; at: string;
};

const toTarget = (row: TargetRow): DeliveryTarget => ({
  id: row.id,
  kind: row.kind,
  url: row.url,
  filter: JSON.parse(row.filter),
  owner: JSON.parse(row.owner),
  secret: row.secret,
  enabled: row.enabled,
  disabledReason: row.disabled_reason,
  checkpoint: row.checkpoint,
  failures: row.failures,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toAttempt = (row: AttemptRow): LoggedAttempt => ({
  id: Number(row.id),
  eventId: row.event_id,
  type: row.type,
  position: row.position,
  attempt: row.attempt,
  ok: row.ok,
  status: row.status,
  durationMs: row.duration_ms,
  error: row.error,
  response: row.response,
  at: row.at,
});

const COLUMNS: Record<keyof TargetChanges, [string, (value: never) => unknown]> = {
  url: ['url', (v: string) => v],
  filter: ['filter', (v: object) => JSON.stringify(v)],
  secret: ['secret', (v: string) => v],
  enabled: ['enabled', (v: boolean) => v],
  disabledReason: ['disabled_reason', (v: string | null) => v],
  checkpoint: ['checkpoint', (v: Position | null) => v],
  failures: ['failures', (v: number) => v],
  updatedAt: ['updated_at', (v: string) => v],
};

/**
 * Delivery targets, their checkpoints and delivery log in PostgreSQL, so that
 * a webhook registered through any instance is delivered by the one that
 * leads the dispatcher, and resumes from its checkpoint on the next leader.
 *
 * The writes that follow each attempt (the attempt logged, the checkpoint
 * moved) are grouped as on SQLite (GroupedWrites), one transaction at a time
 * in the order they were made: committed apart on separate connections they
 * landed in any order, leaving the stored checkpoint behind the last
 * acknowledgement (so the next leader, or a restart after a graceful stop,
 * sent those events again).
 */
export class PgDeliveryTargetStore implements DeliveryTargetStore {
  private readonly writes = new GroupedWrites<(client: PoolClient) => Promise<void>>((group) =>
    this.inTransaction(async (client) => {
      for (const write of group) await write(client);
    }),
  );

  private constructor(
    private readonly pool: Pool,
    private readonly t: { targets: string; attempts: string },
  ) {}

  static async open(pool: Pool, schema: string): Promise<PgDeliveryTargetStore> {
    await migrate(pool, schema, 'delivery', DELIVERY_MIGRATIONS);
    const quoted = quoteIdentifier(schema);
    return new PgDeliveryTargetStore(pool, { targets: `${quoted}.delivery_targets`, attempts: `${quoted}.delivery_attempts` });
  }

  async create(target: DeliveryTarget): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.t.targets} (id, kind, url, filter, owner, owner_key, secret, enabled, disabled_reason, checkpoint, failures, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [target.id, target.kind, target.url, JSON.stringify(target.filter), JSON.stringify(target.owner), target.owner.keyId, target.secret,
        target.enabled, target.disabledReason, target.checkpoint, target.failures, target.createdAt, target.updatedAt],
    );
  }

  async find(id: string): Promise<DeliveryTarget | null> {
    const { rows } = await this.pool.query<TargetRow>(`SELECT * FROM ${this.t.targets} WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toTarget(rows[0]);
  }

  async ownedBy(kind: string, ownerKeyId: string): Promise<DeliveryTarget[]> {
    const { rows } = await this.pool.query<TargetRow>(
      `SELECT * FROM ${this.t.targets} WHERE kind = $1 AND owner_key = $2 ORDER BY created_at, id COLLATE "C"`,
      [kind, ownerKeyId],
    );
    return rows.map(toTarget);
  }

  async enabled(): Promise<DeliveryTarget[]> {
    const { rows } = await this.pool.query<TargetRow>(`SELECT * FROM ${this.t.targets} WHERE enabled`);
    return rows.map(toTarget);
  }

  async all(): Promise<DeliveryTarget[]> {
    const { rows } = await this.pool.query<TargetRow>(`SELECT * FROM ${this.t.targets} ORDER BY created_at, id`);
    return rows.map(toTarget);
  }

  async update(id: string, changes: TargetChanges): Promise<DeliveryTarget | null> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [keyof TargetChanges, never][];
    if (entries.length > 0) {
      const sets = entries.map(([key], i) => `${COLUMNS[key][0]} = $${i + 1}`).join(', ');
      await this.pool.query(`UPDATE ${this.t.targets} SET ${sets} WHERE id = $${entries.length + 1}`, [...entries.map(([key, value]) => COLUMNS[key][1](value)), id]);
    }
    return this.find(id);
  }

  async remove(id: string): Promise<boolean> {
    return this.inTransaction(async (client) => {
      await client.query(`DELETE FROM ${this.t.attempts} WHERE target_id = $1`, [id]);
      return ((await client.query(`DELETE FROM ${this.t.targets} WHERE id = $1`, [id])).rowCount ?? 0) > 0;
    });
  }

  acknowledge(id: string, attempt: DeliveryAttempt): Promise<void> {
    return this.grouped(async (client) => {
      await this.log(client, id, attempt);
      await client.query(`UPDATE ${this.t.targets} SET checkpoint = $1, failures = 0 WHERE id = $2`, [attempt.position, id]);
    });
  }

  failed(id: string, attempt: DeliveryAttempt, failures: number, disabledReason: string | null): Promise<void> {
    return this.grouped(async (client) => {
      await this.log(client, id, attempt);
      await client.query(`UPDATE ${this.t.targets} SET failures = $1 WHERE id = $2`, [failures, id]);
      if (disabledReason !== null) {
        await client.query(`UPDATE ${this.t.targets} SET enabled = false, disabled_reason = $1, updated_at = $2 WHERE id = $3`, [disabledReason, attempt.at, id]);
      }
    });
  }

  advance(id: string, position: Position): Promise<void> {
    return this.grouped(async (client) => {
      await client.query(`UPDATE ${this.t.targets} SET checkpoint = $1 WHERE id = $2`, [position, id]);
    });
  }

  /** Queues a write for the next grouped transaction; resolves once that transaction has committed. */
  private grouped(write: (client: PoolClient) => Promise<void>): Promise<void> {
    return this.writes.add(write);
  }

  async attempts(id: string, before: number | null, limit: number): Promise<LoggedAttempt[]> {
    const { rows } = await this.pool.query<AttemptRow>(
      `SELECT * FROM ${this.t.attempts} WHERE target_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3`,
      [id, before ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map(toAttempt);
  }

  private async log(client: PoolClient, id: string, a: DeliveryAttempt): Promise<void> {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO ${this.t.attempts} (target_id, event_id, type, position, attempt, ok, status, duration_ms, error, response, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [id, a.eventId, a.type, a.position, a.attempt, a.ok, a.status, a.durationMs, a.error, a.response, a.at],
    );
    // Now and then, forget all but the target's latest attempts, so the log does not grow with the event log.
    if (Number(rows[0].id) % 100 === 0) {
      await client.query(
        `DELETE FROM ${this.t.attempts} WHERE target_id = $1 AND id <= (SELECT id FROM ${this.t.attempts} WHERE target_id = $1 ORDER BY id DESC LIMIT 1 OFFSET $2)`,
        [id, KEPT_ATTEMPTS],
      );
    }
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
