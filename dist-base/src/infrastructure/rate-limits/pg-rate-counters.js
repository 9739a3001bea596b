"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PgRateCounters = exports.RATE_SYNC_MS = void 0;
const pg_migrations_1 = require("../event-store/postgres/pg-migrations");
const local_rate_counters_1 = require("./local-rate-counters");
const RATE_LIMIT_MIGRATIONS = [
    `CREATE TABLE {schema}.rate_windows (
     bucket    TEXT    NOT NULL,
     window_ms INTEGER NOT NULL,
     starts_at BIGINT  NOT NULL,
     hits      INTEGER NOT NULL,
     PRIMARY KEY (bucket, window_ms, starts_at)
   );`,
];
/** How often an instance adds its hits to the shared counts and reads everyone's back. */
exports.RATE_SYNC_MS = 250;
/** Windows that ended this long ago are deleted from the table. */
const KEEP_ENDED_MS = 60_000;
/**
 * Counters shared by every instance through one PostgreSQL table. A request
 * is answered from memory (no round trip on the hot path); every RATE_SYNC_MS
 * each instance adds the hits it counted since to the table in one statement
 * and reads back the totals of every window it holds. So a bucket's count in
 * any instance lags the network's by at most the hits of one sync interval:
 * a limit is exceeded by at most what all instances admit for that bucket
 * between two syncs.
 */
class PgRateCounters extends local_rate_counters_1.LocalRateCounters {
    pool;
    table;
    onError;
    timer;
    syncing;
    lastPurge = 0;
    constructor(pool, table, clock, onError) {
        super(clock);
        this.pool = pool;
        this.table = table;
        this.onError = onError;
    }
    static async open(pool, schema, clock, options = {}) {
        await (0, pg_migrations_1.migrate)(pool, schema, 'rate_limits', RATE_LIMIT_MIGRATIONS);
        const counters = new PgRateCounters(pool, `${(0, pg_migrations_1.quoteIdentifier)(schema)}.rate_windows`, clock, options.onError ?? (() => undefined));
        counters.timer = setInterval(() => void counters.sync(), options.syncMs ?? exports.RATE_SYNC_MS).unref();
        return counters;
    }
    /** Adds the hits counted here since the last sync, and learns every instance's totals for the windows held here. */
    sync() {
        this.syncing ??= this.syncNow()
            .catch((error) => this.onError(error))
            .finally(() => (this.syncing = undefined));
        return this.syncing;
    }
    async close() {
        clearInterval(this.timer);
        await this.syncing;
        await this.sync();
    }
    newWindow(bucket, startsAt, windowMs) {
        return { bucket, startsAt, windowMs, hits: 0, shared: 0, flushed: 0 };
    }
    countOf(window) {
        const { shared, flushed } = window;
        return { hits: shared + window.hits - flushed, resetsInMs: window.startsAt + window.windowMs - this.now() };
    }
    async syncNow() {
        this.sweep();
        const windows = [...this.windows.values()];
        if (windows.length === 0)
            return;
        const deltas = windows.map((window) => window.hits - window.flushed);
        const { rows } = await this.pool.query(`INSERT INTO ${this.table} AS t (bucket, window_ms, starts_at, hits)
       SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::int[])
       ON CONFLICT (bucket, window_ms, starts_at) DO UPDATE SET hits = t.hits + excluded.hits
       RETURNING bucket, window_ms, starts_at, hits`, [windows.map((w) => w.bucket), windows.map((w) => w.windowMs), windows.map((w) => w.startsAt), deltas]);
        const totals = new Map(rows.map((row) => [`${row.window_ms}|${row.bucket}|${row.starts_at}`, row.hits]));
        windows.forEach((window, i) => {
            window.flushed += deltas[i];
            window.shared = totals.get(`${window.windowMs}|${window.bucket}|${window.startsAt}`) ?? window.shared + deltas[i];
        });
        await this.purge();
    }
    async purge() {
        const now = this.now();
        if (now - this.lastPurge < KEEP_ENDED_MS)
            return;
        this.lastPurge = now;
        await this.pool.query(`DELETE FROM ${this.table} WHERE starts_at + window_ms < $1`, [now - KEEP_ENDED_MS]);
    }
}
exports.PgRateCounters = PgRateCounters;
//# sourceMappingURL=pg-rate-counters.js.map