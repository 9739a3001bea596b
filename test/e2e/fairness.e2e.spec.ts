import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../src/application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { Scheduler } from '../../src/application/scheduler/scheduler';
import { ADMIN_KEY, bearer, librarianKey, removeDataDir, startLedger, type RunningLedger } from './support/ledger-app';
import { BORROWER, LENDER, OUTSIDER, THIRD, establishWorld, yesterday, type World } from './support/world';

/*
 * A small network built over HTTP with the clock held by the test, so every
 * figure of the report can be worked out by hand. Names used in the comments:
 *
 *   B = ID-JKPNRI (the world's borrower)   L = DE-1 (its lender)   T = FR-751131015
 *   U = US-DLC and A = AU-ANL (joined to the world's agreement)   O = NL-0100030000 (outsider)
 *
 * Agreement 1 (the world's): B, L, T, U, A; every form; goal ratio 1.5.
 * Agreement 2: B and O, exchanges only (so O shares no agreement covering loans with B).
 * The report's period is 2030-03-01 .. 2030-06-30 (whole UTC days).
 *
 * Loans ("B ← L" = B borrows from L); t = shipped − requested:
 *   #0  B ← L  req 02-20 08:00  acc 09:00  shipped 02-20 10:00            (before the period)
 *   #11 B ← T  req 02-25 08:00  acc 02-26  shipped 03-02 08:00   t = 120 h (requested before, shipped in the period)
 *   #1  B ← L  req 03-02 08:00  acc 10:00  shipped 03-02 12:00   t =   4 h
 *   #2  B ← L  req 03-03 08:00  acc 09:00  shipped 03-04 08:00   t =  24 h
 *   #3  T ← L  req 03-05 08:00  acc 09:00  shipped 03-05 18:00   t =  10 h
 *   #4  B ← T  req 03-06 08:00  acc 09:00  shipped 03-08 08:00   t =  48 h
 *   #5  L ← B  req 03-09 08:00  acc 09:00  shipped 03-09 14:00   t =   6 h
 *   #6  B ← U  req 03-10 08:00  acc 09:00  shipped 03-10 10:00   t =   2 h
 *   #7  U ← L  req 03-11 08:00  acc 08:30  shipped 03-11 09:00   t =   1 h
 *   #8  T ← L  req 03-12 08:00  declined 09:00
 *   #9  B ← T  req 03-13 08:00  accepted 09:00, not shipped
 *   #10 B ← L  req 03-14 08:00  not answered
 *   #12 U ← L  req 07-01 08:00  acc 09:00  shipped 07-01 10:00            (after the period)
 */
const X = '9780306406157'; // held by B, L, T, U, A and O: the title of the lender suggestion
const H1 = '9780306406164'; // B
const H2 = '9780306406171'; // L
const H3 = '9780306406188'; // L
const H4 = '9780306406195'; // L, withdrawn on 03-19
const H5 = '9780306406201'; // T
const Y = '9780306406218'; // claimed and bought by T, then registered by T as well
const Z = '9780306406225'; // claimed by U, lapses

const US = 'US-DLC';
const AU = 'AU-ANL';
const FROM = '2030-03-01';
const TO = '2030-06-30';
const SERVICE_COLUMNS = 'cataloguing,facility-access,training,reference';

describe('the fairness report and the lender suggestion, against a hand-computed network', () => {
  let ledger: RunningLedger;
  let world: World;
  let agreementId: string;
  let keys: Record<string, string>;
  let now = '2030-02-19T08:00:00.000Z';
  let last: string | null = null;

  /** `at('03-02 08:00')`: the clock reads that minute of 2030, UTC, until told otherwise. */
  const at = (when: string) => {
    const [day, time] = when.split(' ');
    now = `2030-${day}T${time}:00.000Z`;
  };
  const post = async (path: string, key: string, body: object = {}) => {
    const response = await ledger.http().post(path).set(bearer(key)).send(body);
    if (response.status >= 300) throw new Error(`${now} POST ${path}: ${response.status} ${response.text}`);
    last = response.body.position ?? last;
    return response.body;
  };
  const get = (path: string, key = ADMIN_KEY) => ledger.http().get(path).set(bearer(key));

  const loan = async (
    borrower: string,
    lender: string,
    steps: { requested: string; accepted?: string; declined?: string; shipped?: string; cancelled?: string },
    agreement = agreementId,
  ) => {
    at(steps.requested);
    const { loanId } = await post('/v1/loans', keys[borrower], { agreementId: agreement, lender, item: { title: 'Fixture' } });
    if (steps.accepted) {
      at(steps.accepted);
      await post(`/v1/loans/${loanId}/accept`, keys[lender]);
    }
    if (steps.declined) {
      at(steps.declined);
      await post(`/v1/loans/${loanId}/decline`, keys[lender], { reason: 'not for loan' });
    }
    if (steps.shipped) {
      at(steps.shipped);
      await post(`/v1/loans/${loanId}/ship`, keys[lender]);
    }
    if (steps.cancelled) {
      at(steps.cancelled);
      await post(`/v1/loans/${loanId}/cancel`, keys[borrower], { reason: 'found it elsewhere' });
    }
  };

  const titles = (count: number) => Array.from({ length: count }, (_, i) => ({ title: `Serial ${i + 1}` }));
  const exchange = async (agreement: string, proposer: string, counterpart: string, items: number, day: string, senders: string[]) => {
    at(`${day} 08:00`);
    const { exchangeId } = await post('/v1/exchanges', keys[proposer], { agreementId: agreement, counterpart, offered: titles(items), requested: titles(items) });
    at(`${day} 09:00`);
    await post(`/v1/exchanges/${exchangeId}/accept`, keys[counterpart]);
    for (const sender of senders) {
      at(`${day} 10:00`);
      await post(`/v1/exchanges/${exchangeId}/dispatch`, keys[sender]);
    }
  };
  const service = async (provider: string, recipient: string, kind: string, units: number, when: string) => {
    at(when);
    return (await post('/v1/services', keys[provider], { agreementId, recipient, kind, units })).serviceId as string;
  };
  const holdings = (isil: string, isbns: string[]) => post('/v1/holdings', keys[isil], { items: isbns.map((isbn) => ({ isbn, title: `Title ${isbn}` })) });

  beforeAll(async () => {
    ledger = await startLedger(undefined, { LEDGER_SCHEDULER_INTERVAL_SECONDS: '0', LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' });
    world = await establishWorld(ledger, { goalRatio: 1.5 });
    agreementId = world.agreementId;
    jest.spyOn(ledger.app.get<Clock>(CLOCK), 'now').mockImplementation(() => new Date(now));

    at('02-19 08:00');
    for (const [isil, name] of [[US, 'Library of Congress'], [AU, 'National Library of Australia']]) {
      await post('/v1/partners', ADMIN_KEY, { isil, name });
      await post(`/v1/agreements/${agreementId}/members`, ADMIN_KEY, { isil });
    }
    keys = { ...world.keys, [US]: await librarianKey(ledger, US), [AU]: await librarianKey(ledger, AU) };
    const second = await post('/v1/agreements', ADMIN_KEY, {
      title: 'Exchanges only',
      focalPoint: BORROWER,
      members: [BORROWER, OUTSIDER],
      forms: ['exchanges'],
      startsOn: yesterday(),
      terms: { loanPeriodDays: 28, maxRenewals: 0, goalRatio: 1, claimHoldDays: 90 },
    });

    await holdings(BORROWER, [X, H1]);
    await holdings(LENDER, [X, H2, H3, H4]);
    await holdings(THIRD, [X, H5]);
    await holdings(US, [X]);
    await holdings(AU, [X]);
    await holdings(OUTSIDER, [X]);

    await loan(BORROWER, LENDER, { requested: '02-20 08:00', accepted: '02-20 09:00', shipped: '02-20 10:00' }); // #0
    await loan(BORROWER, THIRD, { requested: '02-25 08:00', accepted: '02-26 08:00', shipped: '03-02 08:00' }); // #11
    await loan(BORROWER, LENDER, { requested: '03-02 08:00', accepted: '03-02 10:00', shipped: '03-02 12:00' }); // #1
    await loan(BORROWER, LENDER, { requested: '03-03 08:00', accepted: '03-03 09:00', shipped: '03-04 08:00' }); // #2
    await loan(THIRD, LENDER, { requested: '03-05 08:00', accepted: '03-05 09:00', shipped: '03-05 18:00' }); // #3
    await loan(BORROWER, THIRD, { requested: '03-06 08:00', accepted: '03-06 09:00', shipped: '03-08 08:00' }); // #4
    await loan(LENDER, BORROWER, { requested: '03-09 08:00', accepted: '03-09 09:00', shipped: '03-09 14:00' }); // #5
    await loan(BORROWER, US, { requested: '03-10 08:00', accepted: '03-10 09:00', shipped: '03-10 10:00' }); // #6
    await loan(US, LENDER, { requested: '03-11 08:00', accepted: '03-11 08:30', shipped: '03-11 09:00' }); // #7
    await loan(THIRD, LENDER, { requested: '03-12 08:00', declined: '03-12 09:00' }); // #8
    await loan(BORROWER, THIRD, { requested: '03-13 08:00', accepted: '03-13 09:00' }); // #9
    await loan(BORROWER, LENDER, { requested: '03-14 08:00' }); // #10

    // Claims: T buys Y (and registers it too: still one title), U lets Z lapse (expires on 03-16 + 90 days = 06-14).
    at('03-16 08:00');
    await post('/v1/acquisition-claims', keys[THIRD], { agreementId, isbn: Y, title: 'Bought by T' });
    await post('/v1/acquisition-claims', keys[US], { agreementId, isbn: Z, title: 'Left to lapse by U' });
    at('03-17 08:00');
    await post(`/v1/acquisition-claims/${Y}/fulfil`, keys[THIRD]);
    at('03-18 08:00');
    await holdings(THIRD, [Y]);
    at('03-19 08:00');
    await post('/v1/holdings/withdraw', keys[LENDER], { isbns: [H4] });

    await service(LENDER, BORROWER, 'cataloguing', 10, '03-20 08:00');
    await service(LENDER, THIRD, 'cataloguing', 2.5, '03-21 08:00');
    await service(BORROWER, LENDER, 'training', 3, '03-22 08:00');
    const voided = await service(THIRD, US, 'reference', 4, '03-23 08:00');
    at('03-24 08:00');
    await post(`/v1/services/${voided}/void`, keys[THIRD], { reason: 'recorded twice' });
    await service(US, BORROWER, 'facility-access', 1.25, '03-25 08:00');

    await exchange(agreementId, LENDER, BORROWER, 3, '04-01', [LENDER]); // B owes L 3 items
    await exchange(agreementId, THIRD, US, 2, '04-03', [THIRD, US]); // settled
    await exchange(agreementId, BORROWER, THIRD, 1, '04-06', [BORROWER]); // T owes B 1 item
    await exchange(second.agreementId, BORROWER, OUTSIDER, 2, '04-08', [OUTSIDER]); // another agreement: not in the report

    await ledger.caughtUp(last);
    at('06-15 08:00');
    const run = await ledger.app.get(Scheduler, { strict: false }).run();
    expect(run.claimsExpired).toEqual([Z]);

    await loan(US, LENDER, { requested: '07-01 08:00', accepted: '07-01 09:00', shipped: '07-01 10:00' }); // #12
    at('07-02 08:00');
    await post(`/v1/partners/${AU}/suspend`, ADMIN_KEY, { reason: 'unpaid membership' });
    await ledger.caughtUp(last);
    expect(BigInt((await ledger.app.get<EventStore>(EVENT_STORE).headPosition())!)).toBe(BigInt(last!));
  }, 120_000);

  afterAll(async () => {
    await ledger.stop();
    removeDataDir(ledger.dataDir);
  });

  const report = (query: string) => get(`/v1/reports/fairness?${query}`);

  describe('GET /v1/reports/fairness', () => {
    it('gives every figure as computed by hand', async () => {
      const response = await report(`agreement=${agreementId}&from=${FROM}&to=${TO}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const { network, ...rest } = response.body;
      expect(rest).toEqual({
        agreementId,
        from: FROM,
        to: TO,
        goalRatio: 1.5,
        partners: [
          {
            // A joined but did nothing: no ratio, no fill rate, no turnaround; score 0 × 1.5 − 0 = 0.
            isil: AU, member: true, holdings: 1,
            loansLent: 0, loansBorrowed: 0, ratio: null, goalRatio: 1.5, distanceFromGoal: null, loadLevellingScore: 0,
            fillRate: null, turnaroundMedianHours: null, turnaroundP90Hours: null,
            openExchangeDebt: '0', claimsFulfilled: 0, claimsLapsed: 0, servicesGiven: {}, servicesReceived: {},
          },
          {
            // L lent #1 #2 #3 #7 = 4 and borrowed #5 = 1 (#0 and #12 fall outside the period): ratio 4 / 1 = 4, 4 − 1.5 = 2.5;
            // score 1 × 1.5 − 4 = −2.5. Requests received in the period: #1 #2 #3 #7 #8 #10 = 6, accepted #1 #2 #3 #7 = 4.
            // Turnarounds 4, 24, 10, 1 → sorted 1, 4, 10, 24: median (4 + 10) / 2 = 7; p90 = rank ⌈0.9 × 4⌉ = 4th = 24.
            // Exchanges: sent 3 to B, received none: balance +3, owes nothing. Holdings X H2 H3 H4 − H4 = 3.
            isil: LENDER, member: true, holdings: 3,
            loansLent: 4, loansBorrowed: 1, ratio: 4, goalRatio: 1.5, distanceFromGoal: 2.5, loadLevellingScore: -2.5,
            fillRate: 4 / 6, turnaroundMedianHours: 7, turnaroundP90Hours: 24,
            openExchangeDebt: '0', claimsFulfilled: 0, claimsLapsed: 0,
            servicesGiven: { cataloguing: '12.5' }, // 10 to B + 2.5 to T
            servicesReceived: { training: '3' },
          },
          {
            // T lent #4 #11 = 2, borrowed #3 = 1: ratio 2, 2 − 1.5 = 0.5; score 1 × 1.5 − 2 = −0.5.
            // Requests received in the period: #4 #9 = 2 (#11 came in February), both accepted: 2 / 2 = 1.
            // Turnarounds 48 and 120: median (48 + 120) / 2 = 84; p90 = rank ⌈0.9 × 2⌉ = 2nd = 120.
            // Exchanges: +2 to U, −2 from U, −1 from B = −1: owes 1. Holdings X H5 + Y (bought, then registered: once) = 3.
            isil: THIRD, member: true, holdings: 3,
            loansLent: 2, loansBorrowed: 1, ratio: 2, goalRatio: 1.5, distanceFromGoal: 0.5, loadLevellingScore: -0.5,
            fillRate: 1, turnaroundMedianHours: 84, turnaroundP90Hours: 120,
            openExchangeDebt: '1', claimsFulfilled: 1, claimsLapsed: 0,
            servicesGiven: {}, // reference 4 − 4 voided = 0, left out
            servicesReceived: { cataloguing: '2.5' },
          },
          {
            // B lent #5 = 1, borrowed #1 #2 #4 #6 #11 = 5: ratio 1 / 5 = 0.2, 0.2 − 1.5 = −1.3; score 5 × 1.5 − 1 = 6.5.
            // Requests received: #5, accepted: 1 / 1. Turnaround 6 h. Exchanges: −3 from L, +1 to T = −2: owes 2
            // (its exchange with O is under the other agreement). Holdings X H1 = 2.
            isil: BORROWER, member: true, holdings: 2,
            loansLent: 1, loansBorrowed: 5, ratio: 1 / 5, goalRatio: 1.5, distanceFromGoal: 1 / 5 - 1.5, loadLevellingScore: 6.5,
            fillRate: 1, turnaroundMedianHours: 6, turnaroundP90Hours: 6,
            openExchangeDebt: '2', claimsFulfilled: 0, claimsLapsed: 0,
            servicesGiven: { training: '3' },
            servicesReceived: { cataloguing: '10', 'facility-access': '1.25' },
          },
          {
            // U lent #6 = 1, borrowed #7 = 1 (#12 is in July): ratio 1, 1 − 1.5 = −0.5; score 1 × 1.5 − 1 = 0.5.
            // Requests received: #6, accepted: 1 / 1. Turnaround 2 h. Exchanges: −2 + 2 = 0. Z lapsed. Holdings X = 1.
            isil: US, member: true, holdings: 1,
            loansLent: 1, loansBorrowed: 1, ratio: 1, goalRatio: 1.5, distanceFromGoal: -0.5, loadLevellingScore: 0.5,
            fillRate: 1, turnaroundMedianHours: 2, turnaroundP90Hours: 2,
            openExchangeDebt: '0', claimsFulfilled: 0, claimsLapsed: 1,
            servicesGiven: { 'facility-access': '1.25' },
            servicesReceived: {}, // the voided reference service nets to 0
          },
        ],
      });

      // Lending load = lent / holdings: A 0/1 = 0, B 1/2, T 2/3, U 1/1, L 4/3; sorted 0, 1/2, 2/3, 1, 4/3 (sum 3.5).
      // Gini = Σ (2i − n − 1)·x₍ᵢ₎ / (n · Σx) = (−4·0 − 2·½ + 0·⅔ + 2·1 + 4·4/3) / (5 · 3.5) = (19/3) / 17.5 = 38/105.
      expect(network.giniOfLendingLoad).toBeCloseTo(38 / 105, 12);
      // |score|: B 6.5, L 2.5, T 0.5 and U 0.5 (tie: ISIL order); A is on its goal (0) and left out.
      expect(network.furthestFromGoal).toEqual([
        { isil: BORROWER, loadLevellingScore: 6.5, ratio: 1 / 5, goalRatio: 1.5, distanceFromGoal: 1 / 5 - 1.5 },
        { isil: LENDER, loadLevellingScore: -2.5, ratio: 4, goalRatio: 1.5, distanceFromGoal: 2.5 },
        { isil: THIRD, loadLevellingScore: -0.5, ratio: 2, goalRatio: 1.5, distanceFromGoal: 0.5 },
        { isil: US, loadLevellingScore: 0.5, ratio: 1, goalRatio: 1.5, distanceFromGoal: -0.5 },
      ]);
      expect(network.totals).toEqual({
        partners: 5,
        loansLent: 8, // 0 + 4 + 2 + 1 + 1
        loansBorrowed: 8, // 0 + 1 + 1 + 5 + 1
        openExchangeDebt: '3', // B 2 + T 1
        claimsFulfilled: 1,
        claimsLapsed: 1,
        servicesGiven: { cataloguing: '12.5', 'facility-access': '1.25', training: '3' },
        servicesReceived: { cataloguing: '12.5', 'facility-access': '1.25', training: '3' },
      });
    });

    it('counts only what the period holds', async () => {
      // February: #0 shipped (L lent 1, B borrowed 1, 08:00 → 10:00 = 2 h); #0 and #11 requested and accepted.
      const { body } = await report(`agreement=${agreementId}&from=2030-02-01&to=2030-02-28`);
      const line = (isil: string) => body.partners.find((p: { isil: string }) => p.isil === isil);
      expect(line(LENDER)).toMatchObject({ loansLent: 1, loansBorrowed: 0, fillRate: 1, turnaroundMedianHours: 2, loadLevellingScore: -1 });
      expect(line(BORROWER)).toMatchObject({ loansLent: 0, loansBorrowed: 1, loadLevellingScore: 1.5, fillRate: null });
      expect(line(THIRD)).toMatchObject({ loansLent: 0, fillRate: 1, turnaroundMedianHours: null, openExchangeDebt: '0', claimsFulfilled: 0 });
      expect(body.network.totals).toMatchObject({ loansLent: 1, loansBorrowed: 1, servicesGiven: {} });
    });

    it('gives the same figures as CSV, one line per partner under a header', async () => {
      const response = await report(`agreement=${agreementId}&from=${FROM}&to=${TO}&format=csv`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="fairness-${agreementId}-${FROM}-${TO}.csv"`);
      const given = SERVICE_COLUMNS.split(',').map((kind) => `servicesGiven.${kind}`);
      const received = SERVICE_COLUMNS.split(',').map((kind) => `servicesReceived.${kind}`);
      expect(response.text.split('\r\n')).toEqual([
        [
          'isil,member,loansLent,loansBorrowed,ratio,goalRatio,distanceFromGoal,loadLevellingScore,fillRate',
          'turnaroundMedianHours,turnaroundP90Hours,openExchangeDebt,claimsFulfilled,claimsLapsed,holdings',
          ...given, ...received,
        ].join(','),
        // services: given cataloguing, facility-access, training, reference; then received in the same order
        'AU-ANL,true,0,0,,1.5,,0,,,,0,0,0,1,0,0,0,0,0,0,0,0',
        'DE-1,true,4,1,4,1.5,2.5,-2.5,0.6666666666666666,7,24,0,0,0,3,12.5,0,0,0,0,0,3,0',
        'FR-751131015,true,2,1,2,1.5,0.5,-0.5,1,84,120,1,1,0,3,0,0,0,0,2.5,0,0,0',
        'ID-JKPNRI,true,1,5,0.2,1.5,-1.3,6.5,1,6,6,2,0,0,2,0,0,3,0,10,1.25,0,0',
        'US-DLC,true,1,1,1,1.5,-0.5,0.5,1,2,2,0,0,1,1,0,1.25,0,0,0,0,0,0',
        '',
      ]);
    });

    it('answers 404 for an agreement it does not know', async () => {
      const response = await report(`agreement=${randomUUID()}&from=${FROM}&to=${TO}`);
      expect({ status: response.status, code: response.body.code, fields: response.body.errors?.map((error: { field: string }) => error.field) }).toEqual({
        status: 404, code: 'agreement-not-found', fields: ['agreement'],
      });
    });

    it('answers 400 naming from when from is after to', async () => {
      const response = await report(`agreement=${agreementId}&from=2030-07-01&to=2030-06-30`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
    });

    it.each([
      ['a date that does not exist', 'from=2030-02-30&to=2030-03-31', ['from']],
      ['a date in another shape', 'from=2030-03-01&to=30.06.2030', ['to']],
      ['no dates', '', ['from', 'to']],
      ['a period that ends on the last day of year 9999', 'from=2030-01-01&to=9999-12-31', ['to']],
    ])('answers 400 to %s, naming the field', async (_, dates, fields) => {
      const response = await report(`agreement=${agreementId}${dates ? `&${dates}` : ''}`);
      expect(response.status).toBe(400);
      expect([...new Set(response.body.errors.map((e: { field: string }) => e.field))]).toEqual(fields);
    });

    it('answers 400 to a format it does not write and to an agreement that is not a UUID', async () => {
      expect((await report(`agreement=${agreementId}&from=${FROM}&to=${TO}&format=xlsx`)).body.errors[0].field).toBe('format');
      expect((await report(`agreement=not-a-uuid&from=${FROM}&to=${TO}`)).body.errors[0].field).toBe('agreement');
    });
  });

  describe('GET /v1/lenders/suggest', () => {
    it('ranks the holders by load-levelling score, leaving out the borrower, a suspended holder and one sharing no loan agreement', async () => {
      at('07-05 08:00');
      const response = await get(`/v1/lenders/suggest?isbn=978-0-306-40615-7&borrower=${BORROWER}`, keys[BORROWER]);
      expect(response.status).toBe(200);
      // The last 365 days count every loan above: #0 and #12 too.
      const part = (lent: number, borrowed: number, score: number) => [{ agreementId, goalRatio: 1.5, lent, borrowed, score }];
      expect(response.body).toEqual({
        isbn: X,
        borrower: BORROWER,
        since: '2029-07-05T08:00:00.000Z',
        until: '2030-07-05T08:00:00.000Z',
        suggestions: [
          {
            // U lent #6 = 1, borrowed #7 #12 = 2: 2 × 1.5 − 1 = 2
            rank: 1, isil: US, loadLevellingScore: 2, loansLent: 1, loansBorrowed: 2, agreements: part(1, 2, 2),
            reason: 'score 2 = 2 borrowed × goal 1.5 − 1 lent over the last 365 days; the highest score',
          },
          {
            // T lent #4 #11 = 2, borrowed #3 = 1: 1 × 1.5 − 2 = −0.5
            rank: 2, isil: THIRD, loadLevellingScore: -0.5, loansLent: 2, loansBorrowed: 1, agreements: part(2, 1, -0.5),
            reason: 'score -0.5 = 1 borrowed × goal 1.5 − 2 lent over the last 365 days; lower than US-DLC (2)',
          },
          {
            // L lent #0 #1 #2 #3 #7 #12 = 6, borrowed #5 = 1: 1 × 1.5 − 6 = −4.5
            rank: 3, isil: LENDER, loadLevellingScore: -4.5, loansLent: 6, loansBorrowed: 1, agreements: part(6, 1, -4.5),
            reason: 'score -4.5 = 1 borrowed × goal 1.5 − 6 lent over the last 365 days; lower than FR-751131015 (-0.5)',
          },
        ],
        excluded: [
          { isil: AU, reason: 'suspended' },
          { isil: BORROWER, reason: 'is-the-borrower' },
          { isil: OUTSIDER, reason: 'no-shared-loan-agreement' },
        ],
      });
    });

    it('answers 400 naming isbn for an ISBN whose check digit is wrong', async () => {
      const response = await get(`/v1/lenders/suggest?isbn=978-0-306-40615-8&borrower=${BORROWER}`);
      expect({ status: response.status, fields: response.body.errors.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: ['isbn'] });
    });

    it('suggests nobody for a title nobody holds', async () => {
      const nobody = await get(`/v1/lenders/suggest?isbn=9780306406232&borrower=${BORROWER}`);
      expect(nobody.body).toMatchObject({ suggestions: [], excluded: [] });
    });
  });

  // Runs last: it amends the agreement the cases above read.
  describe('a goal ratio amended after a period ended', () => {
    it('judges the period against the goal agreed for it, and later periods against the new one', async () => {
      const before = (await report(`agreement=${agreementId}&from=${FROM}&to=${TO}`)).body;
      at('07-03 08:00');
      await post(`/v1/agreements/${agreementId}/amend`, ADMIN_KEY, { terms: { goalRatio: 3 } });
      await ledger.caughtUp(last);

      const past = await report(`agreement=${agreementId}&from=${FROM}&to=${TO}&minPosition=${last}`);
      expect(past.body).toEqual(before);
      expect(past.body).toMatchObject({ goalRatio: 1.5 });
      const byMonth = await get(`/v1/reports/lending-by-month?agreement=${agreementId}&from=${FROM}&to=${TO}`);
      expect(byMonth.body).toMatchObject({ goalRatio: 1.5 });

      const since = await report(`agreement=${agreementId}&from=2030-07-01&to=2030-07-03`);
      expect(since.body).toMatchObject({ goalRatio: 3 });
      const line = (isil: string) => since.body.partners.find((partner: { isil: string }) => partner.isil === isil);
      expect(line(US)).toMatchObject({ loansBorrowed: 1, goalRatio: 3, loadLevellingScore: 3 });
      expect(line(LENDER)).toMatchObject({ loansLent: 1, goalRatio: 3, loadLevellingScore: -1 });
    });
  });

  /*
   * Fill rate over the requests the lender had to answer. Agreement 3: B and L, loans only,
   * established 07-20. Loans B ← L, each from a request of B to L:
   *
   *   #20 req 07-30 08:00  cancelled by B 08-02 08:00, unanswered          (received before August)
   *   #21 req 08-03 08:00  acc 09:00  shipped 10:00                         filled
   *   #22 req 08-04 08:00  declined 09:00                                   unfilled
   *   #23 req 08-05 08:00  cancelled by B 11:00, unanswered                 withdrawn (the same day)
   *   #24 req 08-06 08:00  acc 09:00  cancelled by B 08-07 08:00            accepted: filled, then withdrawn
   *   #25 req 08-10 08:00  cancelled by B 08-12 08:00, unanswered           withdrawn (two days later)
   *   #26 req 08-30 08:00  cancelled by B 09-02 08:00, unanswered           withdrawn after August ended
   *
   * Until this change fillRate was accepted ÷ received: a request the borrower withdrew counted against L.
   */
  describe('the fill rate, leaving out requests the borrower cancelled before the lender answered', () => {
    let loansOnly: string;
    const lenderLine = async (from: string, to: string, query = '') => {
      const response = await report(`agreement=${loansOnly}&from=${from}&to=${to}${query}&minPosition=${last}`);
      expect(response.status).toBe(200);
      return response;
    };
    const fillRateOf = async (isil: string, from: string, to: string) =>
      (await lenderLine(from, to)).body.partners.find((partner: { isil: string }) => partner.isil === isil).fillRate;

    beforeAll(async () => {
      at('07-20 08:00');
      ({ agreementId: loansOnly } = await post('/v1/agreements', ADMIN_KEY, {
        title: 'Loans between B and L',
        focalPoint: BORROWER,
        members: [BORROWER, LENDER],
        forms: ['loans'],
        startsOn: yesterday(),
        terms: { loanPeriodDays: 28, maxRenewals: 0, goalRatio: 1, claimHoldDays: 90 },
      }));
      await loan(BORROWER, LENDER, { requested: '07-30 08:00', cancelled: '08-02 08:00' }, loansOnly); // #20
      await loan(BORROWER, LENDER, { requested: '08-03 08:00', accepted: '08-03 09:00', shipped: '08-03 10:00' }, loansOnly); // #21
      await loan(BORROWER, LENDER, { requested: '08-04 08:00', declined: '08-04 09:00' }, loansOnly); // #22
      await loan(BORROWER, LENDER, { requested: '08-05 08:00', cancelled: '08-05 11:00' }, loansOnly); // #23
      await loan(BORROWER, LENDER, { requested: '08-06 08:00', accepted: '08-06 09:00', cancelled: '08-07 08:00' }, loansOnly); // #24
      await loan(BORROWER, LENDER, { requested: '08-10 08:00', cancelled: '08-12 08:00' }, loansOnly); // #25
      await loan(BORROWER, LENDER, { requested: '08-30 08:00', cancelled: '09-02 08:00' }, loansOnly); // #26
      await ledger.caughtUp(last);
    });

    it('is filled ÷ (received − withdrawn before an answer): the declined request and the one cancelled after acceptance stay in', async () =>
      // 08-01..08-09: received #21 #22 #23 #24 = 4, accepted #21 #24 = 2, withdrawn before an answer #23 = 1: 2 / (4 − 1)
      // (it was 2 / 4 before this change). #20 came in July: its cancellation in August counts nowhere.
      expect(await fillRateOf(LENDER, '2030-08-01', '2030-08-09')).toBe(2 / 3));

    it('keeps a request withdrawn after the period ended in that period, and leaves it out of a period that holds its withdrawal', async () => {
      // August: received #21–#26 = 6, accepted 2, withdrawn before its end #23 #25 = 2 (#26 was withdrawn on 09-02): 2 / (6 − 2)
      // (it was 2 / 6 before this change).
      expect(await fillRateOf(LENDER, '2030-08-01', '2030-08-31')).toBe(2 / 4);
      // August and September: #26 withdrawn too: 2 / (6 − 3).
      expect(await fillRateOf(LENDER, '2030-08-01', '2030-09-30')).toBe(2 / 3);
      // September alone: no request received, so no fill rate (the withdrawal of an August request is not September's).
      expect(await fillRateOf(LENDER, '2030-09-01', '2030-09-30')).toBeNull();
      // B received no request at all.
      expect(await fillRateOf(BORROWER, '2030-08-01', '2030-09-30')).toBeNull();
    });

    it('gives no fill rate, in JSON or CSV, when every request received was withdrawn before an answer', async () => {
      // 08-05: #23 alone, withdrawn the same day: 0 / (1 − 1), empty as a ratio with nothing borrowed is.
      expect(await fillRateOf(LENDER, '2030-08-05', '2030-08-05')).toBeNull();
      const csv = (await lenderLine('2030-08-05', '2030-08-05', '&format=csv')).text.split('\r\n');
      expect(csv[0].split(',').indexOf('fillRate')).toBe(8);
      expect(csv.find((row) => row.startsWith(`${LENDER},`))!.split(',')[8]).toBe('');
    });
  });
});
