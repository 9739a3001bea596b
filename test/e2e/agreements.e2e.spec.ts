import { ADMIN_KEY, bearer } from './support/ledger-app';
import { expectProblem, fieldsOf } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER, THIRD, yesterday } from './support/world';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('agreements over HTTP', () => {
  const { ledger, world, post, get, head } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' } });

  const body = (overrides: object = {}) => ({
    title: 'Nusantara–Rhine loans',
    focalPoint: LENDER,
    members: [BORROWER, LENDER, THIRD],
    forms: ['loans', 'acquisitions'],
    startsOn: yesterday(),
    endsOn: daysFromToday(365),
    terms: {
      loanPeriodDays: 21,
      maxRenewals: 1,
      feePerLoan: { amount: '2.50', currency: 'EUR' },
      lostItemCompensation: { amount: '45.00', currency: 'EUR' },
      goalRatio: 1.5,
      claimHoldDays: 60,
    },
    subjects: { [BORROWER]: ['900-999', '5'], [LENDER]: ['000'] },
    ...overrides,
  });
  const establish = async (overrides: object = {}) => {
    const response = await post('/v1/agreements', ADMIN_KEY, body(overrides));
    expect(response.status).toBe(201);
    return response.body as { agreementId: string; position: string; streamId: string; streamVersion: number; events: { type: string }[] };
  };
  const read = async (agreementId: string, position: string) => {
    await ledger().caughtUp(position);
    const response = await get(`/v1/agreements/${agreementId}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  it('establishes an agreement and shows everything in it', async () => {
    const { agreementId, streamId, streamVersion, position, events } = await establish();
    expect(agreementId).toMatch(/^[0-9a-f-]{36}$/);
    expect({ streamId, streamVersion, types: events.map((e) => e.type) }).toEqual({
      streamId: `agreement-${agreementId}`,
      streamVersion: 1,
      types: ['AgreementEstablished'],
    });
    const agreement = await read(agreementId, position);
    expect(agreement).toMatchObject({
      agreementId,
      title: 'Nusantara–Rhine loans',
      focalPoint: LENDER,
      status: 'active',
      terminated: false,
      members: [BORROWER, LENDER, THIRD],
      forms: ['loans', 'acquisitions'],
      startsOn: yesterday(),
      endsOn: daysFromToday(365),
      terms: { loanPeriodDays: 21, maxRenewals: 1, feePerLoan: { amount: '2.50', currency: 'EUR' }, goalRatio: 1.5, claimHoldDays: 60 },
      subjects: { [BORROWER]: ['900-999', '5'], [LENDER]: ['000'] },
      memberships: [BORROWER, LENDER, THIRD].map((isil) => ({ isil, joinedAt: expect.any(String) })),
      amendments: [],
      version: 1,
    });
    for (const key of [world().keys[BORROWER], world().keys[OUTSIDER]]) expect((await get(`/v1/agreements/${agreementId}`, key)).status).toBe(200);
  });

  it('gives a retry with the same Idempotency-Key the same agreement and writes it once', async () => {
    const send = () => ledger().http().post('/v1/agreements').set(bearer(ADMIN_KEY)).set('Idempotency-Key', 'agreement-retry-1').send(body());
    const first = await send();
    const before = await head();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await head()).toBe(before);
  });

  it('lets only a coordinator establish, add members, amend and terminate', async () => {
    const { agreementId } = await establish();
    const librarian = world().keys[LENDER];
    expectProblem(await post('/v1/agreements', librarian, body()), 403, 'role-not-allowed');
    expectProblem(await post(`/v1/agreements/${agreementId}/members`, librarian, { isil: OUTSIDER }), 403, 'role-not-allowed');
    expectProblem(await post(`/v1/agreements/${agreementId}/amend`, librarian, { endsOn: null }), 403, 'role-not-allowed');
    expectProblem(await post(`/v1/agreements/${agreementId}/terminate`, librarian, { reason: 'x' }), 403, 'role-not-allowed');
  });

  it('refuses an agreement whose focal point is not a member, that ends before it starts, or gives subjects to a non-member', async () => {
    const before = await head();
    const notMember = await post('/v1/agreements', ADMIN_KEY, body({ focalPoint: OUTSIDER }));
    expectProblem(notMember, 400, 'focal-point-not-a-member');
    expect(fieldsOf(notMember)).toEqual(['focalPoint']);
    const backwards = await post('/v1/agreements', ADMIN_KEY, body({ startsOn: '2026-06-01', endsOn: '2026-05-31' }));
    expectProblem(backwards, 400, 'agreement-ends-before-it-starts');
    expect(fieldsOf(backwards)).toEqual(['endsOn']);
    const stranger = await post('/v1/agreements', ADMIN_KEY, body({ subjects: { [OUTSIDER]: ['100'] } }));
    expectProblem(stranger, 400, 'subjects-for-non-member');
    expect(fieldsOf(stranger)).toEqual([`subjects.${OUTSIDER}`]);
    expect(await head()).toBe(before);
  });

  it('names every bad field of an agreement and writes nothing', async () => {
    const before = await head();
    const bad = await post('/v1/agreements', ADMIN_KEY, {
      title: ' ',
      focalPoint: 'nobody',
      members: [BORROWER, BORROWER.toLowerCase()],
      forms: ['loans', 'loans', 'gifts'],
      startsOn: '2025-02-30',
      endsOn: null,
      terms: { loanPeriodDays: 0, maxRenewals: 1.5, feePerLoan: { amount: '-1', currency: 'eur' }, goalRatio: 0, claimHoldDays: '60', extra: 1 },
      subjects: ['900'],
      colour: 'red',
    });
    expectProblem(bad, 400, 'validation-failed');
    expect(fieldsOf(bad)).toEqual([
      'colour', 'endsOn', 'focalPoint', 'forms', 'members', 'startsOn', 'subjects',
      'terms.claimHoldDays', 'terms.extra', 'terms.feePerLoan.amount', 'terms.feePerLoan.currency', 'terms.goalRatio',
      'terms.loanPeriodDays', 'terms.maxRenewals', 'title',
    ]);

    const subjects = async (value: unknown) => {
      const response = await post('/v1/agreements', ADMIN_KEY, body({ subjects: value }));
      expectProblem(response, 400, 'validation-failed');
      expect(fieldsOf(response)).toEqual(['subjects']);
      return (response.body.errors ?? [])[0] as unknown as { message: string };
    };
    expect((await subjects({ 'not an isil': ['100'] })).message).toMatch(/key "not an isil" must be an ISIL/);
    expect((await subjects({ [LENDER]: '100' })).message).toBe(`subjects.${LENDER} must be a list of subjects`);
    expect((await subjects({ [LENDER]: ['100', 'x'.repeat(21)] })).message).toMatch(new RegExp(`^subjects\\.${LENDER}\\[1\\] must be a DDC class`));
    expect((await subjects({ [LENDER]: ['100', 7] })).message).toMatch(/\[1\]/);
    expect((await subjects({ [LENDER]: Array.from({ length: 101 }, () => '100') })).message).toMatch(/at most 100 subjects/);
    await subjects(null);
    await subjects('900');

    const terms = await post('/v1/agreements', ADMIN_KEY, body({ terms: [{ loanPeriodDays: 21 }] }));
    expect(fieldsOf(terms)).toContain('terms');
    const oneMember = await post('/v1/agreements', ADMIN_KEY, body({ members: [LENDER] }));
    expect(fieldsOf(oneMember)).toEqual(['members']);
    // Three capital letters that name no currency (a typo of EUR) would open a money:ERU balance of their own.
    const mistyped = await post('/v1/agreements', ADMIN_KEY, body({ terms: { loanPeriodDays: 21, maxRenewals: 1, feePerLoan: { amount: '2.50', currency: 'ERU' }, goalRatio: 1.5, claimHoldDays: 60 } }));
    expect(mistyped.body.errors).toEqual([{ field: 'terms.feePerLoan.currency', message: 'currency must be an ISO 4217 code in use, such as "EUR"' }]);
    expect(await head()).toBe(before);
  });

  it('takes only registered, active partners as members', async () => {
    expectProblem(await post('/v1/agreements', ADMIN_KEY, body({ members: [BORROWER, LENDER, 'SE-1'] })), 409, 'partner-not-active');
    const { agreementId } = await establish();
    expectProblem(await post(`/v1/agreements/${agreementId}/members`, ADMIN_KEY, { isil: 'SE-1' }), 409, 'partner-not-active');
  });

  it('adds a member with its subjects and refuses it twice', async () => {
    const { agreementId } = await establish();
    const joined = await post(`/v1/agreements/${agreementId}/members`, ADMIN_KEY, { isil: OUTSIDER.toLowerCase(), subjects: ['780-789'] });
    expect(joined.status).toBe(200);
    expect(joined.body.events.map((e: { type: string }) => e.type)).toEqual(['MemberJoined']);
    expectProblem(await post(`/v1/agreements/${agreementId}/members`, ADMIN_KEY, { isil: OUTSIDER }), 409, 'already-a-member');
    const agreement = await read(agreementId, joined.body.position);
    expect(agreement.members).toEqual([BORROWER, LENDER, THIRD, OUTSIDER]);
    expect(agreement.subjects[OUTSIDER]).toEqual(['780-789']);
    expect(agreement.memberships[3]).toEqual({ isil: OUTSIDER, joinedAt: expect.any(String) });

    const bad = await post(`/v1/agreements/${agreementId}/members`, ADMIN_KEY, { isil: 'x', subjects: ['1000'] });
    expect(fieldsOf(bad)).toEqual(['isil', 'subjects']);
  });

  it('lets a member withdraw of its own accord, but not another library for it, nor the focal point while others remain', async () => {
    const { agreementId } = await establish();
    const path = `/v1/agreements/${agreementId}/members/${THIRD}/withdraw`;
    expectProblem(await post(path, world().keys[OUTSIDER], {}), 403, 'not-that-library');
    expectProblem(await post(path, world().keys[BORROWER], {}), 403, 'not-that-library');
    const withdrew = await post(path, world().keys[THIRD], { reason: 'budget cuts' });
    expect(withdrew.status).toBe(200);
    expectProblem(await post(path, ADMIN_KEY, {}), 409, 'not-a-current-member');
    expectProblem(await post(`/v1/agreements/${agreementId}/members/${LENDER}/withdraw`, ADMIN_KEY, {}), 409, 'focal-point-cannot-withdraw');
    const byCoordinator = await post(`/v1/agreements/${agreementId}/members/${BORROWER.toLowerCase()}/withdraw`, ADMIN_KEY, {});
    expect(byCoordinator.status).toBe(200);

    const agreement = await read(agreementId, byCoordinator.body.position);
    expect(agreement.members).toEqual([LENDER]);
    expect(agreement.subjects).toEqual({ [LENDER]: ['000'] });
    expect(agreement.memberships).toEqual([
      { isil: BORROWER, joinedAt: expect.any(String), withdrawnAt: expect.any(String) },
      { isil: LENDER, joinedAt: expect.any(String) },
      { isil: THIRD, joinedAt: expect.any(String), withdrawnAt: expect.any(String), reason: 'budget cuts' },
    ]);

    const rejoined = await post(`/v1/agreements/${agreementId}/members`, ADMIN_KEY, { isil: THIRD });
    expect(rejoined.status).toBe(200);
    expect((await read(agreementId, rejoined.body.position)).memberships.filter((m: { isil: string }) => m.isil === THIRD)).toHaveLength(2);
    expect(fieldsOf(await post(`/v1/agreements/${agreementId}/members/not%20an%20isil/withdraw`, ADMIN_KEY, {}))).toEqual(['isil']);
  });

  it('amends terms, forms, end, subjects and focal point, keeping what is left out', async () => {
    const { agreementId } = await establish();
    const amended = await post(`/v1/agreements/${agreementId}/amend`, ADMIN_KEY, {
      terms: { loanPeriodDays: 28, feePerLoan: null },
      forms: ['services', 'loans'],
      endsOn: null,
      subjects: { [BORROWER]: [], [THIRD]: ['500-899'] },
      focalPoint: THIRD,
    });
    expect(amended.status).toBe(200);
    expect(amended.body.events.map((e: { type: string }) => e.type)).toEqual(['TermsAmended']);
    const agreement = await read(agreementId, amended.body.position);
    expect(agreement).toMatchObject({
      focalPoint: THIRD,
      forms: ['loans', 'services'],
      terms: { loanPeriodDays: 28, maxRenewals: 1, lostItemCompensation: { amount: '45.00', currency: 'EUR' }, goalRatio: 1.5, claimHoldDays: 60 },
      subjects: { [LENDER]: ['000'], [THIRD]: ['500-899'] },
      amendments: [{ changed: ['terms', 'forms', 'endsOn', 'subjects', 'focalPoint'], amendedAt: expect.any(String) }],
    });
    expect(agreement).not.toHaveProperty('endsOn');
    expect(agreement.terms).not.toHaveProperty('feePerLoan');

    const same = await post(`/v1/agreements/${agreementId}/amend`, ADMIN_KEY, { focalPoint: THIRD });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ streamVersion: 2, position: null, events: [] });
  });

  it('refuses an empty amendment, a focal point that is not a member and an end before the start', async () => {
    const { agreementId } = await establish();
    const path = `/v1/agreements/${agreementId}/amend`;
    expectProblem(await post(path, ADMIN_KEY, {}), 400, 'empty-amendment');
    expectProblem(await post(path, ADMIN_KEY, { focalPoint: OUTSIDER }), 400, 'focal-point-not-a-member');
    expectProblem(await post(path, ADMIN_KEY, { endsOn: '2000-01-01' }), 400, 'agreement-ends-before-it-starts');
    expectProblem(await post(path, ADMIN_KEY, { subjects: { [OUTSIDER]: ['1'] } }), 400, 'subjects-for-non-member');
    const bad = await post(path, ADMIN_KEY, { terms: { goalRatio: -1, feePerLoan: 'free', unknown: 1 }, forms: [], endsOn: 'soon' });
    expectProblem(bad, 400, 'validation-failed');
    expect(fieldsOf(bad)).toEqual(['endsOn', 'forms', 'terms.feePerLoan', 'terms.goalRatio', 'terms.unknown']);
    expect(fieldsOf(await post(path, ADMIN_KEY, { terms: null }))).toEqual(['terms']);
  });

  it('terminates an agreement, which then refuses everything', async () => {
    const { agreementId } = await establish();
    expectProblem(
      await post(`/v1/agreements/${agreementId}/terminate`, ADMIN_KEY, { reason: 'too soon', terminatedOn: daysFromToday(2) }),
      400,
      'termination-date-in-future',
    );
    expect(fieldsOf(await post(`/v1/agreements/${agreementId}/terminate`, ADMIN_KEY, {}))).toEqual(['reason']);
    const terminated = await post(`/v1/agreements/${agreementId}/terminate`, ADMIN_KEY, { reason: 'superseded', terminatedOn: yesterday() });
    expect(terminated.status).toBe(200);
    expect(terminated.body.events.map((e: { type: string }) => e.type)).toEqual(['AgreementTerminated']);

    const closed: [string, string, object][] = [
      ['members', ADMIN_KEY, { isil: OUTSIDER }],
      [`members/${THIRD}/withdraw`, world().keys[THIRD], {}],
      ['amend', ADMIN_KEY, { endsOn: null }],
      ['terminate', ADMIN_KEY, { reason: 'again' }],
    ];
    for (const [step, key, payload] of closed) {
      expectProblem(await post(`/v1/agreements/${agreementId}/${step}`, key, payload), 409, 'agreement-closed');
    }
    const agreement = await read(agreementId, terminated.body.position);
    expect(agreement).toMatchObject({ status: 'terminated', terminated: true, terminatedOn: yesterday(), terminationReason: 'superseded' });

    const loan = await post('/v1/loans', world().keys[BORROWER], { agreementId, lender: LENDER, item: { title: 'After the end' } });
    expectProblem(loan, 409, 'agreement-not-in-force');
  });

  it('refuses a termination dated before the agreement starts, writing nothing, and calls off one not started yet today', async () => {
    const { agreementId } = await establish();
    const before = await head();
    for (const terminatedOn of ['0000-01-01', daysFromToday(-2)]) {
      const early = await post(`/v1/agreements/${agreementId}/terminate`, ADMIN_KEY, { reason: 'x', terminatedOn });
      expectProblem(early, 400, 'agreement-terminated-before-it-starts');
      expect(fieldsOf(early)).toEqual(['terminatedOn']);
    }
    expect(await head()).toBe(before);
    const onItsFirstDay = await post(`/v1/agreements/${agreementId}/terminate`, ADMIN_KEY, { reason: 'x', terminatedOn: yesterday() });
    expect(onItsFirstDay.status).toBe(200);

    const future = await establish({ startsOn: daysFromToday(30) });
    const calledOff = await post(`/v1/agreements/${future.agreementId}/terminate`, ADMIN_KEY, { reason: 'called off' });
    expect(calledOff.status).toBe(200);
    expect(await read(future.agreementId, calledOff.body.position)).toMatchObject({ status: 'terminated', terminatedOn: daysFromToday(0) });
  });

  it('refuses a termination dated after the agreement ended, writing nothing, and closes an ended one today', async () => {
    const { agreementId } = await establish({ startsOn: daysFromToday(-10), endsOn: daysFromToday(-5) });
    const before = await head();
    const late = await post(`/v1/agreements/${agreementId}/terminate`, ADMIN_KEY, { reason: 'x', terminatedOn: daysFromToday(-4) });
    expectProblem(late, 400, 'agreement-terminated-after-it-ended');
    expect(fieldsOf(late)).toEqual(['terminatedOn']);
    expect(await head()).toBe(before);
    const closed = await post(`/v1/agreements/${agreementId}/terminate`, ADMIN_KEY, { reason: 'closed' });
    expect(closed.status).toBe(200);
    expect(await read(agreementId, closed.body.position)).toMatchObject({ status: 'terminated', terminatedOn: daysFromToday(0) });
  });

  it('answers 404 for an agreement that does not exist, and 400 for an id that is not a UUID', async () => {
    expectProblem(await get(`/v1/agreements/${UNKNOWN}`), 404, 'agreement-not-found');
    expectProblem(await post(`/v1/agreements/${UNKNOWN}/members`, ADMIN_KEY, { isil: OUTSIDER }), 404, 'agreement-not-found');
    expectProblem(await post(`/v1/agreements/${UNKNOWN}/members/${THIRD}/withdraw`, world().keys[THIRD], {}), 404, 'agreement-not-found');
    expectProblem(await post(`/v1/agreements/${UNKNOWN}/terminate`, ADMIN_KEY, { reason: 'x' }), 404, 'agreement-not-found');
    const badId = await post('/v1/agreements/agr-1/amend', ADMIN_KEY, { endsOn: null });
    expect(badId.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    expect(fieldsOf(await get('/v1/agreements/agr-1'))).toEqual(['id']);
  });

  // No other test makes BORROWER the focal point, so the list holds only these.
  it('lists agreements by status and focal point with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await establish({ focalPoint: BORROWER })).agreementId);
    const ended = await establish({ focalPoint: BORROWER });
    const terminated = await post(`/v1/agreements/${ended.agreementId}/terminate`, ADMIN_KEY, { reason: 'test' });
    await ledger().caughtUp(terminated.body.position);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/v1/agreements?status=active&focalPoint=${BORROWER.toLowerCase()}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((agreement: { agreementId: string }) => agreement.agreementId));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const done = (await get(`/v1/agreements?status=terminated&focalPoint=${BORROWER}`)).body.items.map((a: { agreementId: string }) => a.agreementId);
    expect(done).toEqual([ended.agreementId]);

    const bad = await get('/v1/agreements?status=dormant&focalPoint=x&limit=0');
    expectProblem(bad, 400, 'validation-failed');
    expect(fieldsOf(bad)).toEqual(['focalPoint', 'limit', 'status']);
    const subscriber = (await post('/v1/api-keys', ADMIN_KEY, { role: 'subscriber' })).body.key as string;
    expectProblem(await get('/v1/agreements', subscriber), 403, 'role-not-allowed');
  });
});
