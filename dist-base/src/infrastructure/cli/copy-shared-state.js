"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.copySharedState = void 0;
const pg_api_key_store_1 = require("../access/pg-api-key-store");
const pg_idempotency_store_1 = require("../idempotency/pg-idempotency-store");
const pg_delivery_target_store_1 = require("../subscriptions/pg-delivery-target-store");
const tableExists = (db, name) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
/**
 * On PostgreSQL the service keeps in the database what the embedded file kept
 * beside the log (so that every instance shares it): the API keys (as
 * digests, with their revocations), the Idempotency-Key answers and the
 * webhooks with their checkpoints. The delivery log starts afresh.
 */
const copySharedState = async (db, pool, schema) => {
    const [keys, answers, targets] = await Promise.all([pg_api_key_store_1.PgApiKeyStore.open(pool, schema), pg_idempotency_store_1.PgIdempotencyStore.open(pool, schema), pg_delivery_target_store_1.PgDeliveryTargetStore.open(pool, schema)]);
    let apiKeys = 0;
    if (tableExists(db, 'api_keys')) {
        for (const row of db.prepare('SELECT * FROM api_keys').all()) {
            const record = { id: row.id, role: row.role, library: row.library, label: row.label, createdAt: row.created_at, createdBy: row.created_by, revokedAt: row.revoked_at };
            await keys.upsert(record, row.digest);
            if (row.revoked_at !== null)
                await keys.revoke(row.id, row.revoked_at);
            apiKeys += 1;
        }
    }
    let idempotencyAnswers = 0;
    if (tableExists(db, 'idempotency_keys')) {
        for (const row of db.prepare('SELECT * FROM idempotency_keys').all()) {
            await answers.save(row.scope, row.key, { requestDigest: row.request_digest, status: row.status, body: JSON.parse(row.body), createdAt: row.created_at });
            idempotencyAnswers += 1;
        }
    }
    let webhooks = 0;
    if (tableExists(db, 'delivery_targets')) {
        for (const row of db.prepare('SELECT * FROM delivery_targets').all()) {
            if (await targets.find(row.id))
                continue;
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
exports.copySharedState = copySharedState;
//# sourceMappingURL=copy-shared-state.js.map