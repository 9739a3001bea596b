import type { Database, Statement } from 'better-sqlite3';
import type {
  DeliveryAttempt,
  DeliveryTarget,
  DeliveryTargetStore,
  LoggedAttempt,
  TargetChanges,
} from '../../application/subscriptions/delivery/delivery-target';
import type { Position } from '../../application/ports/event-store.port';
import { GroupedWrites } from './grouped-writes';
import { unsyncedTransaction } from '../event-store/sqlite/sqlite-database';

type TargetRow = {
  id: string; kind: string; url: string; filter: string; owner: string; secret: string; enabled: number;
  disabled_reason: string | null; checkpoint: string | null; failures: number; created_at: string; updated_at: string;
};
type AttemptRow = {
  id: number; event_id: string; type: string; position: string; attempt: number; ok: number; status: number | null;
  duration_ms: number; error: string | null; response: string | null; at: string;
};

const toTarget = (row: TargetRow): DeliveryTarget => ({
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

const toAttempt = (row: AttemptRow): LoggedAttempt => ({
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

const COLUMNS: Record<keyof TargetChanges, [string, (value: never) => unknown]> = {
  url: ['url', (v: string) => v],
  filter: ['filter', (v: object) => JSON.stringify(v)],
  secret: ['secret', (v: string) => v],
  enabled: ['enabled', (v: boolean) => (v ? 1 : 0)],
  disabledReason: ['disabled_reason', (v: string | null) => v],
  checkpoint: ['checkpoint', (v: Position | null) => v],
  failures: ['failures', (v: number) => v],
  updatedAt: ['updated_at', (v: string) => v],
};

/** How many of a target's latest attempts the delivery log keeps. */
export const KEPT_ATTEMPTS = 1000;

/**
 * Delivery targets (webhooks, …), their checkpoints and delivery log, in the
 * service's SQLite file. The writes that follow each attempt (the attempt
 * logged, the checkpoint moved) of every target are grouped (GroupedWrites),
 * as the event store groups commits; each write's promise resolves once it
 * is committed.
 */
export class SqliteDeliveryTargetStore implements DeliveryTargetStore {
  private readonly statements = new Map<string, Statement>();
  private readonly writes = new GroupedWrites<() => void>((group) =>
    // Checkpoints need not outlive a power cut: at least once covers a lost one (the events are sent again).
    unsyncedTransaction(this.db, () => {
      for (const write of group) write();
    }),
  );

  constructor(private readonly db: Database) {
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

  async create(target: DeliveryTarget): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO delivery_targets (id, kind, url, filter, owner, owner_key, secret, enabled, disabled_reason, checkpoint, failures, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(target.id, target.kind, target.url, JSON.stringify(target.filter), JSON.stringify(target.owner), target.owner.keyId, target.secret,
        target.enabled ? 1 : 0, target.disabledReason, target.checkpoint, target.failures, target.createdAt, target.updatedAt);
  }

  async find(id: string): Promise<DeliveryTarget | null> {
    const row = this.db.prepare('SELECT * FROM delivery_targets WHERE id = ?').get(id) as TargetRow | undefined;
    return row ? toTarget(row) : null;
  }

  async ownedBy(kind: string, ownerKeyId: string): Promise<DeliveryTarget[]> {
    const rows = this.db.prepare('SELECT * FROM delivery_targets WHERE kind = ? AND owner_key = ? ORDER BY created_at, id').all(kind, ownerKeyId) as TargetRow[];
    return rows.map(toTarget);
  }

  async enabled(): Promise<DeliveryTarget[]> {
    return (this.db.prepare('SELECT * FROM delivery_targets WHERE enabled = 1').all() as TargetRow[]).map(toTarget);
  }

  async update(id: string, changes: TargetChanges): Promise<DeliveryTarget | null> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [keyof TargetChanges, never][];
    if (entries.length > 0) {
      const sets = entries.map(([key]) => `${COLUMNS[key][0]} = ?`).join(', ');
      this.db.prepare(`UPDATE delivery_targets SET ${sets} WHERE id = ?`).run(...entries.map(([key, value]) => COLUMNS[key][1](value)), id);
    }
    return this.find(id);
  }

  async remove(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM delivery_attempts WHERE target_id = ?').run(id);
      return this.db.prepare('DELETE FROM delivery_targets WHERE id = ?').run(id).changes > 0;
    })();
  }

  acknowledge(id: string, attempt: DeliveryAttempt): Promise<void> {
    return this.grouped(() => {
      this.log(id, attempt);
      this.sql('UPDATE delivery_targets SET checkpoint = ?, failures = 0 WHERE id = ?').run(attempt.position, id);
    });
  }

  failed(id: string, attempt: DeliveryAttempt, failures: number, disabledReason: string | null): Promise<void> {
    return this.grouped(() => {
      this.log(id, attempt);
      this.sql('UPDATE delivery_targets SET failures = ? WHERE id = ?').run(failures, id);
      if (disabledReason !== null) {
        this.sql('UPDATE delivery_targets SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ?').run(disabledReason, attempt.at, id);
      }
    });
  }

  advance(id: string, position: Position): Promise<void> {
    return this.grouped(() => this.sql('UPDATE delivery_targets SET checkpoint = ? WHERE id = ?').run(position, id));
  }

  async all(): Promise<DeliveryTarget[]> {
    return (this.db.prepare('SELECT * FROM delivery_targets ORDER BY created_at, id').all() as TargetRow[]).map(toTarget);
  }

  /** The statements of every delivery, prepared once. */
  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  /** Queues a write for the next grouped transaction; resolves once that transaction has committed. */
  private grouped(write: () => void): Promise<void> {
    return this.writes.add(write);
  }

  async attempts(id: string, before: number | null, limit: number): Promise<LoggedAttempt[]> {
    const rows = this.db
      .prepare('SELECT * FROM delivery_attempts WHERE target_id = ? AND id < ? ORDER BY id DESC LIMIT ?')
      .all(id, before ?? Number.MAX_SAFE_INTEGER, limit) as AttemptRow[];
    return rows.map(toAttempt);
  }

  private log(id: string, a: DeliveryAttempt): void {
    const { lastInsertRowid } = this
      .sql(
        `INSERT INTO delivery_attempts (target_id, event_id, type, position, attempt, ok, status, duration_ms, error, response, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, a.eventId, a.type, a.position, a.attempt, a.ok ? 1 : 0, a.status, a.durationMs, a.error, a.response, a.at);
    // Now and then, forget all but the target's latest attempts, so the log does not grow with the event log.
    if (Number(lastInsertRowid) % 100 === 0) {
      this
        .sql('DELETE FROM delivery_attempts WHERE target_id = ? AND id <= (SELECT id FROM delivery_attempts WHERE target_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)')
        .run(id, id, KEPT_ATTEMPTS);
    }
  }
}
