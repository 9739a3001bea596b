import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, THIRD } from './support/world';

/** Real ISBNs, so the check digits and registration ranges hold. */
const PHYSICS = '9780306406157';
const ARCHITECTURE = '0-19-852663-6';
const ARCHITECTURE_13 = '9780198526636';

describe('the union catalogue', () => {
  const { ledger, world, post, get } = useLedger();


  const register = async (isil: string, items: object[]) => {
    const response = await post('/v1/holdings', world().keys[isil], { items });
    expect(response.status).toBe(201);
    await ledger().caughtUp(response.body.position);
    return response.body;
  };

  it('finds a title by ISBN in any form, with every holder', async () => {
    await register(LENDER, [{ isbn: PHYSICS, title: 'The Physics of Everyday Life', author: 'A. Author' }]);
    await register(THIRD, [{ isbn: '978-0-306-40615-7', title: 'The Physics of Everyday Life' }]);
    const response = await get('/v1/catalog?isbn=0-306-40615-2');
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toMatchObject({ isbn: PHYSICS, title: 'The Physics of Everyday Life', author: 'A. Author' });
    expect(response.body.items[0].holders.map((h: { isil: string }) => h.isil)).toEqual([LENDER, THIRD]);
  });

  it('finds titles by every word of the title, ignoring case', async () => {
    await register(BORROWER, [{ isbn: ARCHITECTURE, title: 'Oxford Dictionary of Architecture' }]);
    const both = await get('/v1/catalog?q=dictionary%20OXFORD');
    expect(both.body.items.map((i: { isbn: string }) => i.isbn)).toEqual([ARCHITECTURE_13]);
    expect((await get('/v1/catalog?q=oxford%20physics')).body.items).toEqual([]);
    expect((await get('/v1/catalog?q=100%25')).body.items).toEqual([]);
  });

  it('lists new acquisitions since a date or an instant', async () => {
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const isbn = '9780198526629';
    await register(THIRD, [{ isbn, title: 'A newer acquisition' }]);
    const since = await get(`/v1/catalog/new-acquisitions?since=${encodeURIComponent(before)}`);
    expect(since.status).toBe(200);
    expect(since.body.items.map((i: { isbn: string }) => i.isbn)).toEqual([isbn]);
    const fromDate = await get('/v1/catalog/new-acquisitions?since=2000-01-01');
    expect(fromDate.body.items.length).toBeGreaterThanOrEqual(3);
  });

  it('lists the title a claim bought under its own title', async () => {
    const isbn = '9780198526612';
    const claimed = await post('/v1/acquisition-claims', world().keys[BORROWER], { agreementId: world().agreementId, isbn, title: 'Bought under a claim' });
    expect(claimed.status).toBe(201);
    const fulfilled = await post(`/v1/acquisition-claims/${isbn}/fulfil`, world().keys[BORROWER]);
    expect(fulfilled.status).toBe(200);
    await ledger().caughtUp(fulfilled.body.position);
    expect((await get(`/v1/catalog?isbn=${isbn}`)).body.items[0]).toMatchObject({ title: 'Bought under a claim', holders: [{ isil: BORROWER }] });
  });

  it('refuses bad searches by name', async () => {
    expect((await get('/v1/catalog?isbn=9780306406158')).body.errors[0].field).toBe('isbn');
    expect((await get('/v1/catalog/new-acquisitions?since=yesterday')).body.errors[0].field).toBe('since');
    // ISO 8601 forms Date cannot read, and a local time with no zone, are refused by name rather than misread.
    for (const since of ['2025-W01', '20250101', '2025-01-01T10:00']) {
      const response = await get(`/v1/catalog/new-acquisitions?since=${since}`);
      expect({ since, status: response.status, field: response.body.errors?.[0]?.field }).toEqual({ since, status: 400, field: 'since' });
    }
    expect((await get('/v1/catalog/new-acquisitions')).status).toBe(400);
    expect((await get(`/v1/catalog?isbn=${PHYSICS}&q=x`)).body.errors[0].field).toBe('q');
    // A NUL or another control character is no word (PostgreSQL refuses a NUL in any text; SQLite's word index stops at one).
    for (const q of ['%00oxford', 'oxf%07ord']) {
      const response = await get(`/v1/catalog?q=${q}`);
      expect({ q, status: response.status, type: response.headers['content-type'], errors: response.body.errors }).toEqual({
        q, status: 400, type: expect.stringContaining('application/problem+json'), errors: [expect.objectContaining({ field: 'q', message: 'q must not hold control characters (tabs and line breaks are taken)' })],
      });
    }
    // Tabs and line breaks separate words as spaces do.
    expect((await get('/v1/catalog?q=oxford%09dictionary%0A')).status).toBe(200);
  });
});
