import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwkOf, type SealJwk, type SealKeys } from '../../application/audit/seal-signature';
import { readSealKey, type AppConfig } from '../config/config';

export const SEAL_KEY_FILE = 'seal-key.pem';
export const PUBLISHED_KEYS_FILE = 'seal-keys.json';

/** The key in `<data dir>/seal-key.pem`, generated (readable by the owner only) at first start. */
const keyFromDataDir = (dataDir: string): KeyObject => {
  const path = join(dataDir, SEAL_KEY_FILE);
  if (existsSync(path)) return readSealKey(readFileSync(path, 'utf8'), path);
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  return privateKey;
};

/**
 * The signing key, and every public key that ever signed a seal here, kept in
 * `<data dir>/seal-keys.json`: after a rotation (a new LEDGER_SEAL_KEY, or the
 * key file moved away) the old keys stay published, so old seals still verify.
 */
export const loadSealKeys = (config: AppConfig): SealKeys => {
  const privateKey = config.sealKey ?? keyFromDataDir(config.dataDir);
  const current = jwkOf(createPublicKey(privateKey));
  const path = join(config.dataDir, PUBLISHED_KEYS_FILE);
  const kept: SealJwk[] = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { keys: SealJwk[] }).keys : [];
  const published = kept.some((key) => key.kid === current.kid) ? kept : [...kept, current];
  if (published !== kept) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(`${path}.tmp`, `${JSON.stringify({ keys: published }, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  }
  return { signing: { kid: current.kid, privateKey }, published: async () => published };
};
