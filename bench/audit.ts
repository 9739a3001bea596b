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
import { fork } from 'node:child_process';
import { generateKeyPairSync, createPublicKey, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { AuditService } from '../src/application/audit/audit.service';
import { SEAL_STREAM } from '../src/application/audit/seal';
import { Sealer } from '../src/application/audit/sealer';
import { jwkOf, type SealKeys } from '../src/application/audit/seal-signature';
import { systemClock } from '../src/application/ports/clock.port';
import { openSqliteDatabase } from '../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { verifyExport } from '../src/infrastructure/cli/audit.cli';
import { sqliteAuditLog } from '../src/infrastructure/audit/sqlite-audit-log';
import { readRawLog } from './raw-read';
import { generate } from './rebuild';

const SEAL_EVERY = Number(process.env.BENCH_SEAL_EVERY ?? 10_000);
const SEALS_AT_END = process.env.BENCH_SEALS === 'end';
const READ_BATCH = 1000;

type Measure = 'baseline' | 'verify' | 'export' | 'export-gzip' | 'cli-verify';
const ALL: readonly Measure[] = ['baseline', 'verify', 'export', 'export-gzip', 'cli-verify'];
/** BENCH_MEASURES=verify,export: some measures only (the baseline always; cli-verify needs export). */
const MEASURES = ALL.filter((measure) => measure === 'baseline' || (process.env.BENCH_MEASURES?.split(',') ?? ALL).includes(measure));
type Figure = { measure: Measure; rows: number; seconds: number; cpuSeconds: number; rssGrowthMb: number; heapGrowthMb: number; note: string };

/** Peak RSS above the RSS at the start, sampled while `work` runs. */
const measured = async (work: () => Promise<{ rows: number; note: string }>): Promise<Omit<Figure, 'measure'>> => {
  global.gc?.();
  const start = process.memoryUsage();
  let [peak, heapPeak] = [start.rss, start.heapUsed];
  const sample = () => {
    const now = process.memoryUsage();
    [peak, heapPeak] = [Math.max(peak, now.rss), Math.max(heapPeak, now.heapUsed)];
  };
  const sampler = setInterval(sample, 20);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { rows, note } = await work();
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  clearInterval(sampler);
  sample();
  return { rows, seconds, cpuSeconds: (user + system) / 1e6, rssGrowthMb: (peak - start.rss) / 1_048_576, heapGrowthMb: (heapPeak - start.heapUsed) / 1_048_576, note };
};

const keysFrom = (pem: string): SealKeys => {
  const privateKey = require('node:crypto').createPrivateKey(pem);
  const jwk = jwkOf(createPublicKey(privateKey));
  return { signing: { kid: jwk.kid, privateKey }, published: async () => [jwk] };
};

/** One measure, in the child process. */
const run = async (measure: Measure, file: string, pem: string, exportFile: string): Promise<Figure> => {
  const db = openSqliteDatabase(file, { synchronous: 'NORMAL' });
  const store = new SqliteEventStore(db, { ownsDatabase: true });
  const audit = new AuditService(store, sqliteAuditLog(db), keysFrom(pem), systemClock);
  readRawLog(db, READ_BATCH); // the page cache warm for every measure alike
  const toFile = async (gzip: boolean) => {
    const lines = audit.exportStream({});
    const out = createWriteStream(gzip ? `${exportFile}.gz` : exportFile);
    await (gzip ? pipeline(lines, createGzip(), out) : pipeline(lines, out));
    return { rows: 0, note: `${(statSync(gzip ? `${exportFile}.gz` : exportFile).size / 1_048_576).toFixed(1)} MB file` };
  };
  const works: Record<Measure, () => Promise<{ rows: number; note: string }>> = {
    baseline: async () => ({ rows: readRawLog(db, READ_BATCH), note: 'SELECT + JSON.parse of data and metadata' }),
    verify: async () => {
      const report = await audit.verify({});
      if (!report.verified) throw new Error(`not verified: ${JSON.stringify(report)}`);
      return { rows: report.events, note: `${report.seals} seals, ${report.streams} streams` };
    },
    export: () => toFile(false),
    'export-gzip': () => toFile(true),
    'cli-verify': async () => {
      let out = '';
      const code = await verifyExport([exportFile], { out: (text) => (out += text), err: () => undefined });
      if (code !== 0) throw new Error(out);
      return { rows: (JSON.parse(out.trim().split('\n').at(-1)!) as { events: number }).events, note: 'verify <export.ndjson>, no database' };
    },
  };
  const figure = { measure, ...(await measured(works[measure])) };
  await store.close();
  return figure;
};

const inChild = (measure: Measure, file: string, pem: string, exportFile: string) =>
  new Promise<Figure>((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_PHASE: measure, BENCH_FILE: file, BENCH_PEM: pem, BENCH_EXPORT: exportFile } });
    child.once('message', (message) => resolve(message as Figure));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${measure} exited with ${code}`))));
  });

const generateLog = async (file: string) => {
  console.log(`node ${process.version}; generating the log…`);
  return generate(file);
};

/** A kept log (BENCH_LOG), its events other than seals counted. */
const reused = async (file: string) => {
  console.log(`node ${process.version}; reusing the log in ${file}`);
  const db = openSqliteDatabase(file, { synchronous: 'NORMAL' });
  const { events } = db.prepare<[string], { events: number }>('SELECT count(*) AS events FROM events WHERE stream_id <> ?').get(SEAL_STREAM)!;
  db.close();
  return { events };
};

/**
 * The log in `source` copied into `file` without its seals, sealed as it is
 * copied (every SEAL_EVERY events) or at the end; returns the seals written.
 */
const sealedCopy = async (source: string, file: string, pem: string): Promise<number> => {
  const db = openSqliteDatabase(file, { synchronous: 'NORMAL' });
  const store = new SqliteEventStore(db, { ownsDatabase: true });
  const sealer = new Sealer({ store, log: sqliteAuditLog(db), clock: systemClock, ids: { next: randomUUID }, keys: keysFrom(pem) }, SEAL_EVERY);
  db.prepare('ATTACH DATABASE ? AS source').run(source);
  const columns = 'event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash';
  const copy = db.prepare<[number, number, string]>(
    `INSERT INTO main.events (${columns}) SELECT ${columns} FROM source.events WHERE position > ? AND position <= ? AND stream_id <> ? ORDER BY position`,
  );
  const { last } = db.prepare<[], { last: number }>('SELECT max(position) AS last FROM source.events').get()!;
  let seals = 0;
  for (let after = 0; after < last; after += SEAL_EVERY) {
    copy.run(after, after + SEAL_EVERY, SEAL_STREAM);
    if (!SEALS_AT_END && (await sealer.sealNext()) !== null) seals += 1;
  }
  seals += await sealer.sealAll();
  db.prepare('INSERT INTO main.streams SELECT * FROM source.streams WHERE stream_id <> ?').run(SEAL_STREAM);
  db.exec('DETACH DATABASE source');
  await store.close();
  return seals;
};

const countSeals = async (file: string) => {
  const db = openSqliteDatabase(file, { synchronous: 'NORMAL' });
  const { seals } = db.prepare<[string], { seals: number }>('SELECT count(*) AS seals FROM events WHERE stream_id = ?').get(SEAL_STREAM)!;
  db.close();
  return seals;
};

const number = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const main = async () => {
  const phase = process.env.BENCH_PHASE as Measure | undefined;
  if (phase !== undefined) {
    process.send!(await run(phase, process.env.BENCH_FILE!, process.env.BENCH_PEM!, process.env.BENCH_EXPORT!));
    return;
  }
  const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-audit-'));
  try {
    const source = process.env.BENCH_LOG ?? join(directory, 'generated.db');
    const generated = existsSync(source) ? await reused(source) : await generateLog(source);
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const file = join(directory, 'ledger.db');
    const started = performance.now();
    const seals = await sealedCopy(source, file, pem);
    const sealSeconds = (performance.now() - started) / 1000;
    const layout = SEALS_AT_END ? 'all at the end of the log' : `one after every ${number(SEAL_EVERY)} events copied`;
    console.log(`${number(generated.events)} events in the log; copied and sealed in ${sealSeconds.toFixed(2)} s (${seals} seals of at most ${number(SEAL_EVERY)} events, ${layout})`);

    console.log(`load average before the measures: ${loadavg().map((load) => load.toFixed(2)).join(', ')}`);
    const exportFile = join(directory, 'export.ndjson');
    const figures: Figure[] = [];
    for (const measure of MEASURES) figures.push(await inChild(measure, file, pem, exportFile));
    const baseline = figures[0];
    const rate = (figure: Figure) => generated.events / figure.seconds;
    const sealCount = await countSeals(file);
    console.log(`\nwhole log, ${number(generated.events)} events + ${sealCount} seals, each measure in a fresh process`);
    // CPU seconds (user + system) say more than wall seconds on a shared machine; heap growth is the peak of heapUsed.
    const header = ['measure', 'seconds', 'CPU s', 'events/s', 'vs baseline', 'RSS growth MB', 'heap growth MB', ''];
    const lines = figures.map((f) => [
      f.measure, f.seconds.toFixed(2), f.cpuSeconds.toFixed(2), number(rate(f)), (rate(f) / rate(baseline)).toFixed(3), number(f.rssGrowthMb, 1), number(f.heapGrowthMb, 1), f.note,
    ]);
    const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
    const last = header.length - 1;
    for (const line of [header, widths.map((w) => '-'.repeat(w)), ...lines]) console.log(line.map((cell, i) => (i > 0 && i < last ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd());
    console.log(`load average at the end: ${loadavg().map((load) => load.toFixed(2)).join(', ')}`);
  } finally {
    if (process.env.BENCH_LOG !== undefined) console.log(`kept ${process.env.BENCH_LOG}`);
    rmSync(directory, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
