"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The auditor's work on a log of realistic size: sealing it, verifying it
 * (online, through the audit read, and offline, from an export file),
 * and exporting it as NDJSON with the RSS it costs, beside the least a reader
 * of the same rows must do. Prints figures; it asserts nothing.
 *
 *   npm run bench:audit
 *   BENCH_EVENTS=100000 npm run bench:audit
 *   BENCH_LOG=/tmp/audit.db npm run bench:audit   keeps the generated log there, and reuses it when it exists
 *   BENCH_SEALS=end npm run bench:audit           every seal at the end of the log (an old ledger that starts sealing)
 *   BENCH_MEASURES=verify,export npm run bench:audit   some measures only, beside the baseline
 *
 * The log comes from the rebuild bench's generator (the domain's deciders
 * through the EventStore port). It is copied, in position order and without
 * any seals it holds, into a fresh file and sealed there: by default a seal
 * after every BENCH_SEAL_EVERY events copied, as the service seals a log
 * as it grows (event hashes do not cover positions, so a copy keeps every
 * hash and chain). Each measure runs in a fresh child process, so its RSS
 * is its own.
 */
const node_child_process_1 = require("node:child_process");
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_perf_hooks_1 = require("node:perf_hooks");
const promises_1 = require("node:stream/promises");
const node_zlib_1 = require("node:zlib");
const audit_service_1 = require("../src/application/audit/audit.service");
const seal_1 = require("../src/application/audit/seal");
const sealer_1 = require("../src/application/audit/sealer");
const seal_signature_1 = require("../src/application/audit/seal-signature");
const clock_port_1 = require("../src/application/ports/clock.port");
const sqlite_database_1 = require("../src/infrastructure/event-store/sqlite/sqlite-database");
const sqlite_event_store_1 = require("../src/infrastructure/event-store/sqlite/sqlite-event-store");
const audit_cli_1 = require("../src/infrastructure/cli/audit.cli");
const sqlite_audit_log_1 = require("../src/infrastructure/audit/sqlite-audit-log");
const raw_read_1 = require("./raw-read");
const rebuild_1 = require("./rebuild");
const SEAL_EVERY = Number(process.env.BENCH_SEAL_EVERY ?? 10_000);
const SEALS_AT_END = process.env.BENCH_SEALS === 'end';
const READ_BATCH = 1000;
const ALL = ['baseline', 'verify', 'export', 'export-gzip', 'cli-verify'];
/** BENCH_MEASURES=verify,export: some measures only (the baseline always; cli-verify needs export). */
const MEASURES = ALL.filter((measure) => measure === 'baseline' || (process.env.BENCH_MEASURES?.split(',') ?? ALL).includes(measure));
/** Peak RSS above the RSS at the start, sampled while `work` runs. */
const measured = async (work) => {
    global.gc?.();
    const start = process.memoryUsage();
    let [peak, heapPeak] = [start.rss, start.heapUsed];
    const sample = () => {
        const now = process.memoryUsage();
        [peak, heapPeak] = [Math.max(peak, now.rss), Math.max(heapPeak, now.heapUsed)];
    };
    const sampler = setInterval(sample, 20);
    const cpu = process.cpuUsage();
    const started = node_perf_hooks_1.performance.now();
    const { rows, note } = await work();
    const seconds = (node_perf_hooks_1.performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    clearInterval(sampler);
    sample();
    return { rows, seconds, cpuSeconds: (user + system) / 1e6, rssGrowthMb: (peak - start.rss) / 1_048_576, heapGrowthMb: (heapPeak - start.heapUsed) / 1_048_576, note };
};
const keysFrom = (pem) => {
    const privateKey = require('node:crypto').createPrivateKey(pem);
    const jwk = (0, seal_signature_1.jwkOf)((0, node_crypto_1.createPublicKey)(privateKey));
    return { signing: { kid: jwk.kid, privateKey }, published: [jwk] };
};
/** One measure, in the child process. */
const run = async (measure, file, pem, exportFile) => {
    const db = (0, sqlite_database_1.openSqliteDatabase)(file, { synchronous: 'NORMAL' });
    const store = new sqlite_event_store_1.SqliteEventStore(db, { ownsDatabase: true });
    const audit = new audit_service_1.AuditService(store, (0, sqlite_audit_log_1.sqliteAuditLog)(db), keysFrom(pem), clock_port_1.systemClock);
    (0, raw_read_1.readRawLog)(db, READ_BATCH); // the page cache warm for every measure alike
    const toFile = async (gzip) => {
        const lines = audit.exportStream({});
        const out = (0, node_fs_1.createWriteStream)(gzip ? `${exportFile}.gz` : exportFile);
        await (gzip ? (0, promises_1.pipeline)(lines, (0, node_zlib_1.createGzip)(), out) : (0, promises_1.pipeline)(lines, out));
        return { rows: 0, note: `${((0, node_fs_1.statSync)(gzip ? `${exportFile}.gz` : exportFile).size / 1_048_576).toFixed(1)} MB file` };
    };
    const works = {
        baseline: async () => ({ rows: (0, raw_read_1.readRawLog)(db, READ_BATCH), note: 'SELECT + JSON.parse of data and metadata' }),
        verify: async () => {
            const report = await audit.verify({});
            if (!report.verified)
                throw new Error(`not verified: ${JSON.stringify(report)}`);
            return { rows: report.events, note: `${report.seals} seals, ${report.streams} streams` };
        },
        export: () => toFile(false),
        'export-gzip': () => toFile(true),
        'cli-verify': async () => {
            let out = '';
            const code = await (0, audit_cli_1.verifyExport)([exportFile], { out: (text) => (out += text), err: () => undefined });
            if (code !== 0)
                throw new Error(out);
            return { rows: JSON.parse(out.trim().split('\n').at(-1)).events, note: 'verify <export.ndjson>, no database' };
        },
    };
    const figure = { measure, ...(await measured(works[measure])) };
    await store.close();
    return figure;
};
const inChild = (measure, file, pem, exportFile) => new Promise((resolve, reject) => {
    const child = (0, node_child_process_1.fork)(__filename, [], { env: { ...process.env, BENCH_PHASE: measure, BENCH_FILE: file, BENCH_PEM: pem, BENCH_EXPORT: exportFile } });
    child.once('message', (message) => resolve(message));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${measure} exited with ${code}`))));
});
const generateLog = async (file) => {
    console.log(`node ${process.version}; generating the log…`);
    return (0, rebuild_1.generate)(file);
};
/** A kept log (BENCH_LOG), its events other than seals counted. */
const reused = async (file) => {
    console.log(`node ${process.version}; reusing the log in ${file}`);
    const db = (0, sqlite_database_1.openSqliteDatabase)(file, { synchronous: 'NORMAL' });
    const { events } = db.prepare('SELECT count(*) AS events FROM events WHERE stream_id <> ?').get(seal_1.SEAL_STREAM);
    db.close();
    return { events };
};
/**
 * The log in `source` copied into `file` without its seals, sealed as it is
 * copied (every SEAL_EVERY events) or at the end; returns the seals written.
 */
const sealedCopy = async (source, file, pem) => {
    const db = (0, sqlite_database_1.openSqliteDatabase)(file, { synchronous: 'NORMAL' });
    const store = new sqlite_event_store_1.SqliteEventStore(db, { ownsDatabase: true });
    const sealer = new sealer_1.Sealer({ store, log: (0, sqlite_audit_log_1.sqliteAuditLog)(db), clock: clock_port_1.systemClock, ids: { next: node_crypto_1.randomUUID }, keys: keysFrom(pem) }, SEAL_EVERY);
    db.prepare('ATTACH DATABASE ? AS source').run(source);
    const columns = 'event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash';
    const copy = db.prepare(`INSERT INTO main.events (${columns}) SELECT ${columns} FROM source.events WHERE position > ? AND position <= ? AND stream_id <> ? ORDER BY position`);
    const { last } = db.prepare('SELECT max(position) AS last FROM source.events').get();
    let seals = 0;
    for (let after = 0; after < last; after += SEAL_EVERY) {
        copy.run(after, after + SEAL_EVERY, seal_1.SEAL_STREAM);
        if (!SEALS_AT_END && (await sealer.sealNext()) !== null)
            seals += 1;
    }
    seals += await sealer.sealAll();
    db.prepare('INSERT INTO main.streams SELECT * FROM source.streams WHERE stream_id <> ?').run(seal_1.SEAL_STREAM);
    db.exec('DETACH DATABASE source');
    await store.close();
    return seals;
};
const countSeals = async (file) => {
    const db = (0, sqlite_database_1.openSqliteDatabase)(file, { synchronous: 'NORMAL' });
    const { seals } = db.prepare('SELECT count(*) AS seals FROM events WHERE stream_id = ?').get(seal_1.SEAL_STREAM);
    db.close();
    return seals;
};
const number = (value, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const main = async () => {
    const phase = process.env.BENCH_PHASE;
    if (phase !== undefined) {
        process.send(await run(phase, process.env.BENCH_FILE, process.env.BENCH_PEM, process.env.BENCH_EXPORT));
        return;
    }
    const directory = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'ledger-bench-audit-'));
    try {
        const source = process.env.BENCH_LOG ?? (0, node_path_1.join)(directory, 'generated.db');
        const generated = (0, node_fs_1.existsSync)(source) ? await reused(source) : await generateLog(source);
        const pem = (0, node_crypto_1.generateKeyPairSync)('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
        const file = (0, node_path_1.join)(directory, 'ledger.db');
        const started = node_perf_hooks_1.performance.now();
        const seals = await sealedCopy(source, file, pem);
        const sealSeconds = (node_perf_hooks_1.performance.now() - started) / 1000;
        const layout = SEALS_AT_END ? 'all at the end of the log' : `one after every ${number(SEAL_EVERY)} events copied`;
        console.log(`${number(generated.events)} events in the log; copied and sealed in ${sealSeconds.toFixed(2)} s (${seals} seals of at most ${number(SEAL_EVERY)} events, ${layout})`);
        console.log(`load average before the measures: ${(0, node_os_1.loadavg)().map((load) => load.toFixed(2)).join(', ')}`);
        const exportFile = (0, node_path_1.join)(directory, 'export.ndjson');
        const figures = [];
        for (const measure of MEASURES)
            figures.push(await inChild(measure, file, pem, exportFile));
        const baseline = figures[0];
        const rate = (figure) => generated.events / figure.seconds;
        const sealCount = await countSeals(file);
        console.log(`\nwhole log, ${number(generated.events)} events + ${sealCount} seals, each measure in a fresh process`);
        // CPU seconds (user + system) say more than wall seconds on a shared machine; heap growth is the peak of heapUsed.
        const header = ['measure', 'seconds', 'CPU s', 'events/s', 'vs baseline', 'RSS growth MB', 'heap growth MB', ''];
        const lines = figures.map((f) => [
            f.measure, f.seconds.toFixed(2), f.cpuSeconds.toFixed(2), number(rate(f)), (rate(f) / rate(baseline)).toFixed(3), number(f.rssGrowthMb, 1), number(f.heapGrowthMb, 1), f.note,
        ]);
        const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
        const last = header.length - 1;
        for (const line of [header, widths.map((w) => '-'.repeat(w)), ...lines])
            console.log(line.map((cell, i) => (i > 0 && i < last ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd());
        console.log(`load average at the end: ${(0, node_os_1.loadavg)().map((load) => load.toFixed(2)).join(', ')}`);
    }
    finally {
        if (process.env.BENCH_LOG !== undefined)
            console.log(`kept ${process.env.BENCH_LOG}`);
        (0, node_fs_1.rmSync)(directory, { recursive: true, force: true });
    }
};
main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
});
//# sourceMappingURL=audit.js.map