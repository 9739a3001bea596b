import { count, describe, instant, object, type EventDescriptions, type JsonSchema } from '../shared/event-schema';

/** A global position in the log, as a string of digits. */
const position: JsonSchema = { type: 'string', pattern: '^[0-9]+$', examples: ['1000'] };
const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
/** SHA-256, in hex. */
const sha256: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$', examples: [HASH] };
const orNull = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type, 'null'] });

/**
 * The seals of the log (stream `audit-seals`), as the sealer writes them:
 * the range a seal covers, the Merkle root over its events' hashes, the head
 * of every stream it touches, the chain to the previous seal, and the
 * Ed25519 signature over the rest (README, Audit trail).
 */
export const auditEventSchemas: EventDescriptions<'LedgerSealed'> = {
  LedgerSealed: describe(
    'The ledger sealed the events after the previous seal: their range, the RFC 9162 Merkle root over their hashes, every stream head they reach, signed with Ed25519.',
    {
      afterPosition: orNull(position),
      firstPosition: position,
      lastPosition: position,
      eventCount: count,
      merkleRoot: sha256,
      streamHeads: {
        type: 'object',
        description: 'By stream id: the version and hash of the stream\'s last event in the range',
        additionalProperties: object({ version: { type: 'integer', minimum: 1 }, hash: sha256 }),
        examples: [{ 'loan-0b8f3c2e-7a41-4d6b-9a51-3f2d2c1e9b10': { version: 3, hash: HASH } }],
      },
      previousSealHash: orNull(sha256),
      sealedAt: instant,
      keyId: { type: 'string', description: 'The RFC 7638 thumbprint of the public key that signed it (GET /v1/audit/keys)', examples: ['NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'] },
      signature: {
        type: 'string', pattern: '^[A-Za-z0-9_-]+$', description: 'Ed25519 over the RFC 8785 canonical JSON of every other field, base64url',
        examples: ['hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg'],
      },
    },
  ),
};
