"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readRawPgLog = exports.copyLog = exports.benchSchema = exports.BENCH_DATABASE_URL = exports.BENCH_ON_POSTGRES = void 0;
const node_crypto_1 = require("node:crypto");
const pg_1 = require("pg");
/**
 * BENCH_STORE=postgres: the benchmarks also run on PostgreSQL
 * (BENCH_DATABASE_URL, default a `ledger_bench` database on 127.0.0.1:5432,
 * created when missing), each measure in a fresh schema dropped afterwards.
 */
exports.BENCH_ON_POSTGRES = process.env.BENCH_STORE === 'postgres';
exports.BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ledger_bench';
const ensureDatabase = async () => {
    const url = new URL(exports.BENCH_DATABASE_URL);
    const name = url.pathname.slice(1);
    url.pathname = '/postgres';
    const admin = new pg_1.Client({ connectionString: url.toString() });
    await admin.connect();
    try {
        const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (rowCount === 0)
            await admin.query(`CREATE DATABASE "${name}"`);
    }
    finally {
        await admin.end();
    }
};
const benchSchema = async () => {
    await ensureDatabase();
    const schema = `bench_${(0, node_crypto_1.randomUUID)().replace(/-/g, '').slice(0, 16)}`;
    const pool = new pg_1.Pool({ connectionString: exports.BENCH_DATABASE_URL, max: 20 });
    return {
        schema,
        pool,
        drop: async () => {
            await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            await pool.end();
        },
    };
};
exports.benchSchema = benchSchema;
/** A log copied as the migration does: same positions, ids and hashes. */
const copyLog = async (source, target, batch = 5000) => {
    let copied = 0;
    for (let after = null;;) {
        const events = await source.readAll({ after, limit: batch });
        if (events.length === 0)
            return copied;
        await target.importRecorded(events);
        copied += events.length;
        after = events[events.length - 1].position;
    }
};
exports.copyLog = copyLog;
/** The PostgreSQL baseline of every read: the same batched SELECT of the events table, both JSON columns parsed. */
const readRawPgLog = async (pool, schema, batchSize) => {
    let rows = 0;
    let keys = 0;
    for (let after = '0';;) {
        const { rows: batch } = await pool.query({
            text: `SELECT position, event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash FROM "${schema}".events
             WHERE position > $1 ORDER BY position LIMIT $2`,
            values: [after, batchSize],
            rowMode: 'array',
        });
        if (batch.length === 0)
            break;
        for (const row of batch) {
            keys += Object.keys(JSON.parse(row[5])).length + Object.keys(JSON.parse(row[6])).length;
        }
        rows += batch.length;
        after = batch[batch.length - 1][0];
    }
    return keys > 0 ? rows : 0;
};
exports.readRawPgLog = readRawPgLog;
//# sourceMappingURL=postgres.js.map