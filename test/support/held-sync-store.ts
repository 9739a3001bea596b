import { fsync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase } from '../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The embedded store on a fresh file (synchronous=FULL, so its WAL is synced
 * off the event loop) whose syncs the test holds: each waits until the test
 * lets it through, then runs as a real fsync.
 */
export const heldSyncStore = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-held-sync-'));
  const held: Array<() => void> = [];
  const db = openSqliteDatabase(join(dir, 'ledger.sqlite'));
  const store = new SqliteEventStore(db, {
    ownsDatabase: true,
    syncWal: (fd) => new Promise<void>((resolve, reject) => held.push(() => fsync(fd, (error) => (error ? reject(error) : resolve())))),
  });
  /** Lets every sync asked for so far go through. */
  const release = () => {
    while (held.length > 0) held.shift()!();
  };
  return {
    db,
    store,
    release,
    /** Resolves once the store has asked for a sync not yet let through. */
    asked: async () => {
      while (held.length === 0) await turn();
    },
    /** Lets syncs through, turn after turn, until `promise` settles. */
    releaseUntil: async <T>(promise: Promise<T>): Promise<T> => {
      let settled = false;
      const watched = promise.finally(() => (settled = true));
      while (!settled) {
        release();
        await turn();
      }
      return watched;
    },
    close: async () => {
      release();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
