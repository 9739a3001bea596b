import { ADMIN_KEY } from './support/ledger-app';
import { expectProblem, expectRefusedWritingNothing, fieldsOf, PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER, THIRD } from './support/world';
const PROPOSER = BORROWER;
const COUNTERPART = LENDER;

/** Two for two, whatever the page counts and prices. */
const OFFERED = [
  { title: 'Babad Tanah Jawi', isbn: '978-0-306-40615-7', author: 'anon.', pages: 912, price: { amount: '45.00', currency: 'IDR' } },
  { title: 'Serat Centhini', year: 1814, note: 'facsimile' },
];
const REQUESTED = [
  { title: 'Der Zauberberg', publisher: 'S. Fischer', pages: 120 },
  { title: 'Buddenbrooks' },
];

describe('a publication exchange over HTTP', () => {
  const { ledger, world, post, get, head } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' } });
  const key = (isil: string) => world().keys[isil];

  const proposal = (counterpart = COUNTERPART, extra: object = {}) => ({
    agreementId: world().agreementId, counterpart, offered: OFFERED, requested: REQUESTED, ...extra,
  });
  const propose = async (by = PROPOSER, counterpart = COUNTERPART) => {
    const response = await post('/v1/exchanges', key(by), proposal(counterpart));
    expect({ status: response.status, body: response.status === 201 ? undefined : response.body }).toEqual({ status: 201, body: undefined });
    return response.body as { exchangeId: string; streamId: string; streamVersion: number; position: string };
  };
  const step = (exchangeId: string, name: string, by: string, body: object = {}) => post(`/v1/exchanges/${exchangeId}/${name}`, key(by), body);

  it('goes from proposal to completion, each side dispatching and receiving', async () => {
    const { exchangeId, streamId, streamVersion, position } = await propose();
    expect(exchangeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(streamId).toBe(`exchange-${exchangeId}`);
    expect(streamVersion).toBe(1);
    expect(position).toMatch(/^\d+$/);

    const steps: [string, string][] = [
      ['accept', COUNTERPART],
      ['dispatch', PROPOSER],
      ['dispatch', COUNTERPART],
      ['receive', COUNTERPART],
      ['receive', PROPOSER],
    ];
    let last = position;
    const written: string[][] = [];
    for (const [name, by] of steps) {
      const response = await step(exchangeId, name, by);
      expect({ name, by, status: response.status }).toEqual({ name, by, status: 200 });
      expect(BigInt(response.body.position)).toBeGreaterThan(BigInt(last));
      written.push(response.body.events.map((event: { type: string }) => event.type));
      last = response.body.position;
    }
    // The second receipt completes the exchange in the same append.
    expect(written.at(-1)).toEqual(['ExchangeItemsReceived', 'ExchangeCompleted']);
    await ledger().caughtUp(last);

    const exchange = (await get(`/v1/exchanges/${exchangeId}`)).body;
    expect(exchange).toMatchObject({
      exchangeId,
      agreementId: world().agreementId,
      proposer: PROPOSER,
      counterpart: COUNTERPART,
      status: 'completed',
      itemCount: 2,
      dispatchedBy: [PROPOSER, COUNTERPART],
      receivedBy: [COUNTERPART, PROPOSER],
      offered: [
        { title: 'Babad Tanah Jawi', isbn: '9780306406157', pages: 912, price: { amount: '45.00', currency: 'IDR' } },
        { title: 'Serat Centhini', year: 1814, note: 'facsimile' },
      ],
      requested: [{ title: 'Der Zauberberg', publisher: 'S. Fischer', pages: 120 }, { title: 'Buddenbrooks' }],
      version: 7,
      position: last,
    });
    const stamp = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);
    expect(exchange.sides).toEqual({
      proposer: { library: PROPOSER, dispatchedAt: stamp, receivedAt: stamp },
      counterpart: { library: COUNTERPART, dispatchedAt: stamp, receivedAt: stamp },
    });
    expect(exchange).toMatchObject({ proposedAt: stamp, acceptedAt: stamp, completedAt: stamp });
    expect(exchange.completedAt).toBe(exchange.sides.proposer.receivedAt);

    const again = await step(exchangeId, 'receive', PROPOSER);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('exchange-closed');
  });

  it('refuses unequal counts with 400 naming requested, and writes nothing', async () => {
    const before = await head();
    const response = await post('/v1/exchanges', key(PROPOSER), proposal(COUNTERPART, { requested: REQUESTED.slice(0, 1) }));
    expectProblem(response, 400, 'exchange-not-one-for-one');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['requested']);
    expect(await head()).toBe(before);
  });

  it('names every malformed field before anything is decided', async () => {
    const before = await head();
    const response = await post('/v1/exchanges', key(PROPOSER), {
      agreementId: 'not-a-uuid',
      counterpart: 'not an isil',
      offered: [{ title: '', isbn: '978-0-306-40615-8', price: null }],
      requested: [],
      colour: 'red',
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['agreementId', 'counterpart', 'offered[0].title', 'offered[0].isbn', 'offered[0].price', 'requested', 'colour']),
    );

    const { exchangeId } = await propose();
    const noReason = await step(exchangeId, 'decline', COUNTERPART);
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const extra = await step(exchangeId, 'accept', COUNTERPART, { by: PROPOSER });
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0].field).toBe('by');
    const badId = await post('/v1/exchanges/not-a-uuid/accept', key(COUNTERPART));
    expect(badId.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    expect(BigInt((await head())!)).toBe(BigInt(before!) + 1n); // only the valid proposal
  });

  it('refuses a publication, or its price, that is not an object (a list, null, text), naming it, and writes nothing', async () => {
    const refused = (extra: object, field: string) =>
      expectRefusedWritingNothing(() => post('/v1/exchanges', key(PROPOSER), proposal(COUNTERPART, extra)), head, 400, 'validation-failed', field);
    // A list in place of a publication, or of a price, was taken as the publication itself.
    await refused({ offered: [[OFFERED[0]], OFFERED[1]] }, 'offered[0]');
    await refused({ requested: [REQUESTED[0], null] }, 'requested[1]');
    await refused({ offered: ['Serat Centhini', OFFERED[1]] }, 'offered[0]');
    await refused({ offered: [{ ...OFFERED[0], price: [] }, OFFERED[1]] }, 'offered[0].price');
    const response = await refused({ offered: [OFFERED[0], { ...OFFERED[1], price: '45.00 IDR' }] }, 'offered[1].price');
    expect(response.body.errors).toEqual([{ field: 'offered[1].price', message: 'offered[1].price must be an object' }]);
  });

  it('refuses a dispatch before the counterpart accepts, with 409', async () => {
    const { exchangeId } = await propose();
    const response = await step(exchangeId, 'dispatch', PROPOSER);
    expectProblem(response, 409, 'exchange-not-accepted');
  });

  it('lets only the counterpart accept or decline, and keeps a declined exchange closed', async () => {
    const { exchangeId, position } = await propose();
    const own = await step(exchangeId, 'accept', PROPOSER);
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('not-the-counterpart');

    const declined = await step(exchangeId, 'decline', COUNTERPART, { reason: 'we hold both titles already' });
    expect(declined.status).toBe(200);
    expect((await step(exchangeId, 'accept', COUNTERPART)).body.code).toBe('exchange-closed');
    await ledger().caughtUp(declined.body.position);
    expect(BigInt(declined.body.position)).toBeGreaterThan(BigInt(position));
    expect((await get(`/v1/exchanges/${exchangeId}`)).body).toMatchObject({
      status: 'declined', reason: 'we hold both titles already', declinedAt: expect.any(String),
    });
  });

  it('can be cancelled by either party until something is dispatched, then 409', async () => {
    const open = await propose();
    expect((await step(open.exchangeId, 'accept', COUNTERPART)).status).toBe(200);
    const cancelled = await step(open.exchangeId, 'cancel', COUNTERPART, { reason: 'budget frozen' });
    expect(cancelled.status).toBe(200);
    await ledger().caughtUp(cancelled.body.position);
    expect((await get(`/v1/exchanges/${open.exchangeId}`)).body).toMatchObject({
      status: 'cancelled', cancelledBy: COUNTERPART, reason: 'budget frozen',
    });

    const { exchangeId } = await propose();
    expect((await step(exchangeId, 'accept', COUNTERPART)).status).toBe(200);
    expect((await step(exchangeId, 'dispatch', PROPOSER)).status).toBe(200);
    const late = await step(exchangeId, 'cancel', PROPOSER, { reason: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('exchange-already-dispatched');
  });

  it('refuses the outsider: not a member when it proposes, not a party on the steps', async () => {
    const before = await head();
    const proposing = await post('/v1/exchanges', key(OUTSIDER), proposal(COUNTERPART));
    expectProblem(proposing, 403, 'not-a-member');
    const proposedTo = await post('/v1/exchanges', key(PROPOSER), proposal(OUTSIDER));
    expect(proposedTo.status).toBe(403);
    expect(proposedTo.body.code).toBe('not-a-member');
    expect(await head()).toBe(before);

    const { exchangeId } = await propose();
    expect((await step(exchangeId, 'accept', OUTSIDER)).body).toMatchObject({ status: 403, code: 'not-the-counterpart' });
    expect((await step(exchangeId, 'cancel', OUTSIDER, { reason: 'mine now' })).body).toMatchObject({ status: 403, code: 'not-an-exchange-party' });
    expect((await step(exchangeId, 'accept', COUNTERPART)).status).toBe(200);
    expect((await step(exchangeId, 'dispatch', OUTSIDER)).body).toMatchObject({ status: 403, code: 'not-an-exchange-party' });
    expect((await step(exchangeId, 'receive', OUTSIDER)).body).toMatchObject({ status: 403, code: 'not-an-exchange-party' });
    // A coordinator records no library's acts.
    expect((await post(`/v1/exchanges/${exchangeId}/dispatch`, ADMIN_KEY)).status).toBe(403);
  });

  it('answers 404 for an exchange that does not exist, for reads and for steps', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await get(`/v1/exchanges/${id}`)).status).toBe(404);
    const response = await step(id, 'accept', COUNTERPART);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('exchange-not-found');
    const withItself = await post('/v1/exchanges', key(PROPOSER), proposal(PROPOSER));
    expect({ status: withItself.status, code: withItself.body.code, fields: fieldsOf(withItself) }).toEqual({ status: 400, code: 'cannot-exchange-with-own-library', fields: ['counterpart'] });
    const unknownAgreement = await post('/v1/exchanges', key(PROPOSER), { ...proposal(), agreementId: id });
    expect(unknownAgreement.status).toBe(404);
    expect(unknownAgreement.body.code).toBe('agreement-not-found');
    expect(fieldsOf(unknownAgreement)).toEqual(['agreementId']);
  });

  it('lists exchanges by proposer, counterpart, status and agreement, newest first, with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await propose(THIRD, COUNTERPART)).exchangeId);
    const accepted = await propose(THIRD, COUNTERPART);
    const acceptance = await step(accepted.exchangeId, 'accept', COUNTERPART);
    const other = await propose(THIRD, PROPOSER);
    expect(acceptance.status).toBe(200);
    await ledger().caughtUp(other.position); // written after the acceptance

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string =
        `/v1/exchanges?proposer=fr-751131015&counterpart=${COUNTERPART}&status=proposed&agreementId=${world().agreementId}` +
        `&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await get(query, key(OUTSIDER));
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((exchange: { exchangeId: string }) => exchange.exchangeId));
      cursor = page.body.next;
      pages++;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect(pages).toBe(3);

    const byStatus = await get(`/v1/exchanges?proposer=${THIRD}&status=accepted`);
    expect(byStatus.body.items.map((exchange: { exchangeId: string }) => exchange.exchangeId)).toEqual([accepted.exchangeId]);
    const toProposer = await get(`/v1/exchanges?proposer=${THIRD}&counterpart=${PROPOSER}`);
    expect(toProposer.body).toEqual({ items: [expect.objectContaining({ exchangeId: other.exchangeId })], next: null });
    const firstPage = await get('/v1/exchanges?limit=1');
    expect(firstPage.body.items).toHaveLength(1);
    expect(firstPage.body.next).toEqual(expect.any(String));

    const badCursor = await get('/v1/exchanges?cursor=garbage');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
    const bad = await get('/v1/exchanges?status=swapped&limit=501&proposer=x&agreementId=1');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['agreementId', 'limit', 'proposer', 'status']);
  });

  it('lets no suspended partner propose, nor be proposed to', async () => {
    const suspended = await post(`/v1/partners/${THIRD}/suspend`, ADMIN_KEY, { reason: 'unpaid network fee' });
    expect(suspended.status).toBe(200);
    const before = await head();
    const proposing = await post('/v1/exchanges', key(THIRD), proposal(COUNTERPART));
    expectProblem(proposing, 409, 'partner-not-active');
    const proposedTo = await post('/v1/exchanges', key(PROPOSER), proposal(THIRD));
    expect(proposedTo.status).toBe(409);
    expect(proposedTo.body.code).toBe('partner-not-active');
    expect(await head()).toBe(before);
  });
});

describe('an exchange whose agreement or parties change before it ends', () => {
  const { ledger, world, post, get, head } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' } });
  const key = (isil: string) => world().keys[isil];
  const agreementPath = () => `/v1/agreements/${world().agreementId}`;
  const coordinator = (path: string, body: object) => post(path, ADMIN_KEY, body);

  const stepOk = async (exchangeId: string, name: string, by: string, body: object = {}) => {
    const response = await post(`/v1/exchanges/${exchangeId}/${name}`, key(by), body);
    expect({ name, by, status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({
      name, by, status: 200, body: undefined,
    });
    return response.body as { position: string; events: { type: string }[] };
  };
  /** An exchange proposed by `proposer`, taken through `steps`, each a [step, by] pair. */
  const exchangeThrough = async (steps: [string, string][], proposer = PROPOSER, counterpart = COUNTERPART) => {
    const proposed = await post('/v1/exchanges', key(proposer), {
      agreementId: world().agreementId, counterpart, offered: OFFERED, requested: REQUESTED,
    });
    expect(proposed.status).toBe(201);
    const exchangeId = proposed.body.exchangeId as string;
    for (const [name, by] of steps) await stepOk(exchangeId, name, by);
    return exchangeId;
  };
  const expectRefused = (exchangeId: string, name: string, by: string, status: number, code: string, field: string) =>
    expectRefusedWritingNothing(() => post(`/v1/exchanges/${exchangeId}/${name}`, key(by)), head, status, code, field);

  it('accepts nothing and sends no first side while a party is suspended, naming it; an exchange half sent is still settled; all goes on once it is reinstated', async () => {
    const proposed = await exchangeThrough([]);
    const accepted = await exchangeThrough([['accept', COUNTERPART]]);
    const halfSent = await exchangeThrough([['accept', COUNTERPART], ['dispatch', PROPOSER]]);

    expect((await coordinator(`/v1/partners/${COUNTERPART}/suspend`, { reason: 'unpaid network fee' })).status).toBe(200);
    const refused = await expectRefused(proposed, 'accept', COUNTERPART, 409, 'partner-not-active', 'counterpart');
    expect(refused.body.detail).toContain(`${COUNTERPART} is suspended`);
    await expectRefused(accepted, 'dispatch', PROPOSER, 409, 'partner-not-active', 'counterpart');
    await expectRefused(accepted, 'dispatch', COUNTERPART, 409, 'partner-not-active', 'counterpart');
    // The suspended counterpart still sends its side of an exchange the proposer has sent its side of.
    await stepOk(halfSent, 'dispatch', COUNTERPART);
    expect((await coordinator(`/v1/partners/${COUNTERPART}/reinstate`, {})).status).toBe(200);

    await stepOk(proposed, 'accept', COUNTERPART);
    await stepOk(accepted, 'dispatch', PROPOSER);
  });

  it('accepts nothing from a proposer that withdrew from the agreement (403 not-a-member naming proposer), and again once it rejoins', async () => {
    const exchangeId = await exchangeThrough([], THIRD, COUNTERPART);
    expect((await post(`${agreementPath()}/members/${THIRD}/withdraw`, key(THIRD), {})).status).toBe(200);
    const refused = await expectRefused(exchangeId, 'accept', COUNTERPART, 403, 'not-a-member', 'proposer');
    expect(refused.body.detail).toContain(`${THIRD} is not a member`);
    expect((await coordinator(`${agreementPath()}/members`, { isil: THIRD, subjects: ['500-899'] })).status).toBe(200);
    await stepOk(exchangeId, 'accept', COUNTERPART);
  });

  it('once the agreement is terminated, accepts nothing and sends no first side; an exchange half sent is settled and completed, the others declined or cancelled', async () => {
    const proposed = await exchangeThrough([]);
    const accepted = await exchangeThrough([['accept', COUNTERPART]]);
    const halfSent = await exchangeThrough([['accept', COUNTERPART], ['dispatch', PROPOSER]]);

    expect((await coordinator(`${agreementPath()}/terminate`, { reason: 'superseded' })).status).toBe(200);
    const refused = await expectRefused(proposed, 'accept', COUNTERPART, 409, 'agreement-not-in-force', 'agreementId');
    expect(refused.body.detail).toContain('terminated');
    await expectRefused(accepted, 'dispatch', PROPOSER, 409, 'agreement-not-in-force', 'agreementId');

    await stepOk(halfSent, 'dispatch', COUNTERPART);
    await stepOk(halfSent, 'receive', COUNTERPART);
    const completed = await stepOk(halfSent, 'receive', PROPOSER);
    expect(completed.events.map((event) => event.type)).toEqual(['ExchangeItemsReceived', 'ExchangeCompleted']);
    await stepOk(proposed, 'decline', COUNTERPART, { reason: 'agreement terminated' });
    const cancelled = await stepOk(accepted, 'cancel', PROPOSER, { reason: 'agreement terminated' });

    await ledger().caughtUp(cancelled.position);
    const statuses = await Promise.all([halfSent, proposed, accepted].map(async (id) => (await get(`/v1/exchanges/${id}`)).body.status));
    expect(statuses).toEqual(['completed', 'declined', 'cancelled']);
  });
});
