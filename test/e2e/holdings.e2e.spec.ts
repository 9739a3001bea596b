import { CATALOG_PROJECTION } from '../../src/application/cooperation/cooperation-facts';
import type { CatalogDocument } from '../../src/application/holdings/catalog.projection';
import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { READ_STORE, type ReadStore } from '../../src/application/ports/read-store.port';
import { asIsbn10, hyphenated, isbnNo, isbnsFrom } from './support/isbns';
import { ADMIN_KEY, librarianKey } from './support/ledger-app';
import { fieldsOf, PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, THIRD } from './support/world';

const freshIsbn = isbnsFrom(40_000);

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
  const { ledger, world, post } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '100000' } });
  let reads: ReadStore;
  let store: EventStore;

  beforeAll(async () => {
    reads = ledger().app.get<ReadStore>(READ_STORE);
    store = ledger().app.get<EventStore>(EVENT_STORE);
  });

  const entry = (isbn: string) => reads.get<CatalogDocument>(CATALOG_PROJECTION, isbn);

  it('registers a library’s own holdings under their ISBN-13, whichever form they were written in', async () => {
    const [a, b, c] = [freshIsbn(), freshIsbn(), freshIsbn()];
    const response = await post('/v1/holdings', world().keys[BORROWER], {
      items: [
        { isbn: a, title: 'Babad Diponegoro', author: 'Pangeran Diponegoro', year: 1832, subjects: ['959.8'], acquiredOn: '2024-03-01' },
        { isbn: asIsbn10(b), title: 'Serat Centhini' },
        { isbn: hyphenated(c), title: 'La Galigo' },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ isil: BORROWER, streamId: `holdings-${BORROWER}`, events: [{ type: 'HoldingsRegistered' }] });
    await ledger().caughtUp(response.body.position);

    expect(await entry(a)).toEqual({
      isbn: a, title: 'Babad Diponegoro', author: 'Pangeran Diponegoro', year: 1832, subjects: ['959.8'],
      holders: [{ isil: BORROWER, acquiredOn: '2024-03-01', registeredAt: expect.any(String) }],
      firstRegisteredAt: expect.any(String),
      lastAcquiredAt: expect.any(String),
    });
    expect(await entry(b)).toMatchObject({ isbn: b, title: 'Serat Centhini', holders: [{ isil: BORROWER }] });
    expect(await entry(c)).toMatchObject({ isbn: c, title: 'La Galigo' });

    // Registering a title again records it again; the catalogue still lists the library once, as first described.
    const again = await post('/v1/holdings', world().keys[BORROWER], { items: [{ isbn: a, title: 'Babad Diponegoro, reprinted' }] });
    expect(again.status).toBe(201);
    await ledger().caughtUp(again.body.position);
    expect(await entry(a)).toMatchObject({ isbn: a, title: 'Babad Diponegoro', holders: [{ isil: BORROWER, acquiredOn: '2024-03-01' }] });
    expect((await entry(a))!.holders).toHaveLength(1);
  });

  it('keeps one document per title with every library that holds it, and drops it when none does', async () => {
    const isbn = freshIsbn();
    const first = await post('/v1/holdings', world().keys[LENDER], { items: [{ isbn, title: 'Der Zauberberg' }] });
    const second = await post('/v1/holdings', world().keys[THIRD], { items: [{ isbn: asIsbn10(isbn), title: 'La Montagne magique', author: 'Thomas Mann' }] });
    expect([first.status, second.status]).toEqual([201, 201]);
    await ledger().caughtUp(second.body.position);
    // What the first library said stays; what it left out (the author), the second one filled in.
    expect(await entry(isbn)).toMatchObject({
      title: 'Der Zauberberg', author: 'Thomas Mann', holders: [{ isil: LENDER }, { isil: THIRD }], firstRegisteredAt: expect.any(String),
    });

    const withdrawn = await post('/v1/holdings/withdraw', world().keys[LENDER], { isbns: [hyphenated(isbn)] });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.events.map((e: { type: string }) => e.type)).toEqual(['HoldingsWithdrawn']);
    await ledger().caughtUp(withdrawn.body.position);
    expect((await entry(isbn))!.holders).toEqual([expect.objectContaining({ isil: THIRD })]);

    // Withdrawing a title not held records it and changes nothing.
    const notHeld = await post('/v1/holdings/withdraw', world().keys[LENDER], { isbns: [isbn] });
    await ledger().caughtUp(notHeld.body.position);
    expect((await entry(isbn))!.holders).toEqual([expect.objectContaining({ isil: THIRD })]);
    const last = await post('/v1/holdings/withdraw', ADMIN_KEY, { isil: THIRD, isbns: [isbn] });
    expect(last.status).toBe(200);
    await ledger().caughtUp(last.body.position);
    expect(await entry(isbn)).toBeNull();
  });

  it('lets a librarian act only for its own library, and a coordinator for the library it names', async () => {
    const isbn = freshIsbn();
    const other = await post('/v1/holdings', world().keys[BORROWER], { isil: LENDER, items: [{ isbn, title: 'Not mine' }] });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('not-that-library');
    const own = await post('/v1/holdings', world().keys[BORROWER], { isil: BORROWER.toLowerCase(), items: [{ isbn, title: 'Mine' }] });
    expect(own.status).toBe(201);

    const unnamed = await post('/v1/holdings', ADMIN_KEY, { items: [{ isbn, title: 'Whose?' }] });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors[0].field).toBe('isil');
    const named = await post('/v1/holdings', ADMIN_KEY, { isil: THIRD, items: [{ isbn, title: 'For Paris' }] });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ isil: THIRD, streamId: `holdings-${THIRD}` });
    const outsiderKey = await librarianKey(ledger(), 'NL-0100030000');
    expect((await post('/v1/holdings/withdraw', outsiderKey, { isil: THIRD, isbns: [isbn] })).status).toBe(403);
  });

  it('refuses a bad ISBN by its place in the list and writes nothing', async () => {
    const before = await store.headPosition();
    const good = freshIsbn();
    const bad = `${good.slice(0, 12)}${(Number(good[12]) + 1) % 10}`;
    const checksum = await post('/v1/holdings', world().keys[BORROWER], {
      items: [{ isbn: freshIsbn(), title: 'Fine' }, { isbn: bad, title: 'Wrong check digit' }],
    });
    expect(checksum.status).toBe(400);
    expect(checksum.headers['content-type']).toMatch(PROBLEM);
    expect(checksum.body.errors).toEqual([{ field: 'items[1].isbn', message: expect.stringMatching(/check digit/) }]);

    const withdraw = await post('/v1/holdings/withdraw', world().keys[BORROWER], { isbns: [good, bad] });
    expect(withdraw.status).toBe(400);
    expect(withdraw.body.errors[0].field).toBe('isbns[1]');

    const shapes = await post('/v1/holdings', world().keys[BORROWER], { items: [{ isbn: 'ISBN!', title: '' }], extra: 1 });
    expect(shapes.status).toBe(400);
    expect(fieldsOf(shapes)).toEqual(['extra', 'items[0].isbn', 'items[0].title']);
    expect((await post('/v1/holdings', world().keys[BORROWER], { items: [] })).body.errors[0].field).toBe('items');
    const future = await post('/v1/holdings', world().keys[BORROWER], {
      items: [{ isbn: freshIsbn(), title: 'Not yet', acquiredOn: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) }],
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('items[0].acquiredOn');
    // A NUL in a title (PostgreSQL refuses one in the catalogue's column of titles, which would stop its read model).
    // Many bad titles: errors names every one, the detail the first 20 and how many more.
    const many = await post('/v1/holdings', world().keys[BORROWER], { items: Array.from({ length: 30 }, (_, i) => ({ isbn: `bad-${i}`, title: `Title ${i}` })) });
    expect(many.status).toBe(400);
    expect(many.body.errors.map(({ field }: { field: string }) => field)).toEqual(Array.from({ length: 30 }, (_, i) => `items[${i}].isbn`));
    expect(many.body.detail.split('; ').map((part: string) => part.split(':')[0])).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `items[${i}].isbn`),
      'and 10 more (every one in errors)',
    ]);
    const nul = await post('/v1/holdings', world().keys[BORROWER], { items: [{ isbn: freshIsbn(), title: 'Kidung\u0000Sunda' }] });
    expect({ status: nul.status, errors: nul.body.errors }).toEqual({ status: 400, errors: [{ field: 'items[0].title', message: 'items[0].title must not hold control characters (tabs and line breaks are taken)' }] });
    expect(await store.headPosition()).toBe(before);
  });

  it('refuses 10,000 titles in one body under the default 1 MB limit, with 413 naming the body', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => catalogued(50_000 + i));
    expect(Buffer.byteLength(JSON.stringify({ items }))).toBeGreaterThan(1_048_576);
    const response = await post('/v1/holdings', world().keys[BORROWER], { items });
    expect(response.status).toBe(413);
    expect(response.body.errors[0].field).toBe('body');
  });

  describe('with LEDGER_BODY_LIMIT_BYTES raised for bulk loads', () => {
    const bulk = useLedger({ env: { LEDGER_BODY_LIMIT_BYTES: '8388608' }, world: false });

    it('registers 10,000 titles in one call and lists every one in the catalogue', async () => {
      expect((await bulk.post('/v1/partners', ADMIN_KEY, { isil: BORROWER, name: 'Perpustakaan Nasional' })).status).toBe(201);
      const key = await librarianKey(bulk.ledger(), BORROWER);
      const items = Array.from({ length: 10_000 }, (_, i) => catalogued(50_000 + i));
      const response = await bulk.post('/v1/holdings', key, { items });
      expect(response.status).toBe(201);
      expect(response.body.events).toHaveLength(1);
      await bulk.ledger().caughtUp(response.body.position);

      const catalog = bulk.ledger().app.get<ReadStore>(READ_STORE);
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

      const tooMany = await bulk.post('/v1/holdings', key, { items: [...items, catalogued(60_000)] });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors[0].field).toBe('items');
    }, 60_000);
  });
});
