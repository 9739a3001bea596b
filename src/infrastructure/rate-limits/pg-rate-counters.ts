import type { Pool } from 'pg';
import type { Clock } from '../../application/ports/clock.port';
import type { WindowCount } from '../../application/ports/rate-counters.port';
import { migrate, quoteIdentifier, type Migrations } from '../event-store/postgres/pg-migrations';
import { LocalRateCounters, type CountedWindow } from './local-rate-counters';

const RATE_LIMIT_MIGRATIONS: Migrations = [
  `CREATE TABLE {schema}.rate_windows (
     bucket    TEXT    NOT NULL,
     window_ms INTEGER NOT NULL,
     starts_at BIGINT  NOT NULL,
     hits      INTEGER NOT NULL,
     PRIMARY KEY (bucket, window_ms, starts_at)
   );`,
];

/** How often an instance adds its hits to the shared counts and reads everyone's back. */
export const RATE_SYNC_MS = 250;
/** Windows that ended this long ago are deleted from the table. */
const KEEP_ENDED_MS = 60_000;

type SharedWindow = CountedWindow & { shared: number; flushed: number };

/**
 * Counters shared by every instance through one PostgreSQL table. A request
 * is answered from memory (no round trip on the hot path); every RATE_SYNC_MS
 * each instance adds the hits it counted since to the table in one statement
 * and reads back the totals of every window it holds. So a bucket's count in
 * any instance lags the network's by at most the hits of one sync interval:
 * a limit is exceeded by at most what all instances admit for that bucket
 * between two syncs.
 */
export class PgRateCounters extends LocalRateCounters {
  private timer?: NodeJS.Timeout;
  private syncing?: Promise<void>;
  private lastPurge = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
    clock: Clock,
    private readonly onError: (error: unknown) => void,
  ) {
    super(clock);
  }

  static async open(pool: Pool, schema: string, clock: Clock, options: { syncMs?: number; onError?: (error: unknown) => void } = {}): Promise<PgRateCounters> {
    await migrate(pool, schema, 'rate_limits', RATE_LIMIT_MIGRATIONS);
    const counters = new PgRateCounters(pool, `${quoteIdentifier(schema)}.rate_windows`, clock, options.onError ?? (() => undefined));
    counters.timer = setInterval(() => void counters.sync(), options.syncMs ?? RATE_SYNC_MS).unref();
    return counters;
  }

  /** Adds the hits counted here since the last sync, and learns every instance's totals for the windows held here. */
  sync(): Promise<void> {
    this.syncing ??= this.syncNow()
      .catch((error: unknown) => this.onError(error))
      .finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  override async close(): Promise<void> {
    clearInterval(this.timer);
    await this.syncing;
    await this.sync();
  }

  protected override newWindow(bucket: string, startsAt: number, windowMs: number): SharedWindow {
    return { bucket, startsAt, windowMs, hits: 0, shared: 0, flushed: 0 };
  }

  protected override countOf(window: CountedWindow): WindowCount {
    const { shared, flushed } = window as SharedWindow;
    return { hits: shared + window.hits - flushed, resetsInMs: window.startsAt + window.windowMs - this.now() };
  }

  private async syncNow(): Promise<void> {
    this.sweep();
    const windows = [...this.windows.values()] as SharedWindow[];
    if (windows.length === 0) return;
    const deltas = windows.map((window) => window.hits - window.flushed);
    const { rows } = await this.pool.query<{ bucket: string; window_ms: number; starts_at: string; hits: number }>(
      `INSERT INTO ${this.table} AS t (bucket, window_ms, starts_at, hits)
       SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::int[])
       ON CONFLICT (bucket, window_ms, starts_at) DO UPDATE SET hits = t.hits + excluded.hits
       RETURNING bucket, window_ms, starts_at, hits`,
      [windows.map((w) => w.bucket), windows.map((w) => w.windowMs), windows.map((w) => w.startsAt), deltas],
    );
    const totals = new Map(rows.map((row) => [`${row.window_ms}|${row.bucket}|${row.starts_at}`, row.hits]));
    windows.forEach((window, i) => {
      window.flushed += deltas[i];
      window.shared = totals.get(`${window.windowMs}|${window.bucket}|${window.startsAt}`) ?? window.shared + deltas[i];
    });
    await this.purge();
  }

  private async purge(): Promise<void> {
    const now = this.now();
    if (now - this.lastPurge < KEEP_ENDED_MS) return;
    this.lastPurge = now;
    await this.pool.query(`DELETE FROM ${this.table} WHERE starts_at + window_ms < $1`, [now - KEEP_ENDED_MS]);
  }
}
