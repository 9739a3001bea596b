import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { jwkOf, type SealKeys } from '../../src/application/audit/seal-signature';

/** A fresh Ed25519 seal key, signing and published, as the service holds one. */
export const sealKeysOf = (): SealKeys => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = jwkOf(createPublicKey(privateKey));
  return { signing: { kid: jwk.kid, privateKey }, published: async () => [jwk] };
};
