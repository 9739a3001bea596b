import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { POSTINGS_PROJECTION, postingsProjection } from '../../../src/application/ledger/postings.projection';
import { catalogProjection } from '../../../src/application/holdings/catalog.projection';
import type { Clock } from '../../../src/application/ports/clock.port';
import type { NewEvent } from '../../../src/application/ports/event-store.port';
import type { DocumentProjection, Projection, RowProjection } from '../../../src/application/projections/projection';
import { BULK_READ, BULK_ROWS } from '../../../src/application/projections/bulk-fold';
import { ProjectionRunner, ProjectionStuck, type BulkFoldProgress, type RunnerOptions } from '../../../src/application/projections/projection-runner';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../../src/infrastructure/read-store/sqlite-read-store';

const AT = new Date('2030-01-02T03:04:05.000Z');
const clock: Clock = { now: () => AT };

type Tally = { stream: string; events: number };

/** Counts events per stream; cannot fold an event whose data says `poison`. */
const tallies: DocumentProjection<Tally> = {
  name: 'tallies',
  version: 1,
  handles: new Set(['Noted']),
  indexed: [],
  keyOf: (event) => event.streamId,
  evolve: (doc, event) => {
    if ((event.data as { poison?: boolean }).poison) throw new Error('tallies cannot fold a poisoned note');
    return { stream: event.streamId, events: (doc?.events ?? 0) + 1 };
  },
};

/** One row per event; folds anything. */
const notes: RowProjection<{ position: number; text: string }> = {
  kind: 'rows',
  name: 'notes',
  version: 1,
  handles: new Set(['Noted']),
  columns: { position: 'INTEGER', text: 'TEXT' },
  indexes: [],
  rowsOf: (event) => [{ position: Number(event.position), text: String((event.data as { text?: string }).text) }],
};

const note = (text: string, poison = false) => ({
  eventId: randomUUID(),
  type: 'Noted',
  data: { text, poison },
  metadata: { actor: { role: 'system' as const }, correlationId: 'c', causationId: 'c', recordedAt: AT.toISOString() },
});

describe('the projection runner, one read model at a time', () => {
  let dir: string;
  let db: Database;
  let store: SqliteEventStore;
  let reads: SqliteReadStore;
  const runners: ProjectionRunner[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-runner-'));
    db = openSqliteDatabase(join(dir, 'ledger.db'));
    store = new SqliteEventStore(db);
    reads = new SqliteReadStore(db);
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await store.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runner = async (options: RunnerOptions = {}, projections: readonly Projection[] = [tallies, notes]) => {
    const started = new ProjectionRunner(store, reads, projections, { clock, pollMs: 20, ...options });
    runners.push(started);
    await started.init();
    return started;
  };
  const append = async (stream: string, ...events: NewEvent[]) => (await store.append(stream, events, 'any')).position;
  const tally = (stream: string) => reads.get<Tally>('tallies', stream);
  const noteCount = () => (db.prepare('SELECT count(*) AS n FROM rm_notes').get() as { n: number }).n;
  const stateOf = (r: ProjectionRunner, name: string) => r.status().projections.find((p) => p.name === name)!;
  /** Waits, a bounded number of times, for the runner to notice what an operator did to the set-aside table. */
  const released = async (r: ProjectionRunner, name: string) => {
    for (let i = 0; i < 250 && stateOf(r, name).state === 'stuck'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  describe('on an instance that does not fold (another instance leads)', () => {
    it('waits for a position another runner folds into the shared read models, and reports where they are', async () => {
      const leader = await runner();
      await leader.start();
      const follower = new ProjectionRunner(store, reads, [tallies, notes], { clock });
      runners.push(follower);
      await follower.watch(10);
      expect(follower.status()).toMatchObject({ running: true, leading: false });

      const written = await append('a', note('one'), note('two'));
      await follower.waitFor(written, 10_000);
      expect(stateOf(follower, 'notes').position).toBe(written);
      expect(noteCount()).toBe(2); // folded once, by the leader
    });

    it('says at once that a read model is stuck when the leader set an event aside, and stops watching on stop', async () => {
      const leader = await runner();
      await leader.start();
      const follower = new ProjectionRunner(store, reads, [tallies, notes], { clock });
      runners.push(follower);
      await follower.watch(10);
      const poisonAt = await append('a', note('bad', true));
      await expect(follower.waitFor(poisonAt, 10_000, ['tallies'])).rejects.toBeInstanceOf(ProjectionStuck);
      await follower.stop();
      expect(follower.status().running).toBe(false);
    });

    it('folds from the shared checkpoints once it leads, and never twice what the other folded', async () => {
      const first = await runner();
      await first.start();
      const follower = new ProjectionRunner(store, reads, [tallies, notes], { clock });
      runners.push(follower);
      await follower.watch(10);
      await first.waitFor(await append('a', note('one')));
      await first.stop();
      const later = await append('a', note('two'));
      // Elected: stop watching, load the checkpoints, fold on from them.
      await follower.stopWatching();
      await follower.init();
      await follower.start();
      await follower.waitFor(later);
      expect(noteCount()).toBe(2);
      expect(await tally('a')).toEqual({ stream: 'a', events: 2 });
      expect(follower.status().leading).toBe(true);
    });
  });

  it('stops only the read model that cannot fold an event, sets the event aside, and lets the others follow the log', async () => {
    await append('a', note('one'));
    const poisonAt = await append('a', note('bad', true));
    const last = await append('b', note('two'), note('three'));
    const r = await runner();
    await r.catchUp();

    expect(stateOf(r, 'notes')).toMatchObject({ state: 'running', position: last });
    expect(noteCount()).toBe(4);
    expect(stateOf(r, 'tallies')).toMatchObject({ state: 'stuck', position: String(BigInt(poisonAt) - 1n) });
    expect(await tally('a')).toEqual({ stream: 'a', events: 1 });
    expect(await tally('b')).toBeNull();
    const [setAside] = await reads.setAside();
    expect(setAside).toMatchObject({
      projection: 'tallies', position: poisonAt, type: 'Noted', error: 'tallies cannot fold a poisoned note', setAsideAt: AT.toISOString(), resolution: 'stuck',
    });
    expect(r.status().projections.find((p) => p.name === 'tallies')!.stuckAt).toEqual(setAside);
  });

  it('under steady traffic folds what arrives within a fold interval in one batch, and the first event after a pause at once', async () => {
    // An interval long enough for three appends (each synced to disk) on a loaded machine: a hang guard, not a measure.
    const r = await runner({ foldIntervalMs: 5000 });
    await r.start();
    const batches: string[][] = [];
    const commit = reads.commit.bind(reads);
    jest.spyOn(reads, 'commit').mockImplementation((changes) => {
      batches.push(changes.map((change) => `${change.projection.name}@${change.checkpoint}`));
      return commit(changes);
    });

    // After a pause (here: since the start) the first event is folded at once, long before the interval is up.
    const first = await append('a', note('one'));
    const waited = await Promise.race([r.waitFor(first).then(() => 'folded'), new Promise((resolve) => setTimeout(() => resolve('interval'), 4500))]);
    expect(waited).toBe('folded');

    // Three more, each in a turn of its own, within the interval: one batch for the three.
    const positions: string[] = [];
    for (const text of ['two', 'three', 'four']) {
      positions.push(await append('a', note(text)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Watched without a waiter: a reader waiting for a position would end the interval early (next spec).
    for (let i = 0; i < 500 && noteCount() < 4; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches).toEqual([
      [`tallies@${first}`, `notes@${first}`],
      [`tallies@${positions[2]}`, `notes@${positions[2]}`],
    ]);
    expect(noteCount()).toBe(4);
    expect(await tally('a')).toEqual({ stream: 'a', events: 4 });
  });

  it('ends the fold interval for a reader waiting for a position: read-your-writes does not wait it out', async () => {
    const r = await runner({ foldIntervalMs: 60_000 });
    await r.start();
    await r.waitFor(await append('a', note('one')), 5000);

    // Within the minute after a fold: without the waiter this event would wait for the next, and waitFor time out.
    const second = await append('a', note('two'));
    await r.waitFor(second, 5000);
    expect(noteCount()).toBe(2);
    // A waiter that comes before its event: the event is folded as it arrives.
    const waited = r.waitFor(String(BigInt(second) + 1n), 5000);
    await append('b', note('three'));
    await waited;
    expect(await tally('b')).toEqual({ stream: 'b', events: 1 });
  });

  it('keeps following live events for the others while one is stuck, and waitFor names only what a reader needs', async () => {
    const r = await runner();
    await r.start();
    const poisonAt = await append('a', note('bad', true));
    const later = await append('b', note('fine'));
    await r.waitFor(later, 5000, ['notes']);
    expect(noteCount()).toBe(2);
    await expect(r.waitFor(later, 5000, ['tallies'])).rejects.toBeInstanceOf(ProjectionStuck);
    await expect(r.waitFor(later)).rejects.toThrow(`the read model tallies is stuck at position ${poisonAt}`);
    expect(stateOf(r, 'tallies').state).toBe('stuck');
  });

  it('stays stuck across a restart: the failure state is persisted', async () => {
    await append('a', note('bad', true));
    await (await runner()).catchUp();
    const again = await runner();
    await again.catchUp();
    expect(stateOf(again, 'tallies').state).toBe('stuck');
    expect(await reads.setAside()).toHaveLength(1);
  });

  it('skips what it cannot fold when the setting names it, records what it skipped, and skips it again on a rebuild', async () => {
    await append('a', note('one'));
    const poisonAt = await append('a', note('bad', true));
    const last = await append('a', note('three'));
    const r = await runner({ skipBadEvents: ['tallies'] });
    await r.catchUp();
    expect(stateOf(r, 'tallies')).toMatchObject({ state: 'running', position: last });
    expect(await tally('a')).toEqual({ stream: 'a', events: 2 });
    expect(await reads.setAside()).toEqual([expect.objectContaining({ projection: 'tallies', position: poisonAt, resolution: 'skipped' })]);

    // An operator's skip holds for every later fold, whatever the setting then says.
    const rebuilt = await runner();
    await rebuilt.rebuild();
    expect(stateOf(rebuilt, 'tallies')).toMatchObject({ state: 'running', position: last });
    expect(await tally('a')).toEqual({ stream: 'a', events: 2 });
  });

  it('rebuilds a read model beside the live one while it follows the log, skipping what an operator skipped, and switches it in', async () => {
    const r = await runner({ skipBadEvents: ['tallies'] });
    await r.start();
    for (let i = 0; i < 30; i++) await append(`s${i % 7}`, note(`n${i}`));
    await append('s1', note('bad', true));
    const before = await append('s2', note('last'));
    await r.waitFor(before, 5000);
    const live = await Promise.all([...Array(7).keys()].map((i) => tally(`s${i}`)));

    expect(await r.requestRebuild('nothing')).toBeNull();
    const requested = await r.requestRebuild('tallies');
    expect(stateOf(r, 'tallies')).toMatchObject({ state: 'rebuilding', rebuild: { requestedAt: AT.toISOString() } });
    // Appends go on while it is rebuilt; the poller takes the request.
    const appended: string[] = [];
    for (let i = 0; i < 10; i++) appended.push(await append(`s${i % 3}`, note(`more${i}`)));
    for (let i = 0; i < 500 && stateOf(r, 'tallies').rebuild !== undefined; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(requested).toEqual({ projection: 'tallies', requestedAt: AT.toISOString() });
    expect(stateOf(r, 'tallies')).toMatchObject({ state: 'running' });
    expect(await reads.rebuildRequests()).toEqual([]);
    await r.waitFor(appended.at(-1)!, 5000);
    const rebuilt = await Promise.all([...Array(7).keys()].map((i) => tally(`s${i}`)));
    expect(rebuilt.map((t, i) => t!.events - (live[i]?.events ?? 0))).toEqual([4, 3, 3, 0, 0, 0, 0]);
    expect(await reads.checkpoint('tallies__next')).toEqual({ position: null, version: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm_tallies__next%'").get()).toEqual({ n: 0 });
  });

  it('gives up a rebuild beside the live read model that stops where the live one went on, leaving the live one as it was', async () => {
    let strict = false;
    const changing: DocumentProjection<Tally> = { ...tallies, evolve: (doc, event) => (strict ? tallies.evolve(doc, event, event.streamId) : { stream: event.streamId, events: (doc?.events ?? 0) + 1 }) };
    const r = await runner({}, [changing, notes]);
    await r.start();
    await append('a', note('one'));
    await append('a', note('bad', true));
    const last = await append('a', note('three'));
    await r.waitFor(last, 5000);
    strict = true;
    await r.requestRebuild('tallies');
    for (let i = 0; i < 500 && stateOf(r, 'tallies').rebuild !== undefined; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stateOf(r, 'tallies')).toMatchObject({ state: 'running', position: last });
    expect(r.status().error).toMatch(/the new tallies read model stopped at position/);
    expect(await tally('a')).toEqual({ stream: 'a', events: 3 });
    expect(await reads.rebuildRequests()).toEqual([]);
    expect(await reads.setAside()).toEqual([]);
    // What it had folded is gone (the empty tables wait for the next rebuild).
    expect(db.prepare('SELECT count(*) AS n FROM rm_tallies__next').get()).toEqual({ n: 0 });
    expect(await reads.checkpoint('tallies__next')).toEqual({ position: null, version: 0 });
  });

  it('skips with the global setting *', async () => {
    await append('a', note('bad', true));
    const r = await runner({ skipBadEvents: '*' });
    await r.catchUp();
    expect(stateOf(r, 'tallies').state).toBe('running');
  });

  it('folds the event again once an operator retries it after a fix, while running', async () => {
    let fixed = false;
    const fixable: DocumentProjection<Tally> = { ...tallies, evolve: (doc, event) => (fixed ? { stream: event.streamId, events: (doc?.events ?? 0) + 1 } : tallies.evolve(doc, event, event.streamId)) };
    const r = await runner({}, [fixable, notes]);
    await r.start();
    await append('a', note('bad', true));
    const last = await append('a', note('after'));
    await r.waitFor(last, 5000, ['notes']);
    expect(stateOf(r, 'tallies').state).toBe('stuck');

    fixed = true;
    // What the CLI does, from its own connection: the running runner notices by polling.
    expect(await reads.retrySetAside('tallies')).toBe(true);
    await released(r, 'tallies');
    await r.waitFor(last, 5000, ['tallies']);
    expect(await tally('a')).toEqual({ stream: 'a', events: 2 });
    expect(stateOf(r, 'tallies').state).toBe('running');
    expect(await reads.setAside()).toEqual([]);
    expect(noteCount()).toBe(2);
  });

  it('goes on past the event once an operator skips it, while running, and folds new events', async () => {
    const r = await runner();
    await r.start();
    await append('a', note('one'));
    const poisonAt = await append('a', note('bad', true));
    await append('a', note('three'));
    expect(await reads.skipSetAside('tallies', '999')).toBe(false);
    await expect(r.waitFor(poisonAt, 5000, ['tallies'])).rejects.toBeInstanceOf(ProjectionStuck);
    expect(await reads.skipSetAside('tallies', poisonAt)).toBe(true);
    await released(r, 'tallies');
    const last = await append('a', note('four'));
    await r.waitFor(last, 5000, ['tallies']);
    expect(await tally('a')).toEqual({ stream: 'a', events: 3 });
    expect(noteCount()).toBe(4);
  });

  it('leaves no document half-changed by an event that touches several and fails on one', async () => {
    const split: DocumentProjection<Tally> = {
      ...tallies,
      keyOf: (event) => event.streamId,
      keysOf: (event) => [event.streamId, 'second'],
      evolve: (doc, event, key) => {
        if (key === 'second' && (event.data as { poison?: boolean }).poison) throw new Error('no second');
        return { stream: key, events: (doc?.events ?? 0) + 1 };
      },
    };
    await append('a', note('one'));
    await append('a', note('bad', true));
    const r = await runner({}, [split, notes]);
    await r.catchUp();
    expect(await tally('a')).toEqual({ stream: 'a', events: 1 });
    expect(await tally('second')).toEqual({ stream: 'second', events: 1 });
  });

  it('rebuilds at start a read model kept by an older version whose table lacks a column the new one declares', async () => {
    await append('loan-l1', {
      ...note('loan'),
      type: 'LoanShipped',
      data: { loanId: 'l1', lender: 'DE-1', borrower: 'ID-1', agreementId: 'ag', shippedAt: AT.toISOString(), dueOn: '2030-02-01' },
    });
    // The postings table of version 1, before postings had an entry number and a unique key.
    db.exec(`CREATE TABLE rm_postings (seq INTEGER PRIMARY KEY AUTOINCREMENT, position INTEGER, recorded_at TEXT, event_id TEXT,
      agreement_id TEXT, unit TEXT, provider TEXT, receiver TEXT, amount INTEGER)`);
    db.exec("INSERT INTO projection_checkpoints (name, position, version) VALUES ('postings', '1', 1)");
    const r = await runner({}, [postingsProjection]);
    await r.catchUp();
    expect(db.prepare('SELECT entry, unit, amount FROM rm_postings').all()).toEqual([{ entry: 0, unit: 'loan', amount: 10_000 }]);
  });

  it('rebuilds at start the catalogue of version 2 (documents keyed by their id alone) with the word index of its titles', async () => {
    await append('holdings-DE-1', {
      ...note('holdings'),
      type: 'HoldingsRegistered',
      data: { isil: 'DE-1', items: [{ isbn13: '9780140449136', title: 'Babad Tanah Jawi' }, { isbn13: '9780140449143', title: 'Serat Centhini' }], registeredAt: AT.toISOString() },
    });
    // The catalogue as version 2 kept it, folded to the event.
    db.exec('CREATE TABLE rm_catalog (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, doc TEXT NOT NULL, ix_title TEXT, ix_lastAcquiredAt TEXT)');
    db.exec(`INSERT INTO rm_catalog VALUES ('9780140449136', 1, '{"isbn":"9780140449136","title":"Babad Tanah Jawi"}', 'Babad Tanah Jawi', NULL)`);
    db.exec("INSERT INTO projection_checkpoints (name, position, version) VALUES ('catalog', '1', 2)");
    const r = await runner({}, [catalogProjection]);
    await r.catchUp();
    expect(db.prepare("SELECT name FROM pragma_table_info('rm_catalog') WHERE pk = 1").pluck().all()).toEqual(['rid']);
    const found = await reads.list<{ isbn: string }>('catalog', { where: {}, words: { field: 'title', words: ['centhini'] }, limit: 5 });
    expect(found.items.map((doc) => doc.isbn)).toEqual(['9780140449143']);
    expect(db.prepare("SELECT rowid FROM rm_catalog_words WHERE rm_catalog_words MATCH 'jawi'").pluck().all()).toHaveLength(1);
  });

  it('folds a read model whose version changed by the bulk path at start, equal to the incremental fold of the old version, indexes built', async () => {
    const partners = ['DE-1', 'ID-1', 'FR-1', 'NL-1'];
    const shipped = (i: number) => ({
      ...note(`loan ${i}`),
      type: 'LoanShipped',
      data: {
        loanId: `l${i}`, lender: partners[i % 4], borrower: partners[(i + 1 + (i % 3)) % 4], agreementId: 'ag',
        shippedAt: AT.toISOString(), dueOn: '2030-02-01', ...(i % 2 === 0 ? { fee: { amount: `${i}.25`, currency: 'EUR' } } : {}),
      },
    });
    await append('a', note('first'));
    const tables = ['rm_tallies', 'rm_notes', `rm_${POSTINGS_PROJECTION}`, `rm_${POSTINGS_PROJECTION}_totals`];
    const snapshot = () => ({
      rows: tables.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all()),
      indexes: tables.map((table) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name").all(table)),
    });
    // Version 1, folded incrementally: after the first event, the rest in batches of 7.
    const old = await runner({ batchSize: 7 }, [tallies, notes, postingsProjection]);
    await old.catchUp();
    for (let i = 0; i < 150; i++) await append(i % 3 === 0 ? `loan-l${i}` : `s${i % 11}`, i % 3 === 0 ? shipped(i) : note(`n${i}`));
    await old.catchUp();
    const incremental = snapshot();
    expect(incremental.rows[2]).toHaveLength(75);
    await old.stop();

    const reading = jest.spyOn(store, 'readAll');
    const bumped = [tallies, notes, postingsProjection].map((projection) => ({ ...projection, version: projection.version + 1 }));
    const started = await runner({ batchSize: 7 }, bumped);
    expect(started.status().projections.map((p) => p.state)).toEqual(['rebuilding', 'rebuilding', 'rebuilding']);
    // Reset for the bulk load: no index until the log is folded.
    expect(snapshot().indexes.flat().filter((index) => (index as { sql: string | null }).sql !== null)).toEqual([]);
    await started.catchUp();
    // The bulk path read the log from its start in reads of BULK_READ, not in the runner's batches.
    expect(reading.mock.calls[0]).toEqual([{ after: null, limit: BULK_READ }]);
    expect(snapshot()).toEqual(incremental);
    expect(started.status().projections.map((p) => [p.state, p.version, p.position])).toEqual([
      ['running', 2, '151'], ['running', 2, '151'], ['running', postingsProjection.version + 1, '151'],
    ]);
  });

  it('tells where a bulk fold stands: which read models start from nothing and why, each read, the indexes, the end', async () => {
    // A new ledger's empty log has nothing to fold and nothing to tell.
    const quiet = jest.fn();
    const empty = await runner({ onBulkFold: quiet, bulkProgressMs: 0 }, [tallies]);
    await empty.catchUp();
    await empty.rebuild();
    expect(quiet).not.toHaveBeenCalled();
    await empty.stop();

    for (let i = 0; i < 5; i++) await append(`s${i % 2}`, note(`n${i}`));
    const old = await runner({}, [tallies]);
    await old.catchUp();
    await old.stop();
    await append('s9', note('after'));

    const told: BulkFoldProgress[] = [];
    const started = await runner({ onBulkFold: (progress) => told.push(progress), bulkProgressMs: 0 }, [{ ...tallies, version: 2 }, notes]);
    await started.catchUp();
    const readModels = { tallies: 'version 1 → 2', notes: 'no checkpoint' };
    expect(told.map(({ stage, readModels, events, position, head }) => ({ stage, readModels, events, position, head }))).toEqual([
      { stage: 'started', readModels, events: 0, position: null, head: '6' },
      { stage: 'folding', readModels, events: 6, position: '6', head: '6' },
      { stage: 'indexing', readModels, events: 6, position: '6', head: '6' },
      { stage: 'done', readModels, events: 6, position: '6', head: '6' },
    ]);
    expect(told.every(({ seconds }, i) => seconds >= (told[i - 1]?.seconds ?? 0))).toBe(true);

    // Following the log is not a bulk fold: nothing more is told.
    await append('s9', note('later'));
    await started.catchUp();
    expect(told).toHaveLength(4);
    await started.rebuild();
    expect(told.slice(4).map(({ stage, readModels, events }) => ({ stage, readModels, events }))).toEqual(
      ['started', 'folding', 'indexing', 'done'].map((stage) => ({ stage, readModels: { tallies: 'rebuild', notes: 'rebuild' }, events: stage === 'started' ? 0 : 7 })),
    );
  });

  it('calls `collect` after each read of the bulk path, and not for the batches that follow the log', async () => {
    for (let i = 0; i < 5; i++) await append(`s${i}`, note(`n${i}`));
    const collect = jest.fn();
    const r = await runner({ collect });
    await r.rebuild();
    expect(collect).toHaveBeenCalledTimes(1);
    await append('s9', note('later'));
    await r.catchUp();
    expect(collect).toHaveBeenCalledTimes(1);
    expect(noteCount()).toBe(6);
  });

  describe('with events of many rows each (a holdings registration holds up to 10,000 titles)', () => {
    const perEvent = BULK_ROWS / 2 + 1;
    /** Rows enough that two events' pass BULK_ROWS. */
    const bulky: RowProjection<{ position: number; item: number }> = {
      kind: 'rows',
      name: 'bulky',
      version: 1,
      handles: new Set(['Noted']),
      indexes: [],
      columns: { position: 'INTEGER', item: 'INTEGER' },
      rowsOf: (event) => Array.from({ length: perEvent }, (_, item) => ({ position: Number(event.position), item })),
    };
    /** The rows and the tallies' documents of each write. */
    const writes = (commit: jest.SpyInstance<Promise<void>, Parameters<SqliteReadStore['commit']>>) =>
      commit.mock.calls.map(([changes]) => changes.map((change) => ('rows' in change ? change.rows.length : (change.upserts?.length ?? 0))));
    const everyRowOnce = (events: number) => {
      expect(db.prepare('SELECT count(*) AS n, count(DISTINCT position || \'/\' || item) AS once FROM rm_bulky').get()).toEqual({ n: events * perEvent, once: events * perEvent });
    };

    it('writes a bulk fold in parts of about BULK_ROWS rows, every row once', async () => {
      for (let i = 0; i < 5; i++) await append(`s${i}`, note(`n${i}`));
      const r = await runner({}, [tallies, bulky]);
      const commit = jest.spyOn(reads, 'commit');
      expect(await r.rebuild()).toBe(5);
      // Two events, then two, then the last: never more than one event's rows past the bound.
      expect(writes(commit).map((write) => write.reduce((n, rows) => n + rows, 0) - (write.length > 1 ? write[0] : 0))).toEqual([2 * perEvent, 2 * perEvent, perEvent]);
      everyRowOnce(5);
      expect(await tally('s4')).toEqual({ stream: 's4', events: 1 });
    });

    it('cuts a batch that follows the log where the rows reach BULK_ROWS, every projection at the same event', async () => {
      await append('first', note('n'));
      const r = await runner({}, [tallies, bulky]);
      await r.catchUp();
      for (let i = 0; i < 5; i++) await append(`s${i % 2}`, note(`n${i}`));
      const commit = jest.spyOn(reads, 'commit');
      expect(await r.catchUp()).toBe(5);
      // [tallies' documents, bulky's rows] per write, each written as far as the other: two events, two, then the last.
      expect(writes(commit)).toEqual([[2, 2 * perEvent], [2, 2 * perEvent], [1, perEvent]]);
      expect(commit.mock.calls.map(([changes]) => changes.map((change) => change.checkpoint))).toEqual([['3', '3'], ['5', '5'], ['6', '6']]);
      everyRowOnce(6);
      expect([await tally('s0'), await tally('s1')]).toEqual([{ stream: 's0', events: 3 }, { stream: 's1', events: 2 }]);
    });

    it('cuts the events it is following when they arrive together', async () => {
      const r = await runner({}, [tallies, bulky]);
      await r.start();
      const commit = jest.spyOn(reads, 'commit');
      const written = await append('s', ...Array.from({ length: 5 }, (_, i) => note(`n${i}`)));
      await r.waitFor(written, 10_000);
      expect(writes(commit)).toEqual([[1, 2 * perEvent], [1, 2 * perEvent], [1, perEvent]]);
      everyRowOnce(5);
      expect(await tally('s')).toEqual({ stream: 's', events: 5 });
    });
  });

  it('never counts a posting twice when two runners fold the same events into one file', async () => {
    const shipped = (i: number) => ({
      ...note(`loan ${i}`),
      type: 'LoanShipped',
      data: { loanId: `l${i}`, lender: 'DE-1', borrower: 'ID-1', agreementId: 'ag', shippedAt: AT.toISOString(), dueOn: '2030-02-01', fee: { amount: '1.50', currency: 'EUR' } },
    });
    for (let i = 0; i < 5; i++) await append(`loan-l${i}`, shipped(i));
    // Both read their checkpoint before either folds: the second folds what the first already wrote.
    const first = await runner({}, [postingsProjection]);
    const second = await runner({}, [postingsProjection]);
    await first.catchUp();
    await second.catchUp();
    const rows = db.prepare(`SELECT unit, count(*) AS n, sum(amount) AS total FROM rm_${POSTINGS_PROJECTION} GROUP BY unit ORDER BY unit`).all();
    expect(rows).toEqual([
      { unit: 'loan', n: 5, total: 50_000 },
      { unit: 'money:EUR', n: 5, total: 75_000 },
    ]);
  });

  it('sets aside an event whose write the store refuses while it takes the rest (a running sum past 64 bits), and lets the other read models go on', async () => {
    // A fee at the largest amount the ledger takes: the provider's running sum passes 2^63 − 1 ten-thousandths at the 923rd.
    const shipped = (i: number) => ({
      ...note(`loan ${i}`),
      type: 'LoanShipped',
      data: { loanId: `l${i}`, lender: 'DE-1', borrower: 'ID-1', agreementId: 'ag', shippedAt: AT.toISOString(), dueOn: '2030-02-01', fee: { amount: '999999999999.9999', currency: 'EUR' } },
    });
    const r = await runner({}, [postingsProjection, notes]);
    await r.start();
    const positions: string[] = [];
    for (let i = 0; i < 925; i++) positions.push(await append(`loan-l${i}`, shipped(i)));
    const later = await append('n', note('after'));
    await r.waitFor(later, 30_000, ['notes']);
    expect(noteCount()).toBe(1);
    await expect(r.waitFor(later, 5_000, [POSTINGS_PROJECTION])).rejects.toBeInstanceOf(ProjectionStuck);
    const stuck = stateOf(r, POSTINGS_PROJECTION);
    expect(stuck).toMatchObject({ state: 'stuck', position: positions[921], stuckAt: { position: positions[922], type: 'LoanShipped', resolution: 'stuck' } });
    // Every posting before it is kept, each once.
    const money = db.prepare(`SELECT count(*) AS n FROM rm_${POSTINGS_PROJECTION} WHERE unit = 'money:EUR'`).get();
    expect(money).toEqual({ n: 922 });
  });

  it('tries a batch again when the store is out of space, rather than setting its event aside: the read model goes on once space returns', async () => {
    // A full disk refuses the rows of an event but may still take the few bytes of a checkpoint alone, as an event the
    // store cannot hold does; set aside, a good event stopped its read model (or, skipped, was lost in every rebuild).
    const { SqliteError } = jest.requireActual<typeof import('better-sqlite3')>('better-sqlite3');
    let full = true;
    const commit = reads.commit.bind(reads);
    jest.spyOn(reads, 'commit').mockImplementation((changes) => {
      const rows = changes.some((change) => 'rows' in change && change.rows.length > 0);
      return full && rows ? Promise.reject(new SqliteError('database or disk is full', 'SQLITE_FULL')) : commit(changes);
    });
    const r = await runner({}, [notes]);
    await r.start();
    const written = await append('n', note('while the disk is full'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stateOf(r, 'notes').state).not.toBe('stuck');
    expect(db.prepare('SELECT count(*) AS n FROM projection_set_aside').get()).toEqual({ n: 0 });

    full = false;
    await r.waitFor(written, 10_000, ['notes']);
    expect(noteCount()).toBe(1);
    expect(stateOf(r, 'notes').state).toBe('running');
  });
});
