import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../event-store/hash-chain';

/** A public seal key as `GET /v1/audit/keys` serves it (RFC 8037 OKP JWK). */
export type SealJwk = Readonly<{ kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' }>;

/**
 * The key that signs seals now, and every public key that ever signed one:
 * read when asked, since on PostgreSQL the instances sharing a log publish
 * their keys together, and one may rotate while the others run.
 */
export type SealKeys = Readonly<{ signing: { kid: string; privateKey: KeyObject }; published: () => Promise<readonly SealJwk[]> }>;
export const SEAL_KEYS = Symbol('SealKeys');

/** The key id is the RFC 7638 thumbprint of the public key: anyone can recompute it from the key alone. */
export const jwkOf = (publicKey: KeyObject): SealJwk => {
  const { crv, x, kty } = publicKey.export({ format: 'jwk' });
  if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string') throw new TypeError('a seal key must be an Ed25519 key');
  const kid = createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
  return { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' };
};

/** Signs the canonical JSON of `body` (base64url Ed25519 signature). */
export const signBody = (privateKey: KeyObject, body: object): string => sign(null, Buffer.from(canonicalJson(body), 'utf8'), privateKey).toString('base64url');

/** True when `signature` is the signature of `body` by the key `kid` among `keys`. */
export const verifyBody = (keys: readonly SealJwk[], kid: unknown, body: object, signature: unknown): boolean => {
  const jwk = keys.find((key) => key.kid === kid);
  if (jwk === undefined || typeof signature !== 'string') return false;
  try {
    const publicKey = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    return verify(null, Buffer.from(canonicalJson(body), 'utf8'), publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
};

/** Public keys from a JWK or a JWK set, as an auditor saves `GET /v1/audit/keys`; the kid is recomputed, never trusted. */
export const readJwks = (value: unknown): SealJwk[] => {
  const list = typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys) ? (value as { keys: unknown[] }).keys : [value];
  return list.map((key) => jwkOf(createPublicKey({ key: key as import('node:crypto').JsonWebKey, format: 'jwk' })));
};
