import { CATALOG_PROJECTION } from '../../src/application/cooperation/cooperation-facts';
import type { CatalogDocument } from '../../src/application/holdings/catalog.projection';
import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { READ_STORE, type ReadStore } from '../../src/application/ports/read-store.port';
import { ADMIN_KEY, bearer, librarianKey, removeDataDir, startLedger, type RunningLedger } from './support/ledger-app';
import { BORROWER, LENDER, THIRD, establishWorld, type World } from './support/world';

const PROBLEM = /^application\/problem\+json/;

const withCheckDigit13 = (twelve: string) =>
  `${twelve}${(10 - ([...twelve].reduce((sum, digit, i) => sum + Number(digit) * (i % 2 === 0 ? 1 : 3), 0) % 10)) % 10}`;
/** The n-th title of a valid range (978-0-306-nnnnn-c), as ISBN-13 digits. */
const isbnNo = (n: number) => withCheckDigit13(`9780306${String(n).padStart(5, '0')}`);
let titles = 40_000;
const freshIsbn = () => isbnNo(titles++);
const asIsbn10 = (isbn13: string) => {
  const nine = isbn13.slice(3, 12);
  const check = (11 - ([...nine].reduce((sum, digit, i) => sum + Number(digit) * (10 - i), 0) % 11)) % 11;
  return `${nine}${check === 10 ? 'X' : check}`;
};
const hyphenated = (isbn13: string) => `${isbn13.slice(0, 3)}-${isbn13[3]}-${isbn13.slice(4, 7)}-${isbn13.slice(7, 12)}-${isbn13[12]}`;

/** A title as a library catalogues it: about 150 bytes of JSON, so 10,000 of them are more than 1 MB. */
const catalogued = (n: number) => ({
  isbn: isbnNo(n),
  title: `Sejarah Nasional Indonesia, jilid ${n}`,
  author: 'Marwati Djoened Poesponegoro',
  year: 1984,
  subjects: ['959.8', 'History'],
  acquiredOn: '2024-05-01',
});

describe('holdings and the union catalogue', () => {
  let ledger: RunningLedger;
  let world: World;
  let reads: ReadStore;
  let store: EventStore;

  beforeAll(async () => {
    ledger = await startLedger(undefined, { LEDGER_RATE_LIMIT_PER_MINUTE: '100000' });
    world = await establishWorld(ledger);
    reads = ledger.app.get<ReadStore>(READ_STORE);
    store = ledger.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await ledger.stop();
    removeDataDir(ledger.dataDir);
  });

  const post = (path: string, key: string, body: object = {}) => ledger.http().post(path).set(bearer(key)).send(body);
  const entry = (isbn: string) => reads.get<CatalogDocument>(CATALOG_PROJECTION, isbn);

  it('registers a library’s own holdings under their ISBN-13, whichever form they were written in', async () => {
    const [a, b, c] = [freshIsbn(), freshIsbn(), freshIsbn()];
    const response = await post('/v1/holdings', world.keys[BORROWER], {
      items: [
        { isbn: a, title: 'Babad Diponegoro', author: 'Pangeran Diponegoro', year: 1832, subjects: ['959.8'], acquiredOn: '2024-03-01' },
        { isbn: asIsbn10(b), title: 'Serat Centhini' },
        { isbn: hyphenated(c), title: 'La Galigo' },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ isil: BORROWER, streamId: `holdings-${BORROWER}`, events: [{ type: 'HoldingsRegistered' }] });
    await ledger.caughtUp(response.body.position);

    expect(await entry(a)).toEqual({
      isbn: a, title: 'Babad Diponegoro', author: 'Pangeran Diponegoro', year: 1832, subjects: ['959.8'],
      holders: [{ isil: BORROWER, acquiredOn: '2024-03-01', registeredAt: expect.any(String) }],
      firstRegisteredAt: expect.any(String),
      lastAcquiredAt: expect.any(String),
    });
    expect(await entry(b)).toMatchObject({ isbn: b, title: 'Serat Centhini', holders: [{ isil: BORROWER }] });
    expect(await entry(c)).toMatchObject({ isbn: c, title: 'La Galigo' });

    const again = await post('/v1/holdings', world.keys[BORROWER], { items: [{ isbn: a, title: 'Babad Diponegoro' }] });
    expect(again.status).toBe(201);
    expect(again.body.events).toEqual([]);
  });

  it('keeps one document per title with every library that holds it, and drops it when none does', async () => {
    const isbn = freshIsbn();
    const first = await post('/v1/holdings', world.keys[LENDER], { items: [{ isbn, title: 'Der Zauberberg' }] });
    const second = await post('/v1/holdings', world.keys[THIRD], { items: [{ isbn: asIsbn10(isbn), title: 'La Montagne magique', author: 'Thomas Mann' }] });
    expect([first.status, second.status]).toEqual([201, 201]);
    await ledger.caughtUp(second.body.position);
    // What the first library said stays; what it left out (the author), the second one filled in.
    expect(await entry(isbn)).toMatchObject({
      title: 'Der Zauberberg', author: 'Thomas Mann', holders: [{ isil: LENDER }, { isil: THIRD }], firstRegisteredAt: expect.any(String),
    });

    const withdrawn = await post('/v1/holdings/withdraw', world.keys[LENDER], { isbns: [hyphenated(isbn)] });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.events.map((e: { type: string }) => e.type)).toEqual(['HoldingsWithdrawn']);
    await ledger.caughtUp(withdrawn.body.position);
    expect((await entry(isbn))!.holders).toEqual([expect.objectContaining({ isil: THIRD })]);

    const notHeld = await post('/v1/holdings/withdraw', world.keys[LENDER], { isbns: [isbn] });
    expect(notHeld.body.events).toEqual([]);
    const last = await post('/v1/holdings/withdraw', ADMIN_KEY, { isil: THIRD, isbns: [isbn] });
    expect(last.status).toBe(200);
    await ledger.caughtUp(last.body.position);
    expect(await entry(isbn)).toBeNull();
  });

  it('lets a librarian act only for its own library, and a coordinator for the library it names', async () => {
    const isbn = freshIsbn();
    const other = await post('/v1/holdings', world.keys[BORROWER], { isil: LENDER, items: [{ isbn, title: 'Not mine' }] });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('not-that-library');
    const own = await post('/v1/holdings', world.keys[BORROWER], { isil: BORROWER.toLowerCase(), items: [{ isbn, title: 'Mine' }] });
    expect(own.status).toBe(201);

    const unnamed = await post('/v1/holdings', ADMIN_KEY, { items: [{ isbn, title: 'Whose?' }] });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors[0].field).toBe('isil');
    const named = await post('/v1/holdings', ADMIN_KEY, { isil: THIRD, items: [{ isbn, title: 'For Paris' }] });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ isil: THIRD, streamId: `holdings-${THIRD}` });
    const outsiderKey = await librarianKey(ledger, 'NL-0100030000');
    expect((await post('/v1/holdings/withdraw', outsiderKey, { isil: THIRD, isbns: [isbn] })).status).toBe(403);
  });

  it('refuses a bad ISBN by its place in the list and writes nothing', async () => {
    const before = await store.headPosition();
    const good = freshIsbn();
    const bad = `${good.slice(0, 12)}${(Number(good[12]) + 1) % 10}`;
    const checksum = await post('/v1/holdings', world.keys[BORROWER], {
      items: [{ isbn: freshIsbn(), title: 'Fine' }, { isbn: bad, title: 'Wrong check digit' }],
    });
    expect(checksum.status).toBe(400);
    expect(checksum.headers['content-type']).toMatch(PROBLEM);
    expect(checksum.body.errors).toEqual([{ field: 'items[1].isbn', message: expect.stringMatching(/check digit/) }]);

    const withdraw = await post('/v1/holdings/withdraw', world.keys[BORROWER], { isbns: [good, bad] });
    expect(withdraw.status).toBe(400);
    expect(withdraw.body.errors[0].field).toBe('isbns[1]');

    const shapes = await post('/v1/holdings', world.keys[BORROWER], { items: [{ isbn: 'ISBN!', title: '' }], extra: 1 });
    expect(shapes.status).toBe(400);
    expect([...new Set(shapes.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['extra', 'items.0.isbn', 'items.0.title']);
    expect((await post('/v1/holdings', world.keys[BORROWER], { items: [] })).body.errors[0].field).toBe('items');
    const future = await post('/v1/holdings', world.keys[BORROWER], {
      items: [{ isbn: freshIsbn(), title: 'Not yet', acquiredOn: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) }],
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('items[0].acquiredOn');
    expect(await store.headPosition()).toBe(before);
  });

  it('refuses 10,000 titles in one body under the default 1 MB limit, with 413 naming the body', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => catalogued(50_000 + i));
    expect(Buffer.byteLength(JSON.stringify({ items }))).toBeGreaterThan(1_048_576);
    const response = await post('/v1/holdings', world.keys[BORROWER], { items });
    expect(response.status).toBe(413);
    expect(response.body.errors[0].field).toBe('body');
  });

  describe('with LEDGER_BODY_LIMIT_BYTES raised for bulk loads', () => {
    let bulk: RunningLedger;
    beforeAll(async () => {
      bulk = await startLedger(undefined, { LEDGER_BODY_LIMIT_BYTES: '8388608' });
    });
    afterAll(async () => {
      await bulk.stop();
      removeDataDir(bulk.dataDir);
    });

    it('registers 10,000 titles in one call and lists every one in the catalogue', async () => {
      const key = await librarianKey(bulk, BORROWER);
      const items = Array.from({ length: 10_000 }, (_, i) => catalogued(50_000 + i));
      const response = await bulk.http().post('/v1/holdings').set(bearer(key)).send({ items });
      expect(response.status).toBe(201);
      expect(response.body.events).toHaveLength(1);
      await bulk.caughtUp(response.body.position);

      const catalog = bulk.app.get<ReadStore>(READ_STORE);
      let count = 0;
      for (let after: string | undefined; ; ) {
        const page = await catalog.list<CatalogDocument>(CATALOG_PROJECTION, { where: {}, limit: 500, ...(after ? { after } : {}) });
        count += page.items.length;
        if (page.next === null) break;
        after = page.next;
      }
      expect(count).toBe(10_000);
      expect(await catalog.get(CATALOG_PROJECTION, isbnNo(59_999))).toMatchObject({
        title: 'Sejarah Nasional Indonesia, jilid 59999',
        holders: [{ isil: BORROWER, acquiredOn: '2024-05-01' }],
      });

      const tooMany = await bulk.http().post('/v1/holdings').set(bearer(key)).send({ items: [...items, catalogued(60_000)] });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors[0].field).toBe('items');
    }, 60_000);
  });
});
