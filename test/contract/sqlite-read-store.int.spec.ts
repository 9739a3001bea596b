import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openSqliteDatabase } from '../../src/infrastructure/event-store/sqlite/sqlite-database';
import type { DocumentProjection, Projection, RowProjection } from '../../src/application/projections/projection';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite-read-store';
import { loansProjection as loansModel } from '../../src/application/loans/loans.projection';
import { catalogProjection as catalogModel } from '../../src/application/holdings/catalog.projection';
import { moves, readStoreContract, type Move } from './read-store.contract';

// The store takes any read model, as the runner does, whatever its document type.
const loansProjection = loansModel as Projection as DocumentProjection;
const catalogProjection = catalogModel as Projection as DocumentProjection;

readStoreContract('SQLite', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-reads-'));
  const file = join(directory, 'ledger.db');
  const databases: Database[] = [openSqliteDatabase(file)];
  return {
    store: new SqliteReadStore(databases[0]),
    reopen: async () => new SqliteReadStore(databases[databases.push(openSqliteDatabase(file)) - 1]),
    rows: async (projection) => databases[0].prepare(`SELECT * FROM rm_${projection} ORDER BY seq`).all() as Record<string, unknown>[],
    collecting: async (collect) => new SqliteReadStore(databases[0], { collect }),
    totals: async (projection) => databases[0].prepare(`SELECT * FROM rm_${projection}_totals`).all() as Record<string, unknown>[],
    marks: async (projection) =>
      databases[0].prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(`rm_${projection}_marks`) === undefined
        ? null
        : (databases[0].prepare(`SELECT * FROM rm_${projection}_marks ORDER BY mark, party`).all() as Record<string, unknown>[]),
    indexes: async (projection) =>
      (databases[0].prepare('SELECT name FROM pragma_index_list(?) WHERE origin != \'pk\'').pluck().all(`rm_${projection}`) as string[])
        .map((index) => databases[0].prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(index) as string[])
        .sort((a, b) => a.join().localeCompare(b.join())),
    dispose: async () => {
      for (const db of databases) db.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

describe('the SQLite read store beside the events', () => {
  const notes = {
    name: 'notes',
    version: 1,
    handles: new Set<string>(),
    indexed: [],
    keyOf: () => '',
    evolve: (doc: object | null) => doc,
  } as unknown as DocumentProjection;

  /** Runs `test` on a fresh SQLite file, removed after. */
  const inFile = async (test: (db: Database) => Promise<void>) => {
    const directory = mkdtempSync(join(tmpdir(), 'ledger-reads-'));
    const db = openSqliteDatabase(join(directory, 'ledger.db'));
    try {
      await test(db);
    } finally {
      db.close();
      rmSync(directory, { recursive: true, force: true });
    }
  };

  it('commits read models without a sync of their own, and leaves the connection syncing as it was', () =>
    inFile(async (db) => {
      const store = new SqliteReadStore(db);
      await store.prepare(notes);
      // The level each write of a read model's document ran at, as the commit's own statement saw it.
      db.exec(`CREATE TABLE levels (level INTEGER);
        CREATE TRIGGER level_seen AFTER INSERT ON rm_notes BEGIN INSERT INTO levels SELECT synchronous FROM pragma_synchronous; END`);

      await store.commit([{ projection: notes, upserts: [{ id: 'n1', doc: { text: 'kept' }, position: '1' }], deletes: [], checkpoint: '1' }]);

      expect(db.prepare('SELECT level FROM levels').pluck().all()).toEqual([1]);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect((await store.load('notes', ['n1'])).get('n1')).toEqual({ text: 'kept' });
      expect((await store.checkpoint('notes')).position).toBe('1');
    }));

  it("lists a borrower's loans on loan as one range of the index of both fields, not by reading past every loan it checked in", () =>
    inFile(async (db) => {
      const store = new SqliteReadStore(db);
      await store.prepare(loansProjection);
      // DE-1 borrows half of the loans and has its oldest few on loan; the others a fifth of theirs.
      const loans = Array.from({ length: 2_000 }, (_, i) => {
        const mine = i % 2 === 1;
        return { loanId: `loan-${String(i).padStart(5, '0')}`, borrower: mine ? 'DE-1' : `DE-${2 + (i % 7)}`, lender: 'ID-1', status: (mine ? i < 8 : i % 5 === 0) ? 'on-loan' : 'checked-in' };
      });
      await store.commit([{ projection: loansProjection, upserts: loans.map((doc, i) => ({ id: doc.loanId, doc, position: String(i + 1) })), deletes: [], checkpoint: '2000' }]);
      const prepared: string[] = [];
      const prepare = db.prepare.bind(db);
      db.prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof db.prepare;

      const page = await store.list<{ loanId: string }>(loansProjection.name, { where: { borrower: 'DE-1', status: 'on-loan' }, limit: 50 });

      expect(page.items.map((loan) => loan.loanId)).toEqual(['loan-00007', 'loan-00005', 'loan-00003', 'loan-00001']);
      const list = prepared.find((sql) => sql.startsWith('SELECT id, seq, doc FROM rm_loans'))!;
      const plan = prepare(`EXPLAIN QUERY PLAN ${list}`).all('DE-1', 'on-loan', 51) as { detail: string }[];
      // One search of the index on (borrower, status, seq, id), read in its order: no sort, no other index.
      expect(plan.map((step) => step.detail)).toEqual(['SEARCH rm_loans USING INDEX rm_loans_ix_borrower_ix_status (ix_borrower=? AND ix_status=?)']);
    }));

  it("searches the catalogue's titles for a rare word in the word index, reading only the titles that hold it; a common word down the titles newest first", () =>
    inFile(async (db) => {
      const store = new SqliteReadStore(db);
      await store.prepare(catalogProjection);
      // Every title holds "Babad"; three of them "Kidung".
      const titles = Array.from({ length: 3_000 }, (_, i) => ({ isbn: String(9780000000000 + i), title: `Babad ${i % 1000 === 7 ? 'Kidung ' : ''}${i}` }));
      await store.commit([{ projection: catalogProjection, upserts: titles.map((doc, i) => ({ id: doc.isbn, doc, position: String(1 + Math.floor(i / 10)) })), deletes: [], checkpoint: '300' }]);
      const prepared: string[] = [];
      const prepare = db.prepare.bind(db);
      db.prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof db.prepare;
      const search = async (words: string[]) =>
        (await store.list<{ isbn: string; title: string }>(catalogProjection.name, { where: {}, words: { field: 'title', words }, limit: 2 })).items.map((doc) => doc.title);
      const plan = (sql: string, ...params: unknown[]) => (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((step) => step.detail);

      expect(await search(['kidung'])).toEqual(['Babad Kidung 2007', 'Babad Kidung 1007']);
      // A NUL would end FTS5's query mid-phrase: such a word is matched as every word was before.
      expect(await search(['kidung', 'ki\0dung'])).toEqual([]);
      const probe = prepared.find((sql) => sql.includes('MATCH'))!;
      expect(probe).toMatch(/^SELECT rowid FROM rm_catalog_words WHERE rm_catalog_words MATCH \? LIMIT/);
      const rare = prepared.find((sql) => sql.startsWith('SELECT id, seq, doc FROM rm_catalog'))!;
      // The three titles by their rid, sorted: no read down the titles.
      expect(plan(rare, '%kidung%', '[1,2,3]', 3)).toEqual(['SEARCH rm_catalog USING INTEGER PRIMARY KEY (rowid=?)', 'LIST SUBQUERY 1', 'SCAN json_each VIRTUAL TABLE INDEX 1:', 'USE TEMP B-TREE FOR ORDER BY']);

      prepared.length = 0;
      expect(await search(['babad'])).toEqual(['Babad 2999', 'Babad 2998']);
      const common = prepared.find((sql) => sql.startsWith('SELECT id, seq, doc FROM rm_catalog'))!;
      expect(plan(common, '%babad%', 3)).toEqual(['SCAN rm_catalog USING INDEX rm_catalog_seq']);

      // The index follows the titles' changes, and VACUUM (which may renumber rowids that are not a table's key) changes nothing.
      await store.commit([{ projection: catalogProjection, upserts: [{ id: titles[7].isbn, doc: { ...titles[7], title: 'Babad 7' }, position: '301' }], deletes: [titles[1007].isbn], checkpoint: '301' }]);
      db.exec('VACUUM');
      expect(await search(['kidung'])).toEqual(['Babad Kidung 2007']);
      expect(db.prepare("SELECT count(*) FROM rm_catalog_words WHERE rm_catalog_words MATCH 'babad'").pluck().get()).toBe(2_999);
    }));

  it('lists the new acquisitions since an instant through the index of the acquisitions when few are that new; many down the titles newest first', () =>
    inFile(async (db) => {
      const store = new SqliteReadStore(db);
      await store.prepare(catalogProjection);
      // Acquired a minute apart, ten titles to a position; the oldest three acquired again in 2031.
      const titles = Array.from({ length: 3_000 }, (_, i) => ({
        isbn: String(9780000000000 + i), title: `Babad ${i}`,
        lastAcquiredAt: i < 3 ? '2031-01-01T00:00:00.000Z' : new Date(Date.UTC(2030, 0, 1) + i * 60_000).toISOString(),
      }));
      await store.commit([{ projection: catalogProjection, upserts: titles.map((doc, i) => ({ id: doc.isbn, doc, position: String(1 + Math.floor(i / 10)) })), deletes: [], checkpoint: '300' }]);
      const prepared: string[] = [];
      const prepare = db.prepare.bind(db);
      db.prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof db.prepare;
      const since = async (instant: string) =>
        (await store.list<{ title: string }>(catalogProjection.name, { where: {}, atLeast: { lastAcquiredAt: instant }, limit: 2 })).items.map((doc) => doc.title);
      const plan = (sql: string, ...params: unknown[]) => (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((step) => step.detail);

      expect(await since('2031-01-01')).toEqual(['Babad 2', 'Babad 1']);
      const probe = prepared.find((sql) => sql.startsWith('SELECT rowid FROM rm_catalog WHERE'))!;
      expect(plan(probe, '2031-01-01', 100)).toEqual(['SEARCH rm_catalog USING COVERING INDEX rm_catalog_ix_lastAcquiredAt (ix_lastAcquiredAt>?)']);
      const few = prepared.find((sql) => sql.startsWith('SELECT id, seq, doc FROM rm_catalog'))!;
      expect(plan(few, '2031-01-01', '[1,2,3]', 3)).toEqual(['SEARCH rm_catalog USING INTEGER PRIMARY KEY (rowid=?)', 'LIST SUBQUERY 1', 'SCAN json_each VIRTUAL TABLE INDEX 1:', 'USE TEMP B-TREE FOR ORDER BY']);
      expect(await since('2032-01-01')).toEqual([]);

      prepared.length = 0;
      expect(await since('2030-01-01')).toEqual(['Babad 2999', 'Babad 2998']);
      const many = prepared.find((sql) => sql.startsWith('SELECT id, seq, doc FROM rm_catalog'))!;
      expect(plan(many, '2030-01-01', 3)).toEqual(['SCAN rm_catalog USING INDEX rm_catalog_seq']);
    }));

  /** The contract's running totals per party, each party's kept in a spread too. */
  const spreading: RowProjection<Move> = {
    ...moves,
    running: { ...moves.running!, spreads: true, movesOf: (row) => [{ key: [row.party], add: [BigInt(row.amount)], into: ['balance'], spread: { bucket: 'n' } }] },
  };
  const withoutRowid = (db: Database) => db.prepare("SELECT wr FROM pragma_table_list WHERE name = 'rm_moves_totals'").pluck().get();

  it('keeps running totals with spreads in a rowid table (a spilled row would be read whole by every search that meets it), the others WITHOUT ROWID', () =>
    inFile(async (db) => {
      const store = new SqliteReadStore(db);
      await store.prepare(moves);
      expect(withoutRowid(db)).toBe(1);
      // Made WITHOUT ROWID with every column a spread needs, as an older version left it, and nothing folded
      // (an empty log: no checkpoint tells which version made it): made again.
      db.exec(`DROP TABLE rm_moves_totals; CREATE TABLE rm_moves_totals (party TEXT NOT NULL, first_position INTEGER NOT NULL,
        last_position INTEGER NOT NULL, latest TEXT NOT NULL, disordered INTEGER NOT NULL, total INTEGER NOT NULL, spread TEXT,
        PRIMARY KEY (party)) WITHOUT ROWID`);
      await store.prepare(spreading);
      expect(withoutRowid(db)).toBe(0);
      await store.commit([{ projection: spreading, rows: [{ position: 1, party: 'DE-1', amount: 5 }], checkpoint: '1' }]);
      expect(db.prepare('SELECT party, total, spread FROM rm_moves_totals').all()).toEqual([{ party: 'DE-1', total: 5, spread: '["n",5]' }]);
      // With something folded, the table is the runner's to reset when the version changes: prepare keeps it.
      await store.prepare(moves);
      expect(withoutRowid(db)).toBe(0);
    }));
});
