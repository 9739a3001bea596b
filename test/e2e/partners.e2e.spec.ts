import { ADMIN_KEY, librarianKey } from './support/ledger-app';
import { expectProblem, fieldsOf } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER } from './support/world';

describe('the partner directory over HTTP', () => {
  const { ledger, world, post, get, head } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' } });
  let serial = 0;

  const nextIsil = () => `XT-LIB${++serial}`;
  /** A partner of its own, with a librarian key, so no test depends on another. */
  const register = async (body: object = {}) => {
    const isil = nextIsil();
    const response = await post('/v1/partners', ADMIN_KEY, { isil, name: `Library ${serial}`, ...body });
    expect(response.status).toBe(201);
    return { isil, key: await librarianKey(ledger(), isil), position: response.body.position as string };
  };

  it('registers a partner under its ISIL and shows it in the directory', async () => {
    const response = await post('/v1/partners', ADMIN_KEY, {
      isil: 'xt-kb1', name: 'Koninklijke Bibliotheek Den Haag', country: 'nl', city: 'Den Haag', contactEmail: 'ill@kb.example.nl',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ isil: 'XT-KB1', streamId: 'partner-XT-KB1', streamVersion: 1, position: expect.stringMatching(/^\d+$/) });
    expect(response.body.events).toEqual([{ eventId: expect.any(String), type: 'PartnerRegistered' }]);
    await ledger().caughtUp(response.body.position);

    const partner = await get('/v1/partners/xt-kb1');
    expect(partner.status).toBe(200);
    expect(partner.body).toMatchObject({
      isil: 'XT-KB1',
      name: 'Koninklijke Bibliotheek Den Haag',
      country: 'NL',
      city: 'Den Haag',
      contactEmail: 'ill@kb.example.nl',
      focalPoint: false,
      status: 'active',
      registeredAt: expect.any(String),
      version: 1,
      history: [{ type: 'PartnerRegistered', at: expect.any(String) }],
    });
    for (const key of [world().keys[BORROWER], world().keys[OUTSIDER]]) expect((await get('/v1/partners/XT-KB1', key)).status).toBe(200);
  });

  it('registers a library once', async () => {
    const { isil } = await register();
    expectProblem(await post('/v1/partners', ADMIN_KEY, { isil: isil.toLowerCase(), name: 'Again' }), 409, 'partner-already-registered');
  });

  it('lets only a coordinator register, suspend and reinstate', async () => {
    const { isil, key } = await register();
    expectProblem(await post('/v1/partners', key, { isil: nextIsil(), name: 'By a librarian' }), 403, 'role-not-allowed');
    expectProblem(await post(`/v1/partners/${isil}/suspend`, key, { reason: 'myself' }), 403, 'role-not-allowed');
    expectProblem(await post(`/v1/partners/${isil}/reinstate`, key, {}), 403, 'role-not-allowed');
  });

  it('updates a profile by a coordinator or by that library, and only the fields sent', async () => {
    const { isil, key } = await register({ city: 'Utrecht' });
    const own = await post(`/v1/partners/${isil}/profile`, key, { contactEmail: 'loans@example.org' });
    expect(own.status).toBe(200);
    expect(own.body.events.map((e: { type: string }) => e.type)).toEqual(['PartnerProfileUpdated']);
    const coordinator = await post(`/v1/partners/${isil}/profile`, ADMIN_KEY, { name: 'Renamed', focalPoint: true });
    expect(coordinator.status).toBe(200);
    await ledger().caughtUp(coordinator.body.position);

    const partner = (await get(`/v1/partners/${isil}`)).body;
    expect(partner).toMatchObject({ name: 'Renamed', city: 'Utrecht', contactEmail: 'loans@example.org', focalPoint: true, version: 3 });
    expect(partner.history.map((h: { type: string; fields?: string[] }) => [h.type, h.fields])).toEqual([
      ['PartnerRegistered', undefined],
      ['PartnerProfileUpdated', ['contactEmail']],
      ['PartnerProfileUpdated', ['focalPoint', 'name']],
    ]);

    const unchanged = await post(`/v1/partners/${isil}/profile`, key, { city: 'Utrecht' });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ streamVersion: 3, position: null, events: [] });
  });

  it('refuses a profile update by another library, a focal point named by a librarian, and an empty one', async () => {
    const { isil, key } = await register();
    expectProblem(await post(`/v1/partners/${isil}/profile`, world().keys[OUTSIDER], { city: 'Elsewhere' }), 403, 'not-that-library');
    expectProblem(await post(`/v1/partners/${isil}/profile`, key, { focalPoint: true }), 403, 'coordinator-only');
    expectProblem(await post(`/v1/partners/${isil}/profile`, key, {}), 400, 'empty-profile-update');
  });

  it('suspends and reinstates, refusing each twice', async () => {
    const { isil } = await register();
    expect((await post(`/v1/partners/${isil}/suspend`, ADMIN_KEY, { reason: 'unpaid dues' })).status).toBe(200);
    expectProblem(await post(`/v1/partners/${isil}/suspend`, ADMIN_KEY, { reason: 'again' }), 409, 'partner-already-suspended');
    const reinstated = await post(`/v1/partners/${isil}/reinstate`, ADMIN_KEY, { reason: 'dues paid' });
    expect(reinstated.status).toBe(200);
    expectProblem(await post(`/v1/partners/${isil}/reinstate`, ADMIN_KEY, {}), 409, 'partner-not-suspended');
    await ledger().caughtUp(reinstated.body.position);

    const partner = (await get(`/v1/partners/${isil}`)).body;
    expect(partner.status).toBe('active');
    expect(partner.history.slice(1)).toEqual([
      { type: 'PartnerSuspended', at: expect.any(String), reason: 'unpaid dues' },
      { type: 'PartnerReinstated', at: expect.any(String), reason: 'dues paid' },
    ]);
  });

  it('lets a library leave of its own accord, and then records nothing more for it', async () => {
    const { isil, key } = await register();
    expectProblem(await post(`/v1/partners/${isil}/leave`, world().keys[OUTSIDER], {}), 403, 'not-that-library');
    const left = await post(`/v1/partners/${isil}/leave`, key, { reason: 'merged with another library' });
    expect(left.status).toBe(200);
    expect(left.body.events.map((e: { type: string }) => e.type)).toEqual(['PartnerLeft']);
    for (const [step, body] of [['profile', { city: 'Gone' }], ['suspend', { reason: 'x' }], ['reinstate', {}], ['leave', {}]] as const) {
      expectProblem(await post(`/v1/partners/${isil}/${step}`, ADMIN_KEY, body), 409, 'partner-has-left');
    }
    await ledger().caughtUp(left.body.position);
    expect((await get(`/v1/partners/${isil}`)).body).toMatchObject({ status: 'left', history: [{}, { type: 'PartnerLeft', reason: 'merged with another library' }] });
  });

  it('lets a coordinator record that a suspended library leaves', async () => {
    const { isil } = await register();
    expect((await post(`/v1/partners/${isil}/suspend`, ADMIN_KEY, { reason: 'inactive' })).status).toBe(200);
    expect((await post(`/v1/partners/${isil}/leave`, ADMIN_KEY, {})).status).toBe(200);
  });

  it('answers 404 for a library never registered, for reads and for acts', async () => {
    expectProblem(await get('/v1/partners/XT-NOBODY'), 404, 'partner-not-found');
    expectProblem(await post('/v1/partners/XT-NOBODY/suspend', ADMIN_KEY, { reason: 'x' }), 404, 'partner-not-found');
    expectProblem(await post('/v1/partners/XT-NOBODY/profile', ADMIN_KEY, { city: 'x' }), 404, 'partner-not-found');
  });

  it('names every bad field and writes nothing', async () => {
    const before = await head();
    const bad = await post('/v1/partners', ADMIN_KEY, {
      isil: 'not an isil', name: '  ', country: 'NLD', contactEmail: 'nobody', focalPoint: 'yes', colour: 'red',
    });
    expectProblem(bad, 400, 'validation-failed');
    expect(fieldsOf(bad)).toEqual(
      ['colour', 'contactEmail', 'country', 'focalPoint', 'isil', 'name'],
    );
    expect((await post('/v1/partners', ADMIN_KEY, { isil: 'XT-NULL', name: 'x', city: null })).body.errors[0].field).toBe('city');
    expect((await post('/v1/partners', ADMIN_KEY, { isil: 'XT-LONG', name: 'x'.repeat(301) })).body.errors[0].field).toBe('name');
    expect((await post(`/v1/partners/${LENDER}/suspend`, ADMIN_KEY, {})).body.errors[0].field).toBe('reason');
    expect((await post(`/v1/partners/${LENDER}/profile`, ADMIN_KEY, { focalPoint: null })).body.errors[0].field).toBe('focalPoint');

    const badPath = await post('/v1/partners/not%20an%20isil/suspend', ADMIN_KEY, { reason: 'x' });
    expectProblem(badPath, 400, 'validation-failed');
    expect(badPath.body.errors).toEqual([{ field: 'isil', message: 'isil must be an ISIL (ISO 15511), e.g. ID-JKPNRI' }]);
    expect((await get('/v1/partners/THIS-ISIL-IS-FAR-TOO-LONG')).body.errors[0].field).toBe('isil');
    expect(await head()).toBe(before);
  });

  it('lists partners by status and country with a cursor', async () => {
    const isils: string[] = [];
    for (let i = 0; i < 5; i++) isils.push((await register({ country: 'sr' })).isil);
    const other = await register({ country: 'SR' });
    const suspended = await post(`/v1/partners/${other.isil}/suspend`, ADMIN_KEY, { reason: 'audit' });
    await ledger().caughtUp(suspended.body.position);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/v1/partners?status=active&country=sr&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((partner: { isil: string }) => partner.isil));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual([...isils].reverse());

    const onlySuspended = (await get('/v1/partners?status=suspended&country=SR')).body.items.map((p: { isil: string }) => p.isil);
    expect(onlySuspended).toEqual([other.isil]);
    expect((await get('/v1/partners', world().keys[BORROWER])).body.items.length).toBeGreaterThan(4);

    const bad = await get('/v1/partners?status=asleep&country=Surinam&limit=501');
    expectProblem(bad, 400, 'validation-failed');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['country', 'limit', 'status']);
    expect((await get('/v1/partners?cursor=garbage')).body.errors[0].field).toBe('cursor');
  });

  it('lets a subscriber read nothing of the directory', async () => {
    const subscriber = (await post('/v1/api-keys', ADMIN_KEY, { role: 'subscriber' })).body.key as string;
    expectProblem(await get('/v1/partners', subscriber), 403, 'role-not-allowed');
    expectProblem(await get(`/v1/partners/${BORROWER}`, subscriber), 403, 'role-not-allowed');
  });

  it('keeps a suspended partner from starting a loan until it is reinstated', async () => {
    const loan = { agreementId: world().agreementId, lender: LENDER, item: { title: 'Serat Centhini' } };
    expect((await post(`/v1/partners/${BORROWER}/suspend`, ADMIN_KEY, { reason: 'overdue returns' })).status).toBe(200);
    try {
      expectProblem(await post('/v1/loans', world().keys[BORROWER], loan), 409, 'partner-not-active');
      expect((await post(`/v1/partners/${LENDER}/suspend`, ADMIN_KEY, { reason: 'stocktaking' })).status).toBe(200);
      expectProblem(await post('/v1/loans', world().keys[LENDER], { ...loan, lender: BORROWER }), 409, 'partner-not-active');
    } finally {
      await post(`/v1/partners/${BORROWER}/reinstate`, ADMIN_KEY, {});
      await post(`/v1/partners/${LENDER}/reinstate`, ADMIN_KEY, {});
    }
    expect((await post('/v1/loans', world().keys[BORROWER], loan)).status).toBe(201);
  });
});
