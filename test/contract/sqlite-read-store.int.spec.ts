import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openSqliteDatabase } from '../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite-read-store';
import { readStoreContract } from './read-store.contract';

readStoreContract('SQLite', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-reads-'));
  const file = join(directory, 'ledger.db');
  const databases: Database[] = [openSqliteDatabase(file)];
  return {
    store: new SqliteReadStore(databases[0]),
    reopen: async () => new SqliteReadStore(databases[databases.push(openSqliteDatabase(file)) - 1]),
    rows: async (projection) => databases[0].prepare(`SELECT * FROM rm_${projection} ORDER BY seq`).all() as Record<string, unknown>[],
    indexes: async (projection) =>
      (databases[0].prepare('SELECT name FROM pragma_index_list(?) WHERE origin != \'pk\'').pluck().all(`rm_${projection}`) as string[])
        .map((index) => databases[0].prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(index) as string[])
        .sort((a, b) => a.join().localeCompare(b.join())),
    carries: true,
    dispose: async () => {
      for (const db of databases) db.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});
