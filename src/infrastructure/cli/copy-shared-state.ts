import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import type { ApiKeyRecord } from '../../application/ports/api-key-store.port';
import { PgApiKeyStore } from '../access/pg-api-key-store';
import { PgIdempotencyStore } from '../idempotency/pg-idempotency-store';
import { PgDeliveryTargetStore } from '../subscriptions/pg-delivery-target-store';

export type SharedStateCopied = Readonly<{ apiKeys: number; idempotencyAnswers: number; webhooks: number }>;

const tableExists = (db: Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

type KeyRow = { id: string; digest: string; role: ApiKeyRecord['role']; library: string | null; label: string | null; created_at: string; created_by: string | null; revoked_at: string | null };
type AnswerRow = { scope: string; key: string; request_digest: string; status: number; body: string; created_at: string };
type TargetRow = {
  id: string; kind: string; url: string; filter: string; owner: string; secret: string; enabled: number;
  disabled_reason: string | null; checkpoint: string | null; failures: number; created_at: string; updated_at: string;
};

/**
 * On PostgreSQL the service keeps in the database what the embedded file kept
 * beside the log (so that every instance shares it): the API keys (as
 * digests, with their revocations), the Idempotency-Key answers and the
 * webhooks with their checkpoints. The delivery log starts afresh.
 */
export const copySharedState = async (db: Database, pool: Pool, schema: string): Promise<SharedStateCopied> => {
  const [keys, answers, targets] = await Promise.all([PgApiKeyStore.open(pool, schema), PgIdempotencyStore.open(pool, schema), PgDeliveryTargetStore.open(pool, schema)]);
  let apiKeys = 0;
  if (tableExists(db, 'api_keys')) {
    for (const row of db.prepare('SELECT * FROM api_keys').all() as KeyRow[]) {
      const record: ApiKeyRecord = { id: row.id, role: row.role, library: row.library, label: row.label, createdAt: row.created_at, createdBy: row.created_by, revokedAt: row.revoked_at };
      await keys.upsert(record, row.digest);
      if (row.revoked_at !== null) await keys.revoke(row.id, row.revoked_at);
      apiKeys += 1;
    }
  }
  let idempotencyAnswers = 0;
  if (tableExists(db, 'idempotency_keys')) {
    for (const row of db.prepare('SELECT * FROM idempotency_keys').all() as AnswerRow[]) {
      await answers.save(row.scope, row.key, { requestDigest: row.request_digest, status: row.status, body: JSON.parse(row.body), createdAt: row.created_at });
      idempotencyAnswers += 1;
    }
  }
  let webhooks = 0;
  if (tableExists(db, 'delivery_targets')) {
    for (const row of db.prepare('SELECT * FROM delivery_targets').all() as TargetRow[]) {
      if (await targets.find(row.id)) continue;
      await targets.create({
        id: row.id, kind: row.kind, url: row.url, filter: JSON.parse(row.filter), owner: JSON.parse(row.owner), secret: row.secret,
        enabled: row.enabled === 1, disabledReason: row.disabled_reason, checkpoint: row.checkpoint, failures: row.failures,
        createdAt: row.created_at, updatedAt: row.updated_at,
      });
      webhooks += 1;
    }
  }
  return { apiKeys, idempotencyAnswers, webhooks };
};
