import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';

export type SqliteDatabaseOptions = Readonly<{
  /**
   * FULL (the default) syncs the WAL at every commit, so nothing acknowledged
   * is lost even on power loss. NORMAL survives a crash of the process but
   * may lose the last commits on power loss.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}>;

const IN_MEMORY = ':memory:';

/**
 * Opens the one connection the embedded deployment uses, for the event store
 * and the read models alike. WAL lets readers run beside the writer.
 */
export const openSqliteDatabase = (file: string, options: SqliteDatabaseOptions = {}): Database => {
  if (file !== IN_MEMORY) mkdirSync(dirname(resolve(file)), { recursive: true });
  const synchronous = options.synchronous ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') throw new RangeError(`synchronous must be FULL or NORMAL, got ${String(synchronous)}`);
  const db = new BetterSqlite3(file);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (file !== IN_MEMORY && mode !== 'wal') throw new Error(`could not put ${file} in WAL mode (got ${String(mode)})`);
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
};

/**
 * Runs `work` in one transaction whose commit does not sync the WAL, then puts
 * the connection's setting back. For what can be derived again (read models,
 * subscribers' checkpoints): WAL frames are synced in order, so the next
 * commit that syncs (every append does, under FULL) makes this one durable
 * too, and a power cut before it loses this transaction whole, never a part
 * of it and never without the events it came after.
 */
export const unsyncedTransaction = <T>(db: Database, work: () => T): T => {
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return db.transaction(work)();
  } finally {
    db.pragma(`synchronous = ${synchronous}`);
  }
};
