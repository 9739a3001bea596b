import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import type { EventStore, RecordedEvent } from '../src/application/ports/event-store.port';
import { PgEventStore } from '../src/infrastructure/event-store/postgres/pg-event-store';

/**
 * BENCH_STORE=postgres: the benchmarks also run on PostgreSQL
 * (BENCH_DATABASE_URL, default a `ledger_bench` database on 127.0.0.1:5432,
 * created when missing), each measure in a fresh schema dropped afterwards.
 */
export const BENCH_ON_POSTGRES = process.env.BENCH_STORE === 'postgres';
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ledger_bench';

export type BenchSchema = Readonly<{ schema: string; pool: Pool; drop: () => Promise<void> }>;

const ensureDatabase = async (): Promise<void> => {
  const url = new URL(BENCH_DATABASE_URL);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
};

export const benchSchema = async (): Promise<BenchSchema> => {
  await ensureDatabase();
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const pool = new Pool({ connectionString: BENCH_DATABASE_URL, max: 20 });
  return {
    schema,
    pool,
    drop: async () => {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  };
};

/** A log copied as the migration does: same positions, ids and hashes. */
export const copyLog = async (source: EventStore, target: PgEventStore, batch = 5000): Promise<number> => {
  let copied = 0;
  for (let after: string | null = null; ; ) {
    const events: RecordedEvent[] = await source.readAll({ after, limit: batch });
    if (events.length === 0) return copied;
    await target.importRecorded(events);
    copied += events.length;
    after = events[events.length - 1].position;
  }
};

/** The PostgreSQL baseline of every read: the same batched SELECT of the events table, both JSON columns parsed. */
export const readRawPgLog = async (pool: Pool, schema: string, batchSize: number): Promise<number> => {
  let rows = 0;
  let keys = 0;
  for (let after = '0'; ; ) {
    const { rows: batch } = await pool.query<unknown[]>({
      text: `SELECT position, event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash FROM "${schema}".events
             WHERE position > $1 ORDER BY position LIMIT $2`,
      values: [after, batchSize],
      rowMode: 'array',
    });
    if (batch.length === 0) break;
    for (const row of batch) {
      keys += Object.keys(JSON.parse(row[5] as string) as object).length + Object.keys(JSON.parse(row[6] as string) as object).length;
    }
    rows += batch.length;
    after = batch[batch.length - 1][0] as string;
  }
  return keys > 0 ? rows : 0;
};
