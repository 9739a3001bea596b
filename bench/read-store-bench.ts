import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import type { ListQuery, ReadStore } from '../src/application/ports/read-store.port';
import { openSqliteDatabase } from '../src/infrastructure/event-store/sqlite/sqlite-database';
import { PgReadStore } from '../src/infrastructure/read-store/postgres/pg-read-store';
import { SqliteReadStore } from '../src/infrastructure/read-store/sqlite-read-store';
import { BENCH_ON_POSTGRES, benchSchema } from './postgres';

/**
 * A fresh read store of the kind BENCH_STORE names, for the read models'
 * benchmarks (bench:lists, bench:search): a SQLite file in a directory of
 * its own, or a fresh PostgreSQL schema (bench/postgres.ts). Either way
 * `reopen` opens another store on the same data, and `sqlite` or `postgres`
 * reaches that data directly.
 */
export type BenchReadStore = Readonly<{
  store: ReadStore;
  reopen: () => Promise<ReadStore>;
  sqlite?: Database;
  postgres?: Readonly<{ pool: Pool; schema: string }>;
  close: () => Promise<void>;
}>;

export const benchReadStore = async (name: string): Promise<BenchReadStore> => {
  if (BENCH_ON_POSTGRES) {
    const { schema, pool, drop } = await benchSchema();
    return { store: await PgReadStore.open(pool, { schema }), reopen: () => PgReadStore.open(pool, { schema }), postgres: { pool, schema }, close: drop };
  }
  const directory = mkdtempSync(join(tmpdir(), `ledger-bench-${name}-`));
  const db = openSqliteDatabase(join(directory, 'ledger.db'));
  return {
    store: new SqliteReadStore(db),
    reopen: async () => new SqliteReadStore(db),
    sqlite: db,
    close: async () => {
      db.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
};

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The median time of `runs` reads of a list's page, after one read that warms the caches; and how many items the page held. */
export const timeList = async (store: ReadStore, projection: string, query: ListQuery, runs: number): Promise<{ ms: number; found: number }> => {
  const found = (await store.list(projection, query)).items.length;
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await store.list(projection, query);
    times.push(performance.now() - started);
  }
  return { ms: median(times), found };
};
