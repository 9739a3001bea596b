import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { ADMIN_KEY } from './support/ledger-app';
import { expectProblem, PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER as OTHER, THIRD } from './support/world';

describe('a loan over HTTP, from request to check-in', () => {
  const { ledger, world, post, get } = useLedger({ terms: { feePerLoan: { amount: '2.50', currency: 'EUR' } } });
  let borrowerKey: string;
  let lenderKey: string;
  let otherKey: string;

  beforeAll(async () => {
    borrowerKey = world().keys[BORROWER];
    lenderKey = world().keys[LENDER];
    otherKey = world().keys[OTHER];
  });

  const requestLoan = async (lender = LENDER, key = borrowerKey) => {
    const response = await post('/v1/loans', key, { agreementId: world().agreementId, lender, item: { title: 'Babad Tanah Jawi', isbn: '978-0-306-40615-7' } });
    expect(response.status).toBe(201);
    return response.body as { loanId: string; streamId: string; streamVersion: number; position: string };
  };

  it('walks every step and the read model follows', async () => {
    const { loanId, streamId, streamVersion, position } = await requestLoan();
    expect(streamId).toBe(`loan-${loanId}`);
    expect(streamVersion).toBe(1);
    expect(position).toMatch(/^\d+$/);

    const steps: [string, string, object?][] = [
      ['accept', lenderKey],
      ['ship', lenderKey],
      ['receive', borrowerKey],
      ['renew', borrowerKey],
      ['return', borrowerKey],
      ['check-in', lenderKey],
    ];
    let last = position;
    for (const [step, key, body] of steps) {
      const response = await post(`/v1/loans/${loanId}/${step}`, key, body);
      expect({ step, status: response.status }).toEqual({ step, status: 200 });
      expect(BigInt(response.body.position)).toBeGreaterThan(BigInt(last));
      last = response.body.position;
    }
    await ledger().caughtUp(last);

    const loan = (await get(`/v1/loans/${loanId}`)).body;
    expect(loan).toMatchObject({
      loanId,
      borrower: BORROWER,
      lender: LENDER,
      status: 'checked-in',
      isoStatus: 'LoanCompleted',
      renewals: 1,
      version: 7,
      item: { title: 'Babad Tanah Jawi' },
    });
    expect(Object.keys(loan.history)).toEqual([
      'LoanRequested', 'LoanAccepted', 'LoanShipped', 'LoanReceived', 'LoanRenewed', 'LoanReturnShipped', 'LoanCheckedIn',
    ]);
  });

  it('refuses a step by the wrong library with 403 problem+json', async () => {
    const { loanId } = await requestLoan();
    const response = await post(`/v1/loans/${loanId}/accept`, borrowerKey);
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ status: 403, code: 'not-the-lender' });

    const stranger = await post(`/v1/loans/${loanId}/accept`, otherKey);
    expect(stranger.status).toBe(403);
    expect(stranger.body.code).toBe('not-a-party');
  });

  it('refuses to ship a loan that was not accepted, with 409', async () => {
    const { loanId } = await requestLoan();
    const response = await post(`/v1/loans/${loanId}/ship`, lenderKey);
    expectProblem(response, 409, 'loan-not-accepted');
  });

  it('keeps a closed loan closed', async () => {
    const { loanId } = await requestLoan();
    expect((await post(`/v1/loans/${loanId}/decline`, lenderKey, { reason: 'reference copy only' })).status).toBe(200);
    const response = await post(`/v1/loans/${loanId}/accept`, lenderKey);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('loan-closed');
  });

  it('names every bad field and writes nothing', async () => {
    const store = ledger().app.get<EventStore>(EVENT_STORE);
    const before = (await store.headPosition())!;
    const response = await post('/v1/loans', borrowerKey, { agreementId: world().agreementId, lender: 'not an isil', item: { title: '' }, colour: 'red' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['colour', 'item.title', 'lender']));

    const missingReason = await post(`/v1/loans/${(await requestLoan()).loanId}/decline`, lenderKey, {});
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.errors[0].field).toBe('reason');

    const badId = await post('/v1/loans/not-a-uuid/accept', lenderKey);
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    const head = (await store.headPosition())!;
    expect(BigInt(head)).toBe(BigInt(before) + 1n); // only the one valid loan request above was written
  });

  it('answers 404 for a loan that does not exist, for reads and for steps', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await get(`/v1/loans/${id}`)).status).toBe(404);
    const step = await post(`/v1/loans/${id}/accept`, lenderKey);
    expect(step.status).toBe(404);
    expect(step.body.code).toBe('loan-not-found');
  });

  it('does not let a library borrow from itself', async () => {
    const response = await post('/v1/loans', borrowerKey, { agreementId: world().agreementId, lender: BORROWER, item: { title: 'Own copy' } });
    expect(response.status).toBe(409);
  });

  it('takes its terms from the agreement', async () => {
    const { loanId, position } = await requestLoan();
    await ledger().caughtUp(position);
    expect((await get(`/v1/loans/${loanId}`)).body.terms).toEqual({
      loanPeriodDays: 28,
      maxRenewals: 2,
      fee: { amount: '2.50', currency: 'EUR' },
    });
  });

  it('refuses a library outside the agreement, as borrower or as lender', async () => {
    const asBorrower = await post('/v1/loans', otherKey, { agreementId: world().agreementId, lender: LENDER, item: { title: 'x' } });
    expect(asBorrower.status).toBe(403);
    expect(asBorrower.body.code).toBe('not-a-member');
    const asLender = await post('/v1/loans', borrowerKey, { agreementId: world().agreementId, lender: OTHER, item: { title: 'x' } });
    expect(asLender.body.code).toBe('not-a-member');
  });

  it('refuses a loan under an agreement that does not exist', async () => {
    const response = await post('/v1/loans', borrowerKey, {
      agreementId: '00000000-0000-4000-8000-000000000001',
      lender: LENDER,
      item: { title: 'x' },
    });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('agreement-not-found');
  });

  it('asks for a key and names the scheme', async () => {
    const response = await ledger().http().post('/v1/loans').send({ agreementId: world().agreementId, lender: LENDER, item: { title: 'x' } });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await post('/v1/loans', 'rsl_not-a-real-key', { agreementId: world().agreementId, lender: LENDER, item: { title: 'x' } })).status).toBe(401);
  });

  it('lists loans by borrower, lender and status with a cursor', async () => {
    const other = world().keys[THIRD];
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await requestLoan(LENDER, other)).loanId);
    const last = await requestLoan(BORROWER, other);
    await ledger().caughtUp(last.position);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/v1/loans?borrower=${THIRD.toLowerCase()}&lender=${LENDER}&status=requested&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await get(query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((loan: { loanId: string }) => loan.loanId));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const badCursor = await get('/v1/loans?cursor=garbage');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
    const badStatus = await get('/v1/loans?status=borrowed&limit=0');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status']);
  });

  it('lets a coordinator issue a librarian key bound to one library', async () => {
    const response = await post('/v1/api-keys', ADMIN_KEY, { role: 'librarian', isil: 'ID-JKPNRI' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ role: 'librarian', isil: 'ID-JKPNRI' });
    expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.key).toMatch(/^rsl_/);
    expect((await post('/v1/api-keys', borrowerKey, { role: 'coordinator' })).status).toBe(403);
    expect((await post('/v1/api-keys', ADMIN_KEY, { role: 'librarian' })).body.errors[0].field).toBe('isil');
  });

  it('answers the health probes without a key', async () => {
    expect((await ledger().http().get('/health/live')).status).toBe(200);
    const ready = await ledger().http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.eventStore.status).toBe('up');
  });
});
