import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../../src/application/ports/event-store.port';
import type { DocumentProjection } from '../../src/application/projections/projection';
import { ProjectionRunner } from '../../src/application/projections/projection-runner';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite-read-store';
import { openSqliteDatabase } from '../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { WalCheckpoints, type CheckpointReport } from '../../src/infrastructure/event-store/sqlite/wal-checkpoints';
import { requireSource, TS_CHILD_PRELUDE } from '../support/ts-child';

/** A process that appends through a store, waits half a second (checkpoints come meanwhile), then ends its script without closing the store. */
const LEFT_OPEN = `${TS_CHILD_PRELUDE}
const { openSqliteDatabase } = ${requireSource('src/infrastructure/event-store/sqlite/sqlite-database')};
const { SqliteEventStore } = ${requireSource('src/infrastructure/event-store/sqlite/sqlite-event-store')};
const metadata = { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt: '2024-05-01T10:00:00.000Z' };
const store = new SqliteEventStore(openSqliteDatabase(process.argv[1]), {
  checkpoints: { intervalMs: 20, onCheckpoint: () => process.stdout.write('checkpointed\\n') },
});
store.append('loan-1', [{ eventId: 'e-1', type: 'Wrote', data: {}, metadata }], 'no_stream').then(() => process.stdout.write('appended\\n'));
// Time for checkpoints; then nothing of the script is left.
setTimeout(() => process.stdout.write('done\\n'), 500);
`;

const newEvent = (): NewEvent => ({
  eventId: randomUUID(),
  type: 'ThingHappened',
  // Some 2 KB an event: the WAL grows by a page or more each commit.
  data: { text: 'x'.repeat(2000) },
  metadata: { actor: { role: 'system' }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: '2024-05-01T10:00:00.000Z' },
});

describe('SQLite: the WAL checkpointed off the event loop', () => {
  let directory: string;
  let file: string;
  const cleanups: Array<() => unknown> = [];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-wal-'));
    file = join(directory, 'ledger.db');
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    rmSync(directory, { recursive: true, force: true });
  });

  it('copies the WAL into the file from its thread and starts it over while appends keep coming, losing none', async () => {
    const db = openSqliteDatabase(file);
    const reports: CheckpointReport[] = [];
    const store = new SqliteEventStore(db, { checkpoints: { intervalMs: 50, onCheckpoint: (report) => reports.push(report) } });
    cleanups.push(() => db.open && db.close(), () => store.close());
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    // An append every turn of the event loop, not waiting for the answers: a commit every turn, as under steady traffic, so
    // the WAL never rests while the thread copies it.
    const answers: Array<Promise<unknown>> = [];
    const deadline = Date.now() + 20_000;
    while (reports.length < 10 && Date.now() < deadline) {
      answers.push(store.append(`loan-${answers.length}`, [newEvent()], 'no_stream'));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(answers);
    const appended = answers.length;

    // Ten reports before the deadline, and maybe one more while the last answers came.
    expect(reports.length).toBeGreaterThanOrEqual(10);
    // Each report is taken once the rest is copied: nothing of the WAL is left out of the file. (On a loaded machine the
    // connection's copy may come while the thread is at its next one: that copy is busy, and skipped.)
    const copied = reports.filter((report) => report.busy === 0);
    expect(copied.length).toBeGreaterThan(1);
    for (const report of copied) expect(report.checkpointed).toBe(report.log);
    // The thread copied the last pages while the appends waited, rather than the connection on the event loop.
    expect(copied.some((report) => report.by === 'thread')).toBe(true);
    // The WAL started over at least once (its pages counted from the start again) rather than growing with every append.
    expect(copied.some((report, i) => i > 0 && report.log < copied[i - 1].log)).toBe(true);

    await store.close();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
    const reopened = openSqliteDatabase(file);
    cleanups.push(() => reopened.close());
    expect(reopened.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(appended);
  });

  it('copies the rest on the connection when a write the hold does not stop kept the WAL from starting over', async () => {
    const db = openSqliteDatabase(file);
    db.exec('CREATE TABLE other_writes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO other_writes (text) VALUES (?)');
    const reports: CheckpointReport[] = [];
    const store = new SqliteEventStore(db, { checkpoints: { intervalMs: 50, onCheckpoint: (report) => reports.push(report) } });
    cleanups.push(() => db.open && db.close(), () => store.close());

    // Every turn an append and, beside it, a write straight on the connection (as a read model's fold): the hold
    // stops the first, not the second, so pages keep coming while the thread finishes.
    const answers: Array<Promise<unknown>> = [];
    let others = 0;
    const deadline = Date.now() + 20_000;
    // Counted as the assertions count them: a connection's copy that found the thread at its next checkpoint is busy and copied nothing.
    const copiedByConnection = () => reports.filter((report) => report.busy === 0 && report.by === 'connection').length;
    while (copiedByConnection() < 3 && Date.now() < deadline) {
      answers.push(store.append(`loan-${answers.length}`, [newEvent()], 'no_stream'));
      insert.run('y'.repeat(2000));
      others += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(answers);

    // The thread's finish did not start the WAL over; the connection's copy after the next round did.
    const copied = reports.filter((report) => report.busy === 0);
    expect(copiedByConnection()).toBeGreaterThanOrEqual(3);
    expect(copied.some((report, i) => i > 0 && report.log < copied[i - 1].log)).toBe(true);
    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(answers.length);
    expect(db.prepare('SELECT COUNT(*) FROM other_writes').pluck().get()).toBe(others);
  });

  it('takes the thread\'s reports while a rebuild folds the whole log, not only once it has ended', async () => {
    const db = openSqliteDatabase(file);
    const reports: CheckpointReport[] = [];
    let rebuilding = false;
    const store = new SqliteEventStore(db, {
      checkpoints: { intervalMs: 10, onCheckpoint: (report) => rebuilding && reports.push(report) },
    });
    cleanups.push(() => db.open && db.close(), () => store.close());
    for (let i = 0; i < 40; i++) await store.append(`loan-${i}`, Array.from({ length: 500 }, newEvent), 'no_stream');
    // One document per event, each as large as the event.
    const copies: DocumentProjection<{ text: string }> = {
      name: 'copies',
      version: 1,
      handles: new Set(['ThingHappened']),
      indexed: [],
      keyOf: (event) => event.eventId,
      evolve: (_doc, event) => ({ text: (event.data as { text: string }).text }),
    };
    const runner = new ProjectionRunner(store, new SqliteReadStore(db), [copies]);
    await runner.init();

    rebuilding = true;
    expect(await runner.rebuild()).toBe(20_000);
    rebuilding = false;

    // The rebuild let the thread's reports through as it went (between its reads), and the connection copied the rest each time.
    expect(reports.length).toBeGreaterThan(1);
    for (const report of reports.filter(({ busy }) => busy === 0)) expect(report.checkpointed).toBe(report.log);
    expect(db.prepare('SELECT COUNT(*) FROM rm_copies').pluck().get()).toBe(20_000);
  });

  it('checkpoints inside the commits again when the thread cannot run, and says so', async () => {
    const db = openSqliteDatabase(file);
    cleanups.push(() => db.close());
    const failure = new Promise<Error>((resolve) => {
      const checkpoints = new WalCheckpoints(db, join(directory, 'missing', 'ledger.db'), { onError: resolve });
      cleanups.push(() => checkpoints.stop());
    });

    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect((await failure).message).toMatch(/unable to open database file|directory does not exist/);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('does not hold the process open: a script that leaves its store open still ends', async () => {
    const child = spawn(process.execPath, ['-e', LEFT_OPEN, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A hang guard: a process still running after 15 s is killed, and fails the test.
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    clearTimeout(guard);

    expect(output).toContain('appended');
    expect(output).toContain('checkpointed');
    expect(output).toContain('done');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });

  it('starts no thread for a database in memory', async () => {
    const db = openSqliteDatabase(':memory:');
    const store = new SqliteEventStore(db, { ownsDatabase: true });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.close();
  });
});
