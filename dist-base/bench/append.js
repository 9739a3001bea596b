"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Appends and reads through the EventStore port on SQLite, beside raw
 * better-sqlite3 doing the same writes and reads in the same run, on the same
 * pragmas. Prints figures; it asserts nothing.
 *
 *   npm run bench:append
 *   BENCH_EVENTS=20000 BENCH_CONCURRENCY=64 BENCH_SYNC=NORMAL npm run bench:append
 *   BENCH_STORE=postgres …   then the same appends and reads on PostgreSQL, beside raw INSERTs and SELECTs there (bench/postgres.ts)
 */
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_perf_hooks_1 = require("node:perf_hooks");
const sqlite_database_1 = require("../src/infrastructure/event-store/sqlite/sqlite-database");
const sqlite_event_store_1 = require("../src/infrastructure/event-store/sqlite/sqlite-event-store");
const pg_event_store_1 = require("../src/infrastructure/event-store/postgres/pg-event-store");
const postgres_1 = require("./postgres");
const raw_read_1 = require("./raw-read");
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const BATCH = 100;
const READ_BATCH = 1000;
const STREAMS = 1000;
const SYNC_MODES = process.env.BENCH_SYNC ? [process.env.BENCH_SYNC.toUpperCase()] : ['FULL', 'NORMAL'];
/** A loan event of the size the ledger writes most: a few ids, dates and the actor. */
const makeEvents = (count) => Array.from({ length: count }, (_, i) => ({
    eventId: (0, node_crypto_1.randomUUID)(),
    type: 'LoanShipped',
    data: {
        loanId: `loan-${i}`,
        agreementId: 'agreement-7',
        lender: 'ID-JKPNRI',
        borrower: 'DE-611',
        shippedAt: '2024-05-01T10:00:00.000Z',
        dueOn: '2024-05-29',
        items: [{ title: 'Babad Tanah Jawi', isbn: '9789794619278' }],
    },
    metadata: {
        actor: { role: 'librarian', library: 'ID-JKPNRI', keyId: 'key-12' },
        correlationId: (0, node_crypto_1.randomUUID)(),
        causationId: (0, node_crypto_1.randomUUID)(),
        recordedAt: '2024-05-01T10:00:00.000Z',
    },
}));
/** The raw baseline writes the same rows to the same table (1000 streams), with the JSON serialised, and nothing else: no checks, no hash chain. */
const RAW_SCHEMA = `
CREATE TABLE events (
  position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
  stream_version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, stream_version)
)`;
const PLACEHOLDER_HASH = 'f'.repeat(64);
const directories = [];
const temporaryFile = () => {
    const directory = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'ledger-bench-'));
    directories.push(directory);
    return (0, node_path_1.join)(directory, 'ledger.db');
};
const timed = async (work) => {
    const started = node_perf_hooks_1.performance.now();
    await work();
    return (node_perf_hooks_1.performance.now() - started) / 1000;
};
/**
 * How late a 1 ms timer fires while `work` runs (p99 and max, in ms): how long
 * the event loop was held, so how long a request beside the appends waits.
 */
const loopDelay = async (work) => {
    const delay = (0, node_perf_hooks_1.monitorEventLoopDelay)({ resolution: 1 });
    delay.enable();
    await work();
    delay.disable();
    const ms = (ns) => (ns / 1e6).toFixed(1);
    return `event loop held p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms`;
};
/** Tracks each stream's version so that every append states the exact version it expects, as a command handler does. */
const versions = () => {
    const known = new Map();
    return {
        expected: (streamId) => known.get(streamId) ?? 'no_stream',
        advance: (streamId, version) => known.set(streamId, version),
    };
};
const oneEventPerCommand = async (store, events) => {
    const streams = versions();
    for (let i = 0; i < events.length; i += 1) {
        const streamId = `loan-${i % STREAMS}`;
        const { streamVersion } = await store.append(streamId, [events[i]], streams.expected(streamId));
        streams.advance(streamId, streamVersion);
    }
};
const concurrentCommands = async (store, events, callers) => {
    let next = 0;
    const caller = async (id) => {
        const streams = versions();
        for (let i = next++; i < events.length; i = next++) {
            const streamId = `loan-${id}-${i % 16}`;
            const { streamVersion } = await store.append(streamId, [events[i]], streams.expected(streamId));
            streams.advance(streamId, streamVersion);
        }
    };
    await Promise.all(Array.from({ length: callers }, (_, id) => caller(id)));
};
const batchedAppends = async (store, events) => {
    const streams = versions();
    for (let i = 0; i < events.length; i += BATCH) {
        const streamId = `rotation-${(i / BATCH) % STREAMS}`;
        const { streamVersion } = await store.append(streamId, events.slice(i, i + BATCH), streams.expected(streamId));
        streams.advance(streamId, streamVersion);
    }
};
const rawInserts = (db, events, perTransaction) => {
    const insert = db.prepare('INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const write = db.transaction((from, to) => {
        for (let i = from; i < to; i += 1) {
            const event = events[i];
            const streamVersion = Math.floor(i / STREAMS) + 1;
            insert.run(event.eventId, `loan-${i % STREAMS}`, streamVersion, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), PLACEHOLDER_HASH, PLACEHOLDER_HASH);
        }
    });
    for (let i = 0; i < events.length; i += perTransaction)
        write(i, Math.min(i + perTransaction, events.length));
};
const readThroughPort = async (store) => {
    let rows = 0;
    for (let after = null;;) {
        const batch = await store.readAll({ after, limit: READ_BATCH });
        if (batch.length === 0)
            return rows;
        rows += batch.length;
        after = batch[batch.length - 1].position;
    }
};
const readRaw = (db) => (0, raw_read_1.readRawLog)(db, READ_BATCH);
const openStore = (sync) => {
    const db = (0, sqlite_database_1.openSqliteDatabase)(temporaryFile(), { synchronous: sync });
    return { db, store: new sqlite_event_store_1.SqliteEventStore(db, { ownsDatabase: true }) };
};
const openRaw = (sync) => {
    const db = (0, sqlite_database_1.openSqliteDatabase)(temporaryFile(), { synchronous: sync });
    db.exec(RAW_SCHEMA);
    return db;
};
const run = async (sync, events) => {
    const n = events.length;
    const rate = (seconds) => n / seconds;
    const rawSingle = openRaw(sync);
    const rawSingleRate = rate(await timed(() => rawInserts(rawSingle, events, 1)));
    rawSingle.close();
    const rawBatched = openRaw(sync);
    const rawBatchedRate = rate(await timed(() => rawInserts(rawBatched, events, BATCH)));
    rawBatched.close();
    const sequential = openStore(sync);
    let sequentialRate = 0;
    const sequentialDelay = await loopDelay(async () => (sequentialRate = rate(await timed(() => oneEventPerCommand(sequential.store, events)))));
    await sequential.store.close();
    const concurrent = openStore(sync);
    let concurrentRate = 0;
    const concurrentDelay = await loopDelay(async () => (concurrentRate = rate(await timed(() => concurrentCommands(concurrent.store, events, CONCURRENCY)))));
    const { batches, appends } = concurrent.store.stats;
    await concurrent.store.close();
    const batched = openStore(sync);
    const batchedRate = rate(await timed(() => batchedAppends(batched.store, events)));
    let portRows = 0;
    const portReadSeconds = await timed(async () => {
        portRows = await readThroughPort(batched.store);
    });
    let rawRows = 0;
    const rawReadSeconds = await timed(() => {
        rawRows = readRaw(batched.db);
    });
    await batched.store.close();
    return [
        { scenario: '(a) 1 event per append, sequential', port: sequentialRate, baseline: "(a') 1-row transactions", raw: rawSingleRate, note: sequentialDelay },
        {
            scenario: `(b) 1 event per append, ${CONCURRENCY} callers`,
            port: concurrentRate,
            baseline: "(a') 1-row transactions",
            raw: rawSingleRate,
            note: `${(appends / batches).toFixed(1)} appends per transaction; ${(concurrentRate / rawBatchedRate).toFixed(2)} of (c'); ${concurrentDelay}`,
        },
        { scenario: `(c) ${BATCH} events per append`, port: batchedRate, baseline: `(c') ${BATCH}-row transactions`, raw: rawBatchedRate },
        { scenario: `read: readAll, ${READ_BATCH} a batch`, port: portRows / portReadSeconds, baseline: 'SELECT + JSON.parse (raw rows)', raw: rawRows / rawReadSeconds },
    ];
};
/** The raw baseline on PostgreSQL: the same rows into a table of the same shape, no checks and no hash chain. */
const RAW_PG_TABLE = `(
  position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
  stream_version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream_id, stream_version))`;
/** Each transaction one INSERT statement of `perTransaction` rows (autocommit: one round trip), one after another. */
const rawPgInserts = async (pool, table, events, perTransaction) => {
    const recordedAt = new Date().toISOString();
    for (let from = 0; from < events.length; from += perTransaction) {
        const columns = [[], [], [], [], [], [], []];
        for (let i = from; i < Math.min(from + perTransaction, events.length); i += 1) {
            const event = events[i];
            [event.eventId, `loan-${i % STREAMS}`, String(Math.floor(i / STREAMS) + 1), event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt].forEach((value, c) => columns[c].push(value));
        }
        await pool.query(`INSERT INTO ${table} (event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash, recorded_at)
       SELECT e, s, v, t, d, m, '${PLACEHOLDER_HASH}', '${PLACEHOLDER_HASH}', r FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(e, s, v, t, d, m, r)`, columns);
    }
};
/**
 * The same scenarios through PgEventStore, each in a fresh schema, beside raw
 * INSERTs into PostgreSQL in the same run (and the SQLite port's figure).
 */
const runPostgres = async (events, sqlite) => {
    const rate = (seconds) => events.length / seconds;
    const onPostgres = async (work) => {
        const { schema, pool, drop } = await (0, postgres_1.benchSchema)();
        const store = await pg_event_store_1.PgEventStore.open(pool, { schema });
        try {
            return await work(store, pool, schema);
        }
        finally {
            await store.close();
            await drop();
        }
    };
    const raw = (perTransaction) => onPostgres(async (_store, pool, schema) => {
        const table = `"${schema}".raw_events`;
        await pool.query(`CREATE TABLE ${table} ${RAW_PG_TABLE}`);
        return rate(await timed(() => rawPgInserts(pool, table, events, perTransaction)));
    });
    const rawSingle = await raw(1);
    const rawBatched = await raw(BATCH);
    const sequential = rate(await onPostgres((store) => timed(() => oneEventPerCommand(store, events))));
    const [concurrent, perTransaction] = await onPostgres(async (store) => {
        const appended = rate(await timed(() => concurrentCommands(store, events, CONCURRENCY)));
        const { batches, appends } = store.stats;
        return [appended, appends / batches];
    });
    const [batched, read, rawRead] = await onPostgres(async (store, pool, schema) => {
        const appended = rate(await timed(() => batchedAppends(store, events)));
        let rows = 0;
        const portSeconds = await timed(async () => {
            rows = await readThroughPort(store);
        });
        let rawRows = 0;
        const rawSeconds = await timed(async () => {
            rawRows = await (0, postgres_1.readRawPgLog)(pool, schema, READ_BATCH);
        });
        return [appended, rows / portSeconds, rawRows / rawSeconds];
    });
    const sqliteNote = (row) => `SQLite port, same run: ${formatRate(row.port)}`;
    return [
        { scenario: sqlite[0].scenario, port: sequential, baseline: "(a') 1-row transactions", raw: rawSingle, note: sqliteNote(sqlite[0]) },
        {
            scenario: sqlite[1].scenario,
            port: concurrent,
            baseline: "(a') 1-row transactions",
            raw: rawSingle,
            note: `${perTransaction.toFixed(1)} appends per transaction; ${(concurrent / rawBatched).toFixed(2)} of (c'); ${sqliteNote(sqlite[1])}`,
        },
        { scenario: sqlite[2].scenario, port: batched, baseline: `(c') ${BATCH}-row transactions`, raw: rawBatched, note: sqliteNote(sqlite[2]) },
        { scenario: sqlite[3].scenario, port: read, baseline: 'SELECT + JSON.parse (raw rows)', raw: rawRead, note: sqliteNote(sqlite[3]) },
    ];
};
const formatRate = (value) => Math.round(value).toLocaleString('en-US');
const print = (title, rows, header = ['scenario', 'port /s', 'raw baseline', 'raw /s', 'port/raw', '']) => {
    const lines = rows.map((row) => [row.scenario, formatRate(row.port), row.baseline, formatRate(row.raw), (row.port / row.raw).toFixed(2), row.note ?? '']);
    const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
    const numeric = new Set([1, 3, 4]);
    const format = (cells) => cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
    console.log(`\n${title}, ${EVENTS.toLocaleString('en-US')} events (events/s for appends, rows/s for reads)`);
    console.log(format(header));
    console.log(widths.map((width) => '-'.repeat(width)).join('  '));
    lines.forEach((line) => console.log(format(line)));
};
const main = async () => {
    if (!Number.isSafeInteger(EVENTS) || EVENTS < BATCH)
        throw new RangeError(`BENCH_EVENTS must be an integer >= ${BATCH}`);
    for (const sync of SYNC_MODES)
        if (sync !== 'FULL' && sync !== 'NORMAL')
            throw new RangeError('BENCH_SYNC must be FULL or NORMAL');
    const events = makeEvents(EVENTS);
    console.log(`node ${process.version}, ${CONCURRENCY} concurrent callers, ${STREAMS} streams; warming up…`);
    await run('NORMAL', events.slice(0, Math.min(EVENTS, 5000)));
    let last = [];
    for (const sync of SYNC_MODES)
        print(`synchronous=${sync}`, (last = await run(sync, events)));
    if (postgres_1.BENCH_ON_POSTGRES) {
        const rows = await runPostgres(events, last);
        print(`PostgreSQL (SQLite figures: synchronous=${SYNC_MODES[SYNC_MODES.length - 1]})`, rows);
    }
    console.log('\nraw = the same events table written with prepared INSERTs of JSON.stringify-ed data, with no expected-version check, no idempotency and no hash chain.');
    if (postgres_1.BENCH_ON_POSTGRES)
        console.log('raw on PostgreSQL = one INSERT … SELECT FROM unnest of those rows per transaction (autocommit, one round trip).');
};
main()
    .catch((error) => {
    console.error(error);
    process.exitCode = 1;
})
    .finally(() => directories.forEach((directory) => (0, node_fs_1.rmSync)(directory, { recursive: true, force: true })));
//# sourceMappingURL=append.js.map