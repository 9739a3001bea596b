import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AppConfig } from '../config/config';
import { PUBLISHED_KEYS_FILE, SEAL_KEY_FILE } from '../audit/seal-keys.file';
import { DATABASE_FILE } from '../ledger.module';
import { ADMIN_KEY_FILE } from '../config/admin-key';

/** The backup cannot be made there, or of this configuration. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}

export type BackupReport = Readonly<{ directory: string; bytes: number; files: readonly string[]; seconds: number }>;

/** What besides the file a restored ledger needs: the generated coordinator key, the seal key and every public key that signed. */
const KEY_FILES = [ADMIN_KEY_FILE, SEAL_KEY_FILE, PUBLISHED_KEYS_FILE];

/**
 * A consistent copy of the data directory into an empty `target`, safe while
 * the service runs: the embedded file through SQLite's online backup (every
 * page as of one moment, the WAL's committed pages included, never a torn
 * copy as a plain file copy of a busy WAL database may be), and the key files
 * beside it. Not the lock (`ledger.pid`): a restored copy is a directory no
 * process holds. Started on the copy, the service seals what the copy left
 * unsealed and goes on from there.
 */
export const backupDataDir = async (config: AppConfig, target: string): Promise<BackupReport> => {
  if (config.eventStore === 'postgres' && config.readStore === 'postgres') {
    throw new BackupRefused('with EVENT_STORE=postgres and READ_STORE=postgres the ledger lives in PostgreSQL: back it up with pg_dump (every table of LEDGER_PG_SCHEMA)');
  }
  const source = join(config.dataDir, DATABASE_FILE);
  if (!existsSync(source)) throw new BackupRefused(`${config.dataDir} holds no ${DATABASE_FILE}: nothing to back up`);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
    throw new BackupRefused(`${target} is not an empty directory: back up into a new one`);
  }
  const started = process.hrtime.bigint();
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(join(target, DATABASE_FILE));
  } finally {
    db.close();
  }
  const files = [DATABASE_FILE];
  for (const file of KEY_FILES) {
    if (!existsSync(join(config.dataDir, file))) continue;
    copyFileSync(join(config.dataDir, file), join(target, file));
    files.push(file);
  }
  const bytes = files.reduce((sum, file) => sum + statSync(join(target, file)).size, 0);
  return { directory: target, bytes, files, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
};
