import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateApiKey } from '../../application/access/api-keys';
import type { AppConfig } from './config';

/** Where the generated coordinator key is kept in the data directory. */
export const ADMIN_KEY_FILE = 'admin.key';

export type AdminKey = Readonly<{ key: string; source: 'environment' | 'file'; path?: string; created: boolean }>;

/**
 * The first coordinator key: LEDGER_ADMIN_KEY when set, otherwise the key in
 * `<data dir>/admin.key`, generated (readable by the owner only) at first start.
 */
export const resolveAdminKey = (config: AppConfig): AdminKey => {
  if (config.adminKey !== null) return { key: config.adminKey, source: 'environment', created: false };
  const path = join(config.dataDir, ADMIN_KEY_FILE);
  if (existsSync(path)) return { key: readFileSync(path, 'utf8').trim(), source: 'file', path, created: false };
  mkdirSync(config.dataDir, { recursive: true });
  const key = generateApiKey();
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'file', path, created: true };
};
