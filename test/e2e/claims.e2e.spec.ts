import { CooperationFacts } from '../../src/application/cooperation/cooperation-facts';
import { CLOCK, type Clock } from '../../src/application/ports/clock.port';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/application/ports/event-store.port';
import { Scheduler } from '../../src/application/scheduler/scheduler';
import { asIsbn10, hyphenated, isbnsFrom } from './support/isbns';
import { ADMIN_KEY, librarianKey } from './support/ledger-app';
import { expectProblem, expectRefusedWritingNothing, PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER, THIRD, yesterday } from './support/world';

const freshIsbn = isbnsFrom(30_000);

describe('acquisition claims over HTTP', () => {
  const { ledger, world, post, get } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '100000' } });
  let store: EventStore;

  beforeAll(async () => {
    store = ledger().app.get<EventStore>(EVENT_STORE);
  });

  const claim = (library: string, body: object) =>
    post('/v1/acquisition-claims', world().keys[library], { agreementId: world().agreementId, title: 'Nusantara', ...body });
  const claimOk = async (library: string, body: object) => {
    const response = await claim(library, body);
    expect({ status: response.status, body: response.status === 201 ? undefined : response.body }).toEqual({ status: 201, body: undefined });
    return response.body as { isbn: string; streamId: string; position: string };
  };
  const typesIn = async (streamId: string) => (await store.readStream(streamId)).map((event) => event.type);

  it('lets exactly one of twenty libraries claiming one title at once win', async () => {
    const libraries = Array.from({ length: 20 }, (_, i) => `XA-RACE${String(i).padStart(2, '0')}`);
    for (const isil of libraries) {
      const registered = await post('/v1/partners', ADMIN_KEY, { isil, name: `Race library ${isil}` });
      expect(registered.status).toBe(201);
    }
    const keys = await Promise.all(libraries.map((isil) => librarianKey(ledger(), isil)));
    const agreement = await post('/v1/agreements', ADMIN_KEY, {
      title: 'Twenty who buy together',
      focalPoint: libraries[0],
      members: libraries,
      forms: ['acquisitions'],
      startsOn: yesterday(),
      terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90 },
    });
    expect(agreement.status).toBe(201);
    const isbn = freshIsbn();

    const responses = await Promise.all(
      keys.map((key) =>
        post('/v1/acquisition-claims', key, { agreementId: agreement.body.agreementId, isbn, title: 'Contested title' }),
      ),
    );

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.headers['content-type']).toMatch(PROBLEM);
      expect(refused.body.code).toBe('title-already-claimed');
    }
    const winner = responses.find((response) => response.status === 201)!;
    expect(winner.body).toMatchObject({ isbn, streamId: `claim-${isbn}`, streamVersion: 1, events: [{ type: 'AcquisitionClaimed' }] });

    const all: RecordedEvent[] = [];
    for (let after: string | null = null; ; ) {
      const batch = await store.readAll({ after, limit: 1000 });
      if (batch.length === 0) break;
      all.push(...batch);
      after = batch[batch.length - 1].position;
    }
    const claimed = all.filter((event) => event.type === 'AcquisitionClaimed' && (event.data as { isbn: string }).isbn === isbn);
    expect(claimed).toHaveLength(1);
    const winnerLibrary = libraries[responses.indexOf(winner)];
    expect(claimed[0].data).toMatchObject({ claimant: winnerLibrary });
    expect(claimed[0].metadata.actor).toMatchObject({ role: 'librarian', library: winnerLibrary });
    expect(await typesIn(`claim-${isbn}`)).toEqual(['AcquisitionClaimed']);
  });

  it('refuses a title a partner already holds, naming the holder, unless an override reason is given', async () => {
    const isbn = freshIsbn();
    const holdings = await post('/v1/holdings', world().keys[THIRD], { items: [{ isbn, title: 'Held in Paris' }] });
    expect(holdings.status).toBe(201);
    await ledger().caughtUp(holdings.body.position);

    const refused = await claim(BORROWER, { isbn });
    expectProblem(refused, 409, 'title-already-held');
    expect(refused.body.detail).toContain(THIRD);

    const overridden = await claimOk(BORROWER, { isbn, overrideReason: 'Paris copy is reference only' });
    await ledger().caughtUp(overridden.position);
    expect((await get(`/v1/acquisition-claims/${isbn}`)).body).toMatchObject({
      isbn, status: 'active', claimant: BORROWER, overrideReason: 'Paris copy is reference only',
    });
  });

  it('answers a claim flagged at once with the flag it wrote too, so its position covers the flag', async () => {
    const isbn = freshIsbn();
    const holdings = await post('/v1/holdings', world().keys[THIRD], { items: [{ isbn, title: 'Held in Paris' }] });
    expect(holdings.status).toBe(201);
    await ledger().caughtUp(holdings.body.position);

    const overridden = await claim(BORROWER, { isbn, overrideReason: 'Paris copy is reference only' });

    const stream = await store.readStream(`claim-${isbn}`);
    const last = stream[stream.length - 1];
    expect(overridden.status).toBe(201);
    expect(overridden.body).toMatchObject({
      isbn,
      heldElsewhere: [THIRD],
      streamVersion: last.streamVersion,
      position: last.position,
      events: stream.map(({ eventId, type }) => ({ eventId, type })),
    });
    expect(stream.map((event) => event.type)).toEqual(['AcquisitionClaimed', 'AcquisitionClaimFlagged']);
  });

  it('refuses a second claim on a claimed title, by the same library or another', async () => {
    const isbn = freshIsbn();
    await claimOk(BORROWER, { isbn });
    const again = await claim(BORROWER, { isbn });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('title-already-claimed');
    const rival = await claim(LENDER, { isbn });
    expect(rival.status).toBe(409);
    expect(rival.body.detail).toContain(BORROWER);
  });

  it('names isbn, the field that holds the title, when refusing a title already claimed or already held, writing nothing', async () => {
    const head = () => store.headPosition();
    const claimed = freshIsbn();
    await claimOk(BORROWER, { isbn: claimed });
    for (const library of [BORROWER, LENDER]) {
      const refused = await expectRefusedWritingNothing(() => claim(library, { isbn: claimed }), head, 409, 'title-already-claimed', 'isbn');
      expect(refused.body).toMatchObject({ type: 'urn:resource-sharing-ledger:problem:title-already-claimed', title: 'Conflict', detail: expect.stringContaining(BORROWER) });
      expect(refused.body.errors).toEqual([{ field: 'isbn', message: refused.body.detail }]);
    }
    const held = freshIsbn();
    const holdings = await post('/v1/holdings', world().keys[THIRD], { items: [{ isbn: held, title: 'Held in Paris' }] });
    await ledger().caughtUp(holdings.body.position);
    await expectRefusedWritingNothing(() => claim(BORROWER, { isbn: held }), head, 409, 'title-already-held', 'isbn');
  });

  it('flags a claim outside the claimant’s share of the division of labour', async () => {
    const outside = freshIsbn();
    const inside = freshIsbn();
    await claimOk(BORROWER, { isbn: outside, subjects: ['512.5'] }); // ID-JKPNRI collects 900-999
    const last = await claimOk(BORROWER, { isbn: inside, subjects: ['959.8'] });
    await ledger().caughtUp(last.position);

    expect((await get(`/v1/acquisition-claims/${outside}`)).body).toMatchObject({ outsideDivisionOfLabour: true, subjects: ['512.5'] });
    expect((await get(`/v1/acquisition-claims/${inside}`)).body).toMatchObject({ outsideDivisionOfLabour: false });
    const flagged = (await get('/v1/acquisition-claims?outsideDivisionOfLabour=true&limit=500')).body.items.map((c: { isbn: string }) => c.isbn);
    expect(flagged).toContain(outside);
    expect(flagged).not.toContain(inside);

    const badSubject = await claim(BORROWER, { isbn: freshIsbn(), subjects: ['history'] });
    expect(badSubject.status).toBe(400);
    expect(badSubject.body.errors[0].field).toBe('subjects[0]');
  });

  it('lets the claimant release a claim, after which another library may claim the title', async () => {
    const isbn = freshIsbn();
    await claimOk(BORROWER, { isbn });
    const stranger = await post(`/v1/acquisition-claims/${isbn}/release`, world().keys[LENDER]);
    expect(stranger.status).toBe(403);
    expect(stranger.body.code).toBe('not-the-claimant');

    const released = await post(`/v1/acquisition-claims/${isbn}/release`, world().keys[BORROWER], { reason: 'budget spent' });
    expect(released.status).toBe(200);
    expect(released.body.events).toEqual([{ eventId: expect.any(String), type: 'AcquisitionClaimReleased' }]);
    const again = await post(`/v1/acquisition-claims/${isbn}/release`, world().keys[BORROWER]);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('no-active-claim');

    const next = await claimOk(LENDER, { isbn });
    await ledger().caughtUp(next.position);
    const view = (await get(`/v1/acquisition-claims/${isbn}`)).body;
    expect(view).toMatchObject({ isbn, status: 'active', claimant: LENDER });
    expect(view.history.map((step: { type: string }) => step.type)).toEqual([
      'AcquisitionClaimed', 'AcquisitionClaimReleased', 'AcquisitionClaimed',
    ]);
    expect(view.history[1]).toMatchObject({ claimant: BORROWER, reason: 'budget spent' });
  });

  it('transfers a claim to another partner, who then holds it', async () => {
    const isbn = freshIsbn();
    await claimOk(BORROWER, { isbn });
    const toSelf = await post(`/v1/acquisition-claims/${isbn}/transfer`, world().keys[BORROWER], { to: BORROWER });
    expect(toSelf.status).toBe(409);
    expect(toSelf.body.code).toBe('cannot-transfer-claim-to-self');
    const badIsil = await post(`/v1/acquisition-claims/${isbn}/transfer`, world().keys[BORROWER], { to: 'not an isil' });
    expect(badIsil.status).toBe(400);
    expect(badIsil.body.errors[0].field).toBe('to');

    const transferred = await post(`/v1/acquisition-claims/${isbn}/transfer`, world().keys[BORROWER], { to: THIRD.toLowerCase() });
    expect(transferred.status).toBe(200);
    await ledger().caughtUp(transferred.body.position);
    expect((await get(`/v1/acquisition-claims/${isbn}`)).body).toMatchObject({ claimant: THIRD, status: 'active' });
    expect((await post(`/v1/acquisition-claims/${isbn}/fulfil`, world().keys[BORROWER])).status).toBe(403);
    expect((await post(`/v1/acquisition-claims/${isbn}/release`, world().keys[THIRD])).status).toBe(200);
  });

  it('refuses transferring a claim to an active partner outside its agreement with 403 not-a-member, writing nothing', async () => {
    const isbn = freshIsbn();
    const claimed = await claimOk(BORROWER, { isbn });
    const before = await store.headPosition();
    const outside = await post(`/v1/acquisition-claims/${isbn}/transfer`, world().keys[BORROWER], { to: OUTSIDER });
    expectProblem(outside, 403, 'not-a-member');
    expect(outside.body.detail).toContain(OUTSIDER);
    expect(await store.headPosition()).toBe(before);
    expect(await typesIn(claimed.streamId)).toEqual(['AcquisitionClaimed']);
  });

  it('lists the claimant as a holder in the union catalogue once the claim is fulfilled', async () => {
    const isbn = freshIsbn();
    await claimOk(BORROWER, { isbn });
    const fulfilled = await post(`/v1/acquisition-claims/${isbn}/fulfil`, world().keys[BORROWER]);
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body.events.map((event: { type: string }) => event.type)).toEqual(['AcquisitionFulfilled']);
    await ledger().caughtUp(fulfilled.body.position);

    expect(await ledger().app.get(CooperationFacts).holders(isbn)).toEqual([BORROWER]);
    const rival = await claim(LENDER, { isbn });
    expect(rival.status).toBe(409);
    expect(rival.body.code).toBe('title-already-held');
    expect(rival.body.detail).toContain(BORROWER);
    expect((await get(`/v1/acquisition-claims/${isbn}`)).body).toMatchObject({ status: 'fulfilled', fulfilledBy: [BORROWER] });
  });

  it('refuses an ISBN with a wrong check digit with 400 naming isbn, writing nothing', async () => {
    const before = await store.headPosition();
    const isbn = freshIsbn();
    const badCheck = `${isbn.slice(0, 12)}${(Number(isbn[12]) + 1) % 10}`;
    for (const value of [badCheck, hyphenated(badCheck), '0-306-40615-3']) {
      const response = await claim(BORROWER, { isbn: value });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body.errors).toEqual([{ field: 'isbn', message: expect.stringMatching(/check digit/) }]);
    }
    const shape = await claim(BORROWER, { isbn: 'ISBN 978-0-306' });
    expect(shape.status).toBe(400);
    expect(shape.body.errors[0].field).toBe('isbn');
    const inPath = await post(`/v1/acquisition-claims/${badCheck}/release`, world().keys[BORROWER]);
    expect(inPath.status).toBe(400);
    expect(inPath.body.errors[0].field).toBe('isbn');
    // The title enters the catalogue once the claim is fulfilled: no control character (PostgreSQL refuses a NUL there).
    const nul = await claim(BORROWER, { isbn: freshIsbn(), title: 'Kidung\u0000Sunda' });
    expect({ status: nul.status, errors: nul.body.errors }).toEqual({ status: 400, errors: [{ field: 'title', message: 'title must not hold control characters (tabs and line breaks are taken)' }] });
    expect(await store.headPosition()).toBe(before);
  });

  it('accepts ISBN-10 and hyphenated forms and keys the title by its ISBN-13', async () => {
    const isbn = freshIsbn();
    const claimed = await claimOk(BORROWER, { isbn: asIsbn10(isbn) });
    expect(claimed.isbn).toBe(isbn);
    expect(claimed.streamId).toBe(`claim-${isbn}`);
    const sameTitle = await claim(LENDER, { isbn: hyphenated(isbn) });
    expect(sameTitle.status).toBe(409);
    expect(sameTitle.body.code).toBe('title-already-claimed');
    const released = await post(`/v1/acquisition-claims/${hyphenated(isbn)}/release`, world().keys[BORROWER]);
    expect(released.status).toBe(200);
    expect(released.body.streamId).toBe(`claim-${isbn}`);
    await ledger().caughtUp(released.body.position);
    expect((await get(`/v1/acquisition-claims/${asIsbn10(isbn)}`)).body).toMatchObject({ isbn, status: 'released' });
  });

  it('refuses a claim from a library outside the agreement', async () => {
    const response = await claim(OUTSIDER, { isbn: freshIsbn() });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('not-a-member');
  });

  it('lists claims by claimant, status and agreement with a cursor, and answers 404 for an unclaimed title', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) mine.push((await claimOk(THIRD, { isbn: freshIsbn() })).isbn);
    const last = await claimOk(THIRD, { isbn: freshIsbn() });
    mine.push(last.isbn);
    await ledger().caughtUp(last.position);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        `/v1/acquisition-claims?claimant=${THIRD.toLowerCase()}&status=active&agreementId=${world().agreementId}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        world().keys[LENDER],
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c: { isbn: string }) => c.isbn));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual([...mine].reverse());

    const bad = await get('/v1/acquisition-claims?status=lapsed&outsideDivisionOfLabour=yes&limit=501');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'outsideDivisionOfLabour', 'status']);
    expect((await get(`/v1/acquisition-claims/${freshIsbn()}`)).status).toBe(404);
    expect((await get('/v1/acquisition-claims/not-an-isbn')).body.errors[0].field).toBe('isbn');
  });
});

describe('a claim past its last day, before the scheduler has recorded its expiry', () => {
  // Claims hold one day; the scheduler runs only when the test says so.
  const { ledger, world, post, get, head } = useLedger({
    env: { LEDGER_SCHEDULER_INTERVAL_SECONDS: '0', LEDGER_RATE_LIMIT_PER_MINUTE: '100000' },
    terms: { claimHoldDays: 1 },
  });
  const day = (date: Date) => date.toISOString().slice(0, 10);

  it('refuses its release with 409 claim-lapsed naming isbn, writing nothing; the scheduler records it, and the report counts it lapsed', async () => {
    const isbn = freshIsbn();
    const key = world().keys[BORROWER];
    expect((await post('/v1/acquisition-claims', key, { agreementId: world().agreementId, isbn, title: 'Left to lapse' })).status).toBe(201);
    const later = new Date(Date.now() + 3 * 86_400_000);
    jest.spyOn(ledger().app.get<Clock>(CLOCK), 'now').mockImplementation(() => new Date(later));

    const refused = await expectRefusedWritingNothing(
      () => post(`/v1/acquisition-claims/${isbn}/release`, key, { reason: 'budget spent' }), head, 409, 'claim-lapsed', 'isbn',
    );
    expect(refused.body).toMatchObject({ type: 'urn:resource-sharing-ledger:problem:claim-lapsed', title: 'Conflict', detail: expect.stringContaining('has lapsed') });

    // The scheduler finds what is due in the claims read model.
    await ledger().caughtUp(await head());
    expect((await ledger().app.get(Scheduler, { strict: false }).run()).claimsExpired).toEqual([isbn]);
    await ledger().caughtUp(await head());
    expect((await get(`/v1/acquisition-claims/${isbn}`)).body).toMatchObject({ status: 'expired' });
    const report = await get(`/v1/reports/fairness?agreement=${world().agreementId}&from=${yesterday()}&to=${day(later)}`);
    expect(report.status).toBe(200);
    expect(report.body.partners.find((partner: { isil: string }) => partner.isil === BORROWER)).toMatchObject({ claimsFulfilled: 0, claimsLapsed: 1 });
    // Once its expiry is recorded there is nothing left to release.
    expectProblem(await post(`/v1/acquisition-claims/${isbn}/release`, key, {}), 409, 'no-active-claim');
  });
});
