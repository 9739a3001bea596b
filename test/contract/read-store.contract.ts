import {
  InvalidCursor,
  type ProjectionChanges,
  type ReadStore,
  type SetAsideEvent,
} from '../../src/application/ports/read-store.port';
import { shadowOf, type DocumentProjection, type Projection, type RowProjection } from '../../src/application/projections/projection';

export type ReadStoreFixture = {
  store: ReadStore;
  /** Another store on the same data, as a restarted service (or a second instance) would open it. */
  reopen: () => Promise<ReadStore>;
  /** The rows of a row read model in the order they were written, as stored (numbers as numbers). */
  rows: (projection: string) => Promise<Record<string, unknown>[]>;
  /** The groups of a row read model's running totals, as stored. */
  totals: (projection: string) => Promise<Record<string, unknown>[]>;
  /** The copies of a row read model's running totals (RunningTotals.marks), by mark and key; null when it has no such table. */
  marks: (projection: string) => Promise<Record<string, unknown>[] | null>;
  /** Another store on the same data that calls `collect` as the service's does (between the parts of a carry). */
  collecting: (collect: () => void) => Promise<ReadStore>;
  /** The column lists of a read model's table's indexes (its primary key left out), sorted. */
  indexes: (projection: string) => Promise<string[][]>;
  dispose: () => Promise<void>;
};

type Book = { id: string; title: string; status: string; owner?: string; lastAcquiredAt?: string };

const bookModel: DocumentProjection<Book> = {
  name: 'books',
  version: 1,
  handles: new Set(),
  indexed: ['title', 'status', 'owner', 'lastAcquiredAt'],
  indexedTogether: [['owner', 'status']],
  searched: 'title',
  keyOf: () => '',
  evolve: (doc) => doc,
};
// The port takes any read model (as the runner does, whatever its document type).
const books = bookModel as Projection as DocumentProjection;

type Fact = { position: number; party: string; amount: number; note: string | null };

const facts: RowProjection<Fact> = {
  kind: 'rows',
  name: 'facts',
  version: 3,
  handles: new Set(),
  columns: { position: 'INTEGER', party: 'TEXT', amount: 'INTEGER', note: 'TEXT' },
  indexes: [['party', 'position']],
  unique: ['position', 'party'],
  rowsOf: () => [],
};

export type Move = { position: number; party: string; amount: number };

/** Rows with a running total per party, carried in `balance`. */
export const moves: RowProjection<Move> = {
  kind: 'rows',
  name: 'moves',
  version: 2,
  handles: new Set(),
  columns: { position: 'INTEGER', party: 'TEXT', amount: 'INTEGER' },
  indexes: [['party', 'position']],
  unique: ['position', 'party'],
  running: {
    key: ['party'],
    sums: ['total'],
    carried: ['balance'],
    positionOf: (row) => BigInt(row.position),
    timeOf: () => '2030-01-01T00:00:00.000Z',
    movesOf: (row) => [{ key: [row.party], add: [BigInt(row.amount)], into: ['balance'] }],
  },
  rowsOf: () => [],
};

/** Sales per region and party, whose openings of a region's days hold DE-1 and ID-1. */
type Sale = { position: number; region: string; party: string; amount: number; at: string };
const sales: RowProjection<Sale> = {
  kind: 'rows',
  name: 'sales',
  version: 1,
  handles: new Set(),
  columns: { position: 'INTEGER', region: 'TEXT', party: 'TEXT', amount: 'INTEGER', at: 'TEXT' },
  indexes: [],
  running: {
    key: ['region', 'party', 'detail'],
    sums: ['total'],
    carried: [],
    spreads: true,
    // Openings of a region's days hold its partners but FR-1.
    openings: { scope: 1, holds: ['DE-1', 'ID-1'], as: 'opening' },
    positionOf: (row) => BigInt(row.position),
    timeOf: (row) => row.at,
    movesOf: (row) => [{ key: [row.region, '', ''], add: [], opens: true }, { key: [row.region, row.party, ''], add: [BigInt(row.amount)] }],
  },
  rowsOf: () => [],
};
const sale = (position: number, party: string, amount: number, day: string, region = 'north'): Sale =>
  ({ position, region, party, amount, at: `2030-01-${day.padStart(2, '0')}T10:00:00.000Z` });

const upserts = (list: readonly Book[], position = '1') => list.map((doc) => ({ id: doc.id, doc, position }));

const documents = (upsert: ReturnType<typeof upserts>, checkpoint: string, deletes: string[] = [], projection = books): ProjectionChanges => ({
  projection,
  upserts: upsert,
  deletes,
  checkpoint,
});

const setAside = (position: string, resolution: SetAsideEvent['resolution'] = 'stuck', projection = 'books'): SetAsideEvent => ({
  projection,
  position,
  eventId: `evt-${position}`,
  type: 'BookShelved',
  error: 'shelf is missing',
  setAsideAt: '2030-01-01T00:00:00.000Z',
  resolution,
});

/**
 * What every read store must do, run against each adapter with a fresh,
 * empty store: documents by id and in pages, rows, checkpoints, events set
 * aside, reset, and every batch written whole or not at all.
 */
export const readStoreContract = (name: string, open: () => Promise<ReadStoreFixture>) =>
  describe(`${name} read store`, () => {
    let fixture: ReadStoreFixture;
    let store: ReadStore;

    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
      await store.prepare(books);
      await store.prepare(facts);
      await store.prepare({ ...books, name: 'shelves' });
    });
    afterEach(() => fixture.dispose());

    it('starts with no checkpoint and no documents', async () => {
      expect(await store.checkpoint('books')).toEqual({ position: null, version: 0 });
      expect(await store.get('books', 'b1')).toBeNull();
      expect(await store.load('books', ['b1'])).toEqual(new Map());
      expect(await store.list('books', { where: {}, limit: 10 })).toEqual({ items: [], next: null });
      expect(await store.setAside()).toEqual([]);
    });

    it('keeps documents exactly, by id and by several ids, with the checkpoint and version of the batch', async () => {
      const doc: Book = { id: 'b1', title: 'Babad Tanah Jawi', status: 'on-shelf', owner: 'ID-JKPNRI' };
      await store.commit([documents(upserts([doc, { id: 'b2', title: 'Serat Centhini', status: 'lent' }]), '7')]);
      expect(await store.get('books', 'b1')).toEqual(doc);
      expect(JSON.stringify(await store.get('books', 'b1'))).toBe(JSON.stringify(doc));
      expect([...(await store.load('books', ['b2', 'b1', 'missing'])).keys()].sort()).toEqual(['b1', 'b2']);
      expect(await store.checkpoint('books')).toEqual({ position: '7', version: 1 });

      await store.commit([documents(upserts([{ ...doc, status: 'lent' }], '8'), '9', ['b2'])]);
      expect(await store.get('books', 'b1')).toEqual({ ...doc, status: 'lent' });
      expect(await store.get('books', 'b2')).toBeNull();
      expect(await store.list('books', { where: { status: 'on-shelf' }, limit: 10 })).toEqual({ items: [], next: null });
      expect(await store.checkpoint('books')).toEqual({ position: '9', version: 1 });
    });

    it('lists newest first in pages whose cursors cover every document once, an update keeping its place', async () => {
      const all = Array.from({ length: 25 }, (_, i): Book => ({ id: `b${String(i).padStart(2, '0')}`, title: `Title ${i}`, status: i % 2 ? 'lent' : 'on-shelf' }));
      // Positions repeat so that the id breaks ties; b05 is updated later and keeps the position it was created at.
      for (const [i, book] of all.entries()) await store.commit([documents(upserts([book], String(Math.floor(i / 3) + 1)), String(i + 1))]);
      await store.commit([documents(upserts([{ ...all[5], title: 'Retitled' }], '100'), '100')]);
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 20; page += 1) {
        const result = await store.list<Book>('books', { where: {}, limit: 4, ...(after ? { after } : {}) });
        seen.push(...result.items.map((b) => b.id));
        if (result.next === null) break;
        after = result.next;
      }
      const expected = all.map((b, i) => ({ id: b.id, seq: Math.floor(i / 3) + 1 }))
        .sort((a, b) => b.seq - a.seq || (a.id < b.id ? 1 : -1))
        .map((b) => b.id);
      expect(seen).toEqual(expected);
      const lent = await store.list<Book>('books', { where: { status: 'lent' }, limit: 100 });
      expect(lent.items.map((b) => b.id)).toEqual(expected.filter((id) => Number(id.slice(1)) % 2 === 1));
    });

    it.each([
      ['searched', 'books'],
      ['not searched', 'plain'],
    ])('filters by equality, by a lower bound and by words ignoring case, wildcards taken literally (a read model %s for words)', async (_, model) => {
      const projection = model === 'books' ? books : ({ ...books, name: model, searched: undefined } as DocumentProjection);
      await store.prepare(projection);
      await store.commit([
        documents(
          upserts([
            { id: 'a', title: 'The Java Sea: A History', status: 'on-shelf', lastAcquiredAt: '2030-01-05T00:00:00.000Z' },
            { id: 'b', title: 'History of JAVA', status: 'lent', lastAcquiredAt: '2030-02-01T00:00:00.000Z' },
            { id: 'c', title: '100% Java_Beans', status: 'on-shelf', owner: 'DE-1' },
            { id: 'd', title: 'Sumatra', status: 'on-shelf', lastAcquiredAt: '2029-12-31T23:59:59.999Z' },
            { id: 'e', title: 'Émile, oder Über die Erziehung "1762"', status: 'lent' },
          ]),
          '4',
          [],
          projection,
        ),
      ]);
      const ids = async (query: Parameters<ReadStore['list']>[1]) => (await store.list<Book>(model, query)).items.map((b) => b.id).sort();
      expect(await ids({ where: { status: 'on-shelf' }, limit: 10 })).toEqual(['a', 'c', 'd']);
      expect(await ids({ where: { status: 'on-shelf', owner: 'DE-1' }, limit: 10 })).toEqual(['c']);
      expect(await ids({ where: {}, atLeast: { lastAcquiredAt: '2030-01-01' }, limit: 10 })).toEqual(['a', 'b']);
      expect(await ids({ where: {}, words: { field: 'title', words: ['java', 'HISTORY'] }, limit: 10 })).toEqual(['a', 'b']);
      expect(await ids({ where: {}, words: { field: 'title', words: ['100%'] }, limit: 10 })).toEqual(['c']);
      expect(await ids({ where: {}, words: { field: 'title', words: ['a_b'] }, limit: 10 })).toEqual(['c']);
      expect(await ids({ where: {}, words: { field: 'title', words: ['%'] }, limit: 10 })).toEqual(['c']);
      expect(await ids({ where: {}, words: { field: 'title', words: ['_'] }, limit: 10 })).toEqual(['c']);
      expect(await ids({ where: { status: 'lent' }, words: { field: 'title', words: ['java'] }, limit: 10 })).toEqual(['b']);
      // Words of one or two letters, with longer ones or alone; quotes; letters beyond ASCII in the case written (neither store folds more than ASCII).
      expect(await ids({ where: {}, words: { field: 'title', words: ['a', 'java', 'hi'] }, limit: 10 })).toEqual(['a', 'b']);
      expect(await ids({ where: {}, words: { field: 'title', words: ['su'] }, limit: 10 })).toEqual(['d']);
      expect(await ids({ where: {}, words: { field: 'title', words: ['"1762"', 'Über'] }, limit: 10 })).toEqual(['e']);
      expect(await ids({ where: {}, words: { field: 'title', words: ['sumatran'] }, limit: 10 })).toEqual([]);
      // A title with a NUL (an event written before the HTTP layer refused them): its column drops it, its document keeps it.
      await store.commit([documents(upserts([{ id: 'f', title: 'Kidung\u0000Sunda', status: 'lent' }], '5'), '5', [], projection)]);
      expect((await store.list<Book>(model, { where: {}, words: { field: 'title', words: ['kidungsunda'] }, limit: 10 })).items).toEqual([
        { id: 'f', title: 'Kidung\u0000Sunda', status: 'lent' },
      ]);
    });

    it('searches words through a searched field\'s index as documents change, are rebuilt and switched in, in pages newest first however many match', async () => {
      const search = async (projection: string, words: string[], limit = 10) => {
        const found: string[] = [];
        for (let after: string | null | undefined; after !== null; ) {
          const page = await store.list<Book>(projection, { where: {}, words: { field: 'title', words }, limit, ...(after ? { after } : {}) });
          found.push(...page.items.map((b) => b.id));
          after = page.next;
        }
        return found;
      };
      await store.commit([documents(upserts([{ id: 'a', title: 'Babad Tanah Jawi', status: 'on-shelf' }, { id: 'b', title: 'Serat Centhini', status: 'on-shelf' }]), '1')]);
      await store.commit([documents(upserts([{ id: 'a', title: 'Babad Tanah Jawi', status: 'lent' }, { id: 'b', title: 'Serat Wedhatama', status: 'on-shelf' }], '2'), '2')]);
      expect(await search('books', ['jawi'])).toEqual(['a']);
      expect(await search('books', ['centhini'])).toEqual([]);
      expect(await search('books', ['wedhatama'])).toEqual(['b']);
      await store.commit([documents([], '3', ['a'])]);
      expect(await search('books', ['jawi'])).toEqual([]);
      // Many matches (more than a store may read through its index), newest first, a position's documents by id descending.
      const many = Array.from({ length: 1205 }, (_, i): Book => ({ id: `m${String(i).padStart(4, '0')}`, title: `${i % 2 ? 'Kakawin' : 'Hikayat'} Jawa ${i}`, status: 'on-shelf' }));
      await store.commit([documents(many.flatMap((book, i) => upserts([book], String(10 + Math.floor(i / 7)))), '200')]);
      const newestFirst = (list: Book[]) => list.map((b) => b.id).reverse();
      expect(await search('books', ['jawa'], 50)).toEqual(newestFirst(many));
      expect(await search('books', ['kakawin'], 50)).toEqual(newestFirst(many.filter((b) => b.title.startsWith('Kakawin'))));
      expect(await search('books', ['hikayat', '12'], 7)).toEqual(newestFirst(many.filter((b) => b.title.startsWith('Hikayat') && b.title.includes('12'))));
      // Rebuilt beside the live one, the index made after the bulk load, then switched in and written to.
      const shadow = shadowOf(books);
      await store.reset(shadow, { deferIndexes: true });
      await store.commit([documents(upserts([{ id: 'n1', title: 'Nagarakretagama', status: 'on-shelf' }, { id: 'n2', title: 'Pararaton', status: 'on-shelf' }], '1'), '1', [], shadow)]);
      expect(await search(shadow.name, ['kretagama'])).toEqual(['n1']);
      await store.prepare(shadow);
      expect(await search(shadow.name, ['kretagama'])).toEqual(['n1']);
      await store.promote(books, documents(upserts([{ id: 'n3', title: 'Sutasoma', status: 'on-shelf' }], '2'), '2', [], shadow));
      expect(await search('books', ['kakawin'])).toEqual([]);
      expect(await search('books', ['kretagama'])).toEqual(['n1']);
      expect(await search('books', ['sutasoma'])).toEqual(['n3']);
      await store.commit([{ ...documents(upserts([{ id: 'n2', title: 'Pararaton Ken Arok', status: 'on-shelf' }, { id: 'n4', title: 'Arok', status: 'lent' }], '3'), '3'), from: '2' }]);
      await store.commit([{ ...documents([], '4', ['n1']), from: '3' }]);
      expect(await search('books', ['arok'])).toEqual(['n4', 'n2']);
      expect(await search('books', ['kretagama'])).toEqual([]);
      const reopened = await fixture.reopen();
      await reopened.prepare(books);
      expect((await reopened.list<Book>('books', { where: {}, words: { field: 'title', words: ['ken', 'arok'] }, limit: 5 })).items.map((b) => b.id)).toEqual(['n2']);
      await expect(store.prepare({ ...books, name: 'odd', searched: 'colour' } as Projection)).rejects.toThrow(/searches colour for words but does not index it/);
    });

    it('lists the documents at or above a lower bound in pages newest first, however few or many', async () => {
      // Acquired a minute apart, except every hundredth again in 2031; three positions' worth at a time.
      const all = Array.from({ length: 1205 }, (_, i): Book => ({
        id: `m${String(i).padStart(4, '0')}`, title: `T${i}`, status: 'on-shelf',
        lastAcquiredAt: i % 100 === 0 ? '2031-01-01T00:00:00.000Z' : new Date(Date.UTC(2030, 0, 1) + i * 60_000).toISOString(),
      }));
      await store.commit([documents(all.flatMap((book, i) => upserts([book], String(1 + Math.floor(i / 3)))), '500')]);
      const since = async (instant: string, limit: number) => {
        const found: string[] = [];
        for (let after: string | null | undefined; after !== null; ) {
          const page = await store.list<Book>('books', { where: {}, atLeast: { lastAcquiredAt: instant }, limit, ...(after ? { after } : {}) });
          found.push(...page.items.map((b) => b.id));
          after = page.next;
        }
        return found;
      };
      const newestFirst = (instant: string) => all.filter((b) => b.lastAcquiredAt! >= instant).map((b) => b.id).reverse();
      expect(await since('2032-01-01', 5)).toEqual([]);
      expect(await since('2031-01-01', 5)).toEqual(newestFirst('2031-01-01'));
      expect(await since('2031-01-01', 5)).toHaveLength(13);
      expect(await since('2030-01-01T20:00:00.000Z', 7)).toEqual(newestFirst('2030-01-01T20:00:00.000Z'));
      expect(await since('2030-01-01', 50)).toEqual(newestFirst('2030-01-01'));
    });

    it('indexes the fields lists filter on together in one index, each with the order lists read in; refuses to index together a field not indexed alone', async () => {
      const indexes = await fixture.indexes('books');
      expect(indexes).toContainEqual(['ix_owner', 'ix_status', 'seq', 'id']);
      for (const field of books.indexed) expect(indexes).toContainEqual([`ix_${field}`, 'seq', 'id']);
      // A list on both fields answers as one on either would, filtered by the other, pages included.
      const all = Array.from({ length: 30 }, (_, i): Book => ({ id: `b${String(i).padStart(2, '0')}`, title: `T${i}`, status: i % 3 ? 'lent' : 'on-shelf', owner: `DE-${i % 2}` }));
      for (const [i, book] of all.entries()) await store.commit([documents(upserts([book], String(i + 1)), String(i + 1))]);
      const pages: string[] = [];
      for (let after: string | null | undefined; after !== null; ) {
        const page = await store.list<Book>('books', { where: { owner: 'DE-1', status: 'lent' }, limit: 3, ...(after ? { after } : {}) });
        pages.push(...page.items.map((b) => b.id));
        after = page.next;
      }
      expect(pages).toEqual(all.filter((b) => b.owner === 'DE-1' && b.status === 'lent').map((b) => b.id).reverse());
      await expect(store.prepare({ ...books, name: 'odd', indexedTogether: [['owner', 'colour']] } as Projection)).rejects.toThrow(/indexes colour together with other fields but not on its own/);
    });

    it('refuses a cursor it never gave out, and a field that is not indexed', async () => {
      for (const cursor of ['not-a-cursor', Buffer.from('[1]').toString('base64url'), Buffer.from('["x","y"]').toString('base64url')]) {
        await expect(store.list('books', { where: {}, after: cursor, limit: 5 })).rejects.toBeInstanceOf(InvalidCursor);
      }
      await expect(store.list('books', { where: { colour: 'red' }, limit: 5 })).rejects.toThrow(/colour is not an indexed field/);
    });

    it('makes again the tables of an older version that folded nothing (an empty log: no checkpoint tells their version) when they lack a column', async () => {
      // The older version's tables, as it left them: no `balance` nor totals' `spread`, nothing folded.
      const older: RowProjection<Move> = { ...moves, version: 1, running: { ...moves.running!, carried: [] } };
      await store.prepare(older);
      const spreading: RowProjection<Move> = {
        ...moves,
        running: {
          ...moves.running!,
          labels: ['note'],
          spreads: true,
          laterMovesOf: () => ({ labels: { note: 'n' }, moves: [] }),
          movesOf: (row) => [{ key: [row.party], add: [BigInt(row.amount)], into: ['balance'], spread: { bucket: 'b' } }],
        },
      };
      await store.prepare(spreading);
      await store.commit([{ projection: spreading, rows: [{ position: 1, party: 'DE-1', amount: 5 }], checkpoint: '1' }]);
      const stored = (await fixture.rows('moves')).map(({ position, party, balance, note }) => ({ position: Number(position), party, balance: Number(balance), note }));
      expect(stored).toEqual([{ position: 1, party: 'DE-1', balance: 5, note: 'n' }]);
      expect((await fixture.totals('moves')).map(({ spread }) => spread)).toEqual(['["b",5]']);
      // With something folded, the tables are the runner's to reset when the version changes: prepare keeps them.
      await store.prepare(older);
      expect(await fixture.rows('moves')).toHaveLength(1);
    });

    it('keeps the openings of a scope’s days, from the groups stored before a batch and those it moved', async () => {
      await store.prepare(sales);
      await store.commit([{ projection: sales, rows: [sale(1, 'DE-1', 5, '1'), sale(2, 'FR-1', 3, '1'), sale(3, 'DE-1', 9, '1', 'south')], checkpoint: '3' }]);
      await store.commit([{ projection: sales, rows: [sale(4, 'ID-1', 2, '2'), sale(5, 'ID-1', 1, '2')], checkpoint: '5', from: '3' }]);
      await store.commit([{ projection: sales, rows: [sale(6, 'DE-1', 1, '3'), sale(7, 'ID-1', 4, '4')], checkpoint: '7', from: '5' }]);
      const openings = Object.fromEntries((await fixture.totals('sales')).filter((group) => group.party === 'opening').map((group) => {
        const flat = JSON.parse(String(group.spread)) as unknown[];
        const groups = Array.from({ length: flat.length / 4 }, (_, i) => flat.slice(i * 4, i * 4 + 4)).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
        return [`${String(group.region)} ${String(group.detail)}`, groups];
      }));
      expect(openings).toEqual({
        'north 2030-01-01': [],
        'south 2030-01-01': [],
        // From the groups the first commit stored, FR-1 left out.
        'north 2030-01-02': [['DE-1', '', 5, null]],
        'north 2030-01-03': [['DE-1', '', 5, null], ['ID-1', '', 3, null]],
        // DE-1 as this batch moved it.
        'north 2030-01-04': [['DE-1', '', 6, null], ['ID-1', '', 3, null]],
      });
    });

    it('collects between the parts of a batch carried in parts, and not for a batch of one part', async () => {
      const collect = jest.fn();
      const collecting = await fixture.collecting(collect);
      await collecting.prepare(sales);
      // 20 days: three parts of at most DAYS_PER_CARRY (7) days.
      await collecting.commit([{ projection: sales, rows: Array.from({ length: 20 }, (_, i) => sale(i + 1, 'DE-1', 1, String(i + 1))), checkpoint: '20' }]);
      expect(collect).toHaveBeenCalledTimes(2);
      await collecting.commit([{ projection: sales, rows: [sale(21, 'ID-1', 1, '21'), sale(22, 'ID-1', 1, '22')], checkpoint: '22', from: '20' }]);
      expect(collect).toHaveBeenCalledTimes(2);
      const days = (await fixture.totals('sales')).filter((group) => group.party === 'opening').map((group) => String(group.detail)).sort();
      expect(days).toEqual(Array.from({ length: 22 }, (_, i) => `2030-01-${String(i + 1).padStart(2, '0')}`));
    });

    it('opens each day of a batch carried in parts as one commit a day opens it, the groups earlier parts moved included', async () => {
      const daily = { ...sales, name: 'sales_daily' };
      await store.prepare(sales);
      await store.prepare(daily);
      const parties = ['DE-1', 'ID-1', 'FR-1'];
      const rows = Array.from({ length: 20 }, (_, i) => sale(i + 1, parties[i % 3], i + 1, String(i + 1), i % 4 === 3 ? 'south' : 'north'));
      // Two days stored first, then 18 in one batch: three parts of at most DAYS_PER_CARRY (7) days.
      await store.commit([{ projection: sales, rows: rows.slice(0, 2), checkpoint: '2' }]);
      await store.commit([{ projection: sales, rows: rows.slice(2), checkpoint: '20', from: '2' }]);
      for (const row of rows) {
        await store.commit([{ projection: daily, rows: [row], checkpoint: String(row.position), ...(row.position > 1 ? { from: String(row.position - 1) } : {}) }]);
      }
      const openings = async (name: string) =>
        (await fixture.totals(name))
          .filter((group) => group.party === 'opening')
          .map((group) => {
            const flat = JSON.parse(String(group.spread)) as unknown[];
            const groups = Array.from({ length: flat.length / 4 }, (_, i) => flat.slice(i * 4, i * 4 + 4)).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
            return `${String(group.region)} ${String(group.detail)} ${JSON.stringify(groups)}`;
          })
          .sort();
      const carried = await openings('sales');
      expect(carried).toEqual(await openings('sales_daily'));
      expect(carried).toHaveLength(20);
      // Day 17 opens the third part, with DE-1 and ID-1 as the second left them (1+7+10+13 and 2+5+11+14).
      expect(carried).toContain('north 2030-01-17 [["DE-1","",31,null],["ID-1","",32,null]]');
    });

    it('appends rows in order, a row already stored under its key not again', async () => {
      const row = (position: number, party: string, amount: number, note: string | null = null): Fact => ({ position, party, amount, note });
      await store.commit([{ projection: facts, rows: [row(1, 'DE-1', 5), row(1, 'ID-1', -5, 'paired')], checkpoint: '1' }]);
      await store.commit([{ projection: facts, rows: [row(1, 'DE-1', 5), row(2, 'DE-1', 2 ** 40)], checkpoint: '2' }]);
      const stored = (await fixture.rows('facts')).map(({ position, party, amount, note }) => ({ position: Number(position), party, amount: Number(amount), note }));
      expect(stored).toEqual([row(1, 'DE-1', 5), row(1, 'ID-1', -5, 'paired'), row(2, 'DE-1', 2 ** 40)]);
      expect(await store.checkpoint('facts')).toEqual({ position: '2', version: 3 });
    });

    it('writes a batch of several read models whole, or nothing of it', async () => {
      await store.commit([
        documents(upserts([{ id: 'b1', title: 'One', status: 'on-shelf' }]), '1'),
        { projection: facts, rows: [{ position: 1, party: 'DE-1', amount: 1, note: null }], checkpoint: '1' },
      ]);
      // The last change cannot be written (a document JSON cannot hold), after the others were.
      const unwritable = { id: 'b3', doc: { id: 'b3', title: 'Three', status: 'on-shelf', copies: 1n }, position: '2' };
      await expect(
        store.commit([
          documents(upserts([{ id: 'b2', title: 'Two', status: 'on-shelf' }], '2'), '2', ['b1']),
          { projection: facts, rows: [{ position: 2, party: 'DE-1', amount: 2, note: null }], checkpoint: '2', setAside: [setAside('2')] },
          { projection: { ...books, name: 'shelves' }, upserts: [unwritable], deletes: [], checkpoint: '2' },
        ]),
      ).rejects.toThrow(/BigInt/);
      expect(await store.get('books', 'b1')).not.toBeNull();
      expect(await store.get('books', 'b2')).toBeNull();
      expect(await fixture.rows('facts')).toHaveLength(1);
      expect(await store.checkpoint('books')).toEqual({ position: '1', version: 1 });
      expect(await store.checkpoint('facts')).toEqual({ position: '1', version: 3 });
      expect(await store.setAside()).toEqual([]);
    });

    it('keeps the events set aside; one stuck is retried or skipped, a skipped one stays', async () => {
      await store.commit([{ ...documents([], '10'), setAside: [setAside('10')] }]);
      await store.commit([{ projection: facts, rows: [], checkpoint: '9', setAside: [setAside('9', 'skipped', 'facts')] }]);
      expect(await store.setAside()).toEqual([setAside('10'), setAside('9', 'skipped', 'facts')]);
      expect(await store.skipSetAside('books', '11')).toBe(false);
      expect(await store.skipSetAside('facts', '9')).toBe(false);
      expect(await store.skipSetAside('books', '10')).toBe(true);
      expect(await store.setAside()).toEqual([setAside('10', 'skipped'), setAside('9', 'skipped', 'facts')]);
      expect(await store.retrySetAside('books')).toBe(false);

      await store.commit([{ ...documents([], '11'), setAside: [setAside('11')] }]);
      expect(await store.retrySetAside('books')).toBe(true);
      expect(await store.setAside()).toEqual([setAside('10', 'skipped'), setAside('9', 'skipped', 'facts')]);
    });

    it('orders the events set aside by position as a number', async () => {
      await store.commit([{ ...documents([], '100'), setAside: [setAside('100', 'skipped'), setAside('99', 'skipped')] }]);
      expect((await store.setAside()).map((e) => e.position)).toEqual(['99', '100']);
    });

    it('resets a read model: its documents, its checkpoint and the event it is stuck at go; skipped events and others stay', async () => {
      await store.commit([
        { ...documents(upserts([{ id: 'b1', title: 'One', status: 'on-shelf' }]), '5'), setAside: [setAside('3', 'skipped'), setAside('5')] },
        { projection: facts, rows: [{ position: 1, party: 'DE-1', amount: 1, note: null }], checkpoint: '5' },
      ]);
      await store.reset(books);
      expect(await store.get('books', 'b1')).toBeNull();
      expect(await store.list('books', { where: { status: 'on-shelf' }, limit: 5 })).toEqual({ items: [], next: null });
      expect(await store.checkpoint('books')).toEqual({ position: null, version: 0 });
      expect(await store.setAside()).toEqual([setAside('3', 'skipped')]);
      expect(await store.checkpoint('facts')).toEqual({ position: '5', version: 3 });
      // Usable again at once.
      await store.commit([documents(upserts([{ id: 'b2', title: 'Two', status: 'on-shelf' }]), '6')]);
      expect((await store.list<Book>('books', { where: { status: 'on-shelf' }, limit: 5 })).items.map((b) => b.id)).toEqual(['b2']);

      await store.reset(facts);
      expect(await fixture.rows('facts')).toEqual([]);
    });

    it('makes a read model without its indexes for a bulk load, and builds them when prepared again', async () => {
      await store.reset(facts, { deferIndexes: true });
      expect(await fixture.indexes('facts')).toEqual([]);
      await store.commit([{ projection: facts, rows: [{ position: 1, party: 'DE-1', amount: 1, note: null }], checkpoint: '1' }]);
      await store.prepare(facts);
      expect(await fixture.indexes('facts')).toEqual([['party', 'position'], ['position', 'party']]);
      await store.prepare(facts);
      expect(await fixture.indexes('facts')).toEqual([['party', 'position'], ['position', 'party']]);
    });

    it('switches in a read model built beside the live one whole: documents, checkpoint and indexes; again the next time', async () => {
      const shadow = shadowOf(books);
      await store.commit([documents(upserts([{ id: 'old', title: 'Old', status: 'on-shelf' }]), '5')]);
      const indexes = await fixture.indexes('books');
      for (const round of [1, 2]) {
        await store.reset(shadow, { deferIndexes: true });
        await store.commit([documents(upserts([{ id: `new${round}`, title: 'New', status: 'on-shelf' }], '2'), '4', [], shadow)]);
        // The live read model answers as before while the new one is built.
        expect((await store.list<Book>('books', { where: { status: 'on-shelf' }, limit: 5 })).items.map((b) => b.id)).toEqual(round === 1 ? ['old'] : ['late1', 'new1']);
        await store.prepare(shadow);
        await store.promote(books, { ...documents(upserts([{ id: `late${round}`, title: 'Late', status: 'lent' }], '6'), '6', [], shadow), from: '4' });
        expect(await store.get('books', 'old')).toBeNull();
        expect(await store.get('books', `new${round}`)).toEqual({ id: `new${round}`, title: 'New', status: 'on-shelf' });
        expect((await store.list<Book>('books', { where: { status: 'lent' }, limit: 5 })).items.map((b) => b.id)).toEqual([`late${round}`]);
        expect(await store.checkpoint('books')).toEqual({ position: '6', version: 1 });
        expect(await store.checkpoint(shadow.name)).toEqual({ position: null, version: 0 });
        expect(await fixture.indexes('books')).toEqual(indexes);
        // The store goes on writing to it as to any read model.
        await store.commit([documents(upserts([{ id: `after${round}`, title: 'After', status: 'lent' }], '7'), '7')]);
        await store.commit([{ ...documents(upserts([{ id: `late${round}`, title: 'Late', status: 'on-shelf' }], '8'), '8'), from: '7' }]);
        await store.prepare(books);
        expect(await fixture.indexes('books')).toEqual(indexes);
      }
    });

    it('switches in a row read model with its running totals, which the rows after it go on from', async () => {
      await store.prepare(moves);
      await store.commit([{ projection: moves, rows: [{ position: 1, party: 'DE-1', amount: 100 }], checkpoint: '1' }]);
      const shadow = shadowOf(moves);
      await store.reset(shadow, { deferIndexes: true });
      await store.commit([{ projection: shadow, rows: [{ position: 1, party: 'DE-1', amount: 5 }], checkpoint: '1' }]);
      await store.commit([{ projection: shadow, rows: [{ position: 2, party: 'DE-1', amount: 7 }], checkpoint: '2', from: '1' }]);
      await store.prepare(shadow);
      await store.promote(moves, { projection: shadow, rows: [{ position: 3, party: 'DE-1', amount: 1 }], checkpoint: '3', from: '2' });
      await store.commit([{ projection: moves, rows: [{ position: 4, party: 'DE-1', amount: 10 }], checkpoint: '4', from: '3' }]);
      const stored = (await fixture.rows('moves')).map((row) => [Number(row.position), Number(row.amount), row.balance === null ? null : Number(row.balance)]);
      expect(stored).toEqual([[1, 5, 5], [2, 7, 12], [3, 1, 13], [4, 10, 23]]);
      expect(await fixture.indexes('moves')).toEqual([['party', 'position'], ['position', 'party']]);
    });

    describe('copies of the running totals (RunningTotals.marks)', () => {
      // A copy once 3 rows, and as many as the last copy had groups, have been written since it.
      const marked: RowProjection<Move> = { ...moves, name: 'marked', running: { ...moves.running!, marks: { every: 3, key: ['party'] } } };
      const move = (position: number, party: string, amount: number) => ({ position, party, amount });
      const copies = async (name = 'marked') =>
        ((await fixture.marks(name)) ?? []).map((row) => `${Number(row.mark)}:${Number(row.groups)}:${String(row.party)}=${Number(row.total)}`).join(' ');

      it('are taken after a part of a batch once `every` rows and the last copy\'s groups have been written, as of the last position any group moved at', async () => {
        await store.prepare(marked);
        // One batch in parts of 3 rows, [1, 2, 3] and [4, 6, 7]: 3 rows since none, then 3 since and as many as its 2 groups.
        await store.commit([{ projection: marked, rows: [move(1, 'a', 1), move(2, 'b', 2), move(3, 'a', 4), move(4, 'c', 8), move(6, 'b', 16), move(7, 'a', 32)], checkpoint: '7' }]);
        const first = '3:2:a=5 3:2:b=2 7:3:a=37 7:3:b=18 7:3:c=8';
        expect(await copies()).toBe(first);
        let from = '7';
        const after = async (position: number, party: string) => {
          await store.commit([{ projection: marked, rows: [move(position, party, 1)], checkpoint: String(position), from }]);
          from = String(position);
          return copies();
        };
        expect(await after(9, 'd')).toBe(first);
        expect(await after(10, 'd')).toBe(first);
        const thirteenth = `${first} 13:4:a=38 13:4:b=18 13:4:c=8 13:4:d=2`;
        expect(await after(13, 'a')).toBe(thirteenth);
        // 3 rows since 13, but that copy had 4 groups.
        for (const position of [14, 15, 16]) expect(await after(position, 'a')).toBe(thirteenth);
        const all = `${thirteenth} 17:4:a=42 17:4:b=18 17:4:c=8 17:4:d=2`;
        expect(await after(17, 'a')).toBe(all);
        // Folded again (by a writer that checks no checkpoint): no row written, no copy.
        await store.commit([{ projection: marked, rows: [move(9, 'd', 1), move(10, 'd', 1), move(13, 'a', 1), move(14, 'a', 1)], checkpoint: '17' }]);
        expect(await copies()).toBe(all);
      });

      it('count rows, not positions: a log whose positions are far apart (EventStoreDB\'s are byte offsets) gets no more of them', async () => {
        await store.prepare(marked);
        const rows = [1, 2, 3, 4, 5, 6, 7].map((i) => move(i * 1_000, i % 2 === 0 ? 'a' : 'b', i));
        await store.commit([{ projection: marked, rows, checkpoint: '7000' }]);
        expect(await copies()).toBe('3000:2:a=2 3000:2:b=4 6000:2:a=12 6000:2:b=9');
      });

      it('are switched in with a read model rebuilt beside the live one, and dropped with it', async () => {
        await store.prepare(marked);
        await store.commit([{ projection: marked, rows: [move(1, 'a', 1), move(2, 'a', 1), move(3, 'a', 1)], checkpoint: '3' }]);
        expect(await copies()).toBe('3:1:a=3');
        const shadow = shadowOf(marked);
        await store.reset(shadow, { deferIndexes: true });
        await store.commit([{ projection: shadow, rows: [move(1, 'a', 5), move(2, 'b', 7), move(3, 'a', 1)], checkpoint: '3' }]);
        await store.prepare(shadow);
        await store.promote(marked, null);
        expect(await copies()).toBe('3:2:a=6 3:2:b=7');
        expect(await fixture.marks(shadow.name)).toBeNull();
        await store.reset(marked);
        expect(await fixture.marks('marked')).toEqual([]);
        // A read model without them has no such table.
        await store.prepare(moves);
        expect(await fixture.marks('moves')).toBeNull();
      });
    });

    it('keeps requests to rebuild a read model until one is switched in or dropped; a request again keeps the first', async () => {
      await store.requestRebuild({ projection: 'books', requestedAt: '2030-01-01T00:00:00.000Z' });
      await store.requestRebuild({ projection: 'books', requestedAt: '2030-01-02T00:00:00.000Z' });
      await store.requestRebuild({ projection: 'facts', requestedAt: '2030-01-03T00:00:00.000Z' });
      expect(await (await fixture.reopen()).rebuildRequests()).toEqual([
        { projection: 'books', requestedAt: '2030-01-01T00:00:00.000Z' },
        { projection: 'facts', requestedAt: '2030-01-03T00:00:00.000Z' },
      ]);
      await store.reset(shadowOf(books), { deferIndexes: true });
      await store.promote(books, null);
      await store.dropRebuildRequest('facts');
      expect(await store.rebuildRequests()).toEqual([]);
      expect(await store.checkpoint('books')).toEqual({ position: null, version: 1 });
    });

    it('keeps everything for the next store opened on the same data', async () => {
      await store.commit([
        { ...documents(upserts([{ id: 'b1', title: 'One', status: 'on-shelf' }]), '5'), setAside: [setAside('4', 'skipped')] },
      ]);
      const again = await fixture.reopen();
      await again.prepare(books);
      expect(await again.checkpoint('books')).toEqual({ position: '5', version: 1 });
      expect(await again.get('books', 'b1')).toEqual({ id: 'b1', title: 'One', status: 'on-shelf' });
      expect((await again.list<Book>('books', { where: { status: 'on-shelf' }, limit: 5 })).items).toHaveLength(1);
      expect(await again.setAside()).toEqual([setAside('4', 'skipped')]);
    });
  });
