import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/application/ports/event-store.port';
import { entriesOf, parseAmount, formatAmount, postingsFor, type Entry } from '../../src/domain/ledger';
import { ADMIN_KEY, bearer } from './support/ledger-app';
import { PROBLEM, expectProblem, fieldsOf } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER, THIRD } from './support/world';

type Line = { partner: string; counterparty?: string; unit: string; balance: string };

/** The whole log, read through the EventStore port. */
const readLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll({ after: events.at(-1)?.position ?? null, limit: 500 });
    if (batch.length === 0) return events;
    events.push(...batch);
  }
};

/**
 * Balances computed the auditor's way, with no read model: replay the log up
 * to the cut, post each event with the domain rules, sum the entries.
 */
const replay = (log: readonly RecordedEvent[], keep: (event: RecordedEvent) => boolean, filter: { partner?: string; counterparty?: string } = {}): Line[] => {
  const sums = new Map<string, bigint>();
  const entries: Entry[] = log
    .filter(keep)
    .flatMap((e) => postingsFor({ type: e.type, data: e.data, eventId: e.eventId, position: e.position, recordedAt: e.metadata.recordedAt }))
    .flatMap(entriesOf)
    .filter((entry) => (filter.partner ?? entry.partner) === entry.partner && (filter.counterparty ?? entry.counterparty) === entry.counterparty);
  for (const entry of entries) {
    const key = JSON.stringify([entry.partner, filter.counterparty === undefined ? null : entry.counterparty, entry.unit]);
    sums.set(key, (sums.get(key) ?? 0n) + parseAmount(entry.amount));
  }
  return [...sums]
    .map(([key, sum]) => {
      const [partner, counterparty, unit] = JSON.parse(key) as [string, string | null, string];
      return { partner, ...(counterparty === null ? {} : { counterparty }), unit, balance: formatAmount(sum) };
    })
    .sort((a, b) => (a.partner + ' ' + (a.counterparty ?? '') + ' ' + a.unit < b.partner + ' ' + (b.counterparty ?? '') + ' ' + b.unit ? -1 : 1));
};

const byKey = (lines: Line[]) => Object.fromEntries(lines.map((l) => [`${l.partner}${l.counterparty ? `/${l.counterparty}` : ''} ${l.unit}`, l.balance]));

describe('double-entry balances over HTTP', () => {
  const { ledger, world, get } = useLedger({
    env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' },
    terms: { feePerLoan: { amount: '2.50', currency: 'EUR' }, lostItemCompensation: { amount: '40.00', currency: 'EUR' } },
  });
  /** Positions after each act of the story, for as-of cuts. */
  const marks: Record<string, string> = {};
  const key = (isil: string) => world().keys[isil];

  const post = async (path: string, as: string, body: object = {}) => {
    const response = await ledger().http().post(path).set(bearer(as)).send(body);
    expect({ path, status: response.status, body: response.status < 300 ? undefined : response.body }).toEqual({
      path, status: path.split('/').length === 3 ? 201 : 200, body: undefined,
    });
    return response.body as { position: string } & Record<string, string>;
  };
  const store = () => ledger().app.get<EventStore>(EVENT_STORE);

  const loan = async (borrower: string, lender: string, steps: [string, string][]) => {
    const { loanId } = await post('/v1/loans', key(borrower), { agreementId: world().agreementId, lender, item: { title: 'Babad Tanah Jawi' } });
    let position = '';
    for (const [step, by] of steps) position = (await post(`/v1/loans/${loanId}/${step}`, key(by), step === 'decline' ? { reason: 'no' } : {})).position;
    return { loanId, position };
  };

  beforeAll(async () => {
    marks.start = (await store().headPosition())!;

    // Loans with a fee, shipped: DE-1 lends to ID-JKPNRI (returned), to FR-751131015 (lost), and borrows from ID-JKPNRI.
    marks.firstLoan = (await loan(BORROWER, LENDER, [['accept', LENDER], ['ship', LENDER], ['receive', BORROWER], ['return', BORROWER], ['check-in', LENDER]])).position;
    const lost = await loan(THIRD, LENDER, [['accept', LENDER], ['ship', LENDER]]);
    marks.shippedToThird = lost.position;
    marks.lost = (await post(`/v1/loans/${lost.loanId}/report-lost`, key(THIRD), { reason: 'flood' })).position;
    marks.borrowedBack = (await loan(LENDER, BORROWER, [['accept', BORROWER], ['ship', BORROWER]])).position;
    // A loan declined moves nothing.
    marks.declined = (await loan(BORROWER, THIRD, [['decline', THIRD]])).position;

    // A two-for-two exchange, each side dispatching.
    const items = [{ title: 'Serat Centhini' }, { title: 'Max Havelaar' }];
    const { exchangeId } = await post('/v1/exchanges', key(BORROWER), { agreementId: world().agreementId, counterpart: LENDER, offered: items, requested: items });
    await post(`/v1/exchanges/${exchangeId}/accept`, key(LENDER));
    marks.halfExchanged = (await post(`/v1/exchanges/${exchangeId}/dispatch`, key(BORROWER))).position;
    marks.exchanged = (await post(`/v1/exchanges/${exchangeId}/dispatch`, key(LENDER))).position;

    // A rotation of three items from DE-1, received by its first host.
    const { rotationId } = await post('/v1/rotations', key(LENDER), {
      agreementId: world().agreementId,
      items: [{ itemId: 'B-1', title: 'Buddenbrooks' }, { itemId: 'B-2', title: 'Effi Briest' }, { itemId: 'B-3', title: 'Der Zauberberg' }],
      itinerary: [{ host: THIRD, days: 14 }],
    });
    await post(`/v1/rotations/${rotationId}/dispatch`, key(LENDER));
    marks.rotated = (await post(`/v1/rotations/${rotationId}/receive`, key(THIRD))).position;

    // Services: cataloguing rendered then voided, training kept.
    const catalogued = await post('/v1/services', key(THIRD), { agreementId: world().agreementId, recipient: BORROWER, kind: 'cataloguing', units: 12.5 });
    marks.catalogued = catalogued.position;
    await post('/v1/services', key(THIRD), { agreementId: world().agreementId, recipient: LENDER, kind: 'training', units: 3 });
    marks.end = (await post(`/v1/services/${catalogued.serviceId}/void`, key(THIRD), { reason: 'recorded twice' })).position;
    await ledger().caughtUp(marks.end);
  });

  const balances = async (query: string, as = ADMIN_KEY) => {
    const response = await get(`/v1/balances${query}`, as);
    expect({ status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({ status: 200, body: undefined });
    return response.body as { asOf: { position?: string; instant?: string }; balances: Line[] };
  };

  it('gives every partner’s balance per unit, matching hand-computed values', async () => {
    const answer = await balances('');
    expect(answer.asOf).toEqual({ position: expect.stringMatching(/^\d+$/) });
    expect(BigInt(answer.asOf.position!)).toBeGreaterThanOrEqual(BigInt(marks.end));
    expect(byKey(answer.balances)).toEqual({
      // loans: DE-1 lent two and borrowed one; ID-JKPNRI borrowed one and lent one; FR-751131015 borrowed one.
      [`${LENDER} loan`]: '1',
      [`${BORROWER} loan`]: '0',
      [`${THIRD} loan`]: '-1',
      // fees 2.50 per loan shipped, plus 40.00 for the lost one: 2.5 + 2.5 + 40 − 2.5.
      [`${LENDER} money:EUR`]: '42.5',
      [`${BORROWER} money:EUR`]: '0',
      [`${THIRD} money:EUR`]: '-42.5',
      // both sides dispatched two: nets to zero.
      [`${BORROWER} exchange-item`]: '0',
      [`${LENDER} exchange-item`]: '0',
      [`${LENDER} rotation-item`]: '3',
      [`${THIRD} rotation-item`]: '-3',
      // rendered then voided: zero, but both postings stay in history.
      [`${THIRD} service:cataloguing`]: '0',
      [`${BORROWER} service:cataloguing`]: '0',
      [`${THIRD} service:training`]: '3',
      [`${LENDER} service:training`]: '-3',
    });
  });

  it('gives one partner’s balances, per unit and for one unit', async () => {
    expect((await balances(`?partner=${THIRD}`)).balances).toEqual([
      { partner: THIRD, unit: 'loan', balance: '-1' },
      { partner: THIRD, unit: 'money:EUR', balance: '-42.5' },
      { partner: THIRD, unit: 'rotation-item', balance: '-3' },
      { partner: THIRD, unit: 'service:cataloguing', balance: '0' },
      { partner: THIRD, unit: 'service:training', balance: '3' },
    ]);
    expect((await balances(`?partner=${LENDER.toLowerCase()}&unit=money:eur`)).balances).toEqual([{ partner: LENDER, unit: 'money:EUR', balance: '42.5' }]);
    expect((await balances(`?partner=${OUTSIDER}`)).balances).toEqual([]);
  });

  it.each([
    ['partner', '?partner=XX-NONE'],
    ['partner', '?partner=xx-none&unit=loan'],
    ['partner', `?partner=XX-NONE&counterparty=${LENDER}`],
    ['counterparty', `?partner=${LENDER}&counterparty=XX-NONE`],
    ['counterparty', '?counterparty=XX-NONE'],
    ['partner', '?partner=XX-NONE&asOf=1'],
    ['partner', '?partner=XX-NONE&asOf=2020-01-01T00:00:00Z'],
    ['counterparty', `?partner=${LENDER}&counterparty=XX-NONE&asOf=1`],
  ])('answers 404 partner-not-found naming %s for a partner the ledger never registered (%s)', async (field, query) => {
    const response = await get(`/v1/balances${query}`);
    expectProblem(response, 404, 'partner-not-found');
    expect(response.body).toMatchObject({ type: 'urn:resource-sharing-ledger:problem:partner-not-found', title: 'Not found', detail: 'XX-NONE is not a registered partner.' });
    expect(fieldsOf(response)).toEqual([field]);
  });

  it('answers a registered partner with no postings 200 and no balances, alone, in a pair and as of a cut', async () => {
    expect((await balances(`?partner=${OUTSIDER}`)).balances).toEqual([]);
    expect((await balances(`?partner=${OUTSIDER}&counterparty=${LENDER}`)).balances).toEqual([]);
    expect((await balances(`?partner=${LENDER}&counterparty=${OUTSIDER}&asOf=${marks.end}`)).balances).toEqual([]);
  });

  it('gives the balance of a pair, seen from either side', async () => {
    expect((await balances(`?partner=${LENDER}&counterparty=${THIRD}`)).balances).toEqual([
      { partner: LENDER, counterparty: THIRD, unit: 'loan', balance: '1' },
      { partner: LENDER, counterparty: THIRD, unit: 'money:EUR', balance: '42.5' },
      { partner: LENDER, counterparty: THIRD, unit: 'rotation-item', balance: '3' },
      { partner: LENDER, counterparty: THIRD, unit: 'service:training', balance: '-3' },
    ]);
    expect((await balances(`?partner=${LENDER}&counterparty=${BORROWER}`)).balances).toEqual([
      { partner: LENDER, counterparty: BORROWER, unit: 'exchange-item', balance: '0' },
      { partner: LENDER, counterparty: BORROWER, unit: 'loan', balance: '0' },
      { partner: LENDER, counterparty: BORROWER, unit: 'money:EUR', balance: '0' },
    ]);
    expect((await balances(`?partner=${THIRD}&counterparty=${LENDER}&unit=money:EUR`)).balances).toEqual([
      { partner: THIRD, counterparty: LENDER, unit: 'money:EUR', balance: '-42.5' },
    ]);
  });

  it('shows a half-done exchange as an open one-for-one debt as of that position', async () => {
    const answer = await balances(`?unit=exchange-item&asOf=${marks.halfExchanged}`);
    expect(answer.asOf).toEqual({ position: marks.halfExchanged });
    expect(answer.balances).toEqual([
      { partner: LENDER, unit: 'exchange-item', balance: '-2' },
      { partner: BORROWER, unit: 'exchange-item', balance: '2' },
    ]);
  });

  it('as of a position equals the log replayed up to it, for every cut', async () => {
    const log = await readLog(store());
    const cuts = [marks.start, marks.firstLoan, marks.shippedToThird, marks.lost, marks.borrowedBack, marks.declined, marks.halfExchanged, marks.exchanged, marks.rotated, marks.catalogued, marks.end];
    for (const cut of cuts) {
      const upTo = (e: RecordedEvent) => BigInt(e.position) <= BigInt(cut);
      expect({ cut, lines: (await balances(`?asOf=${cut}`)).balances }).toEqual({ cut, lines: replay(log, upTo) });
      expect({ cut, lines: (await balances(`?partner=${LENDER}&counterparty=${THIRD}&asOf=${cut}`)).balances }).toEqual({
        cut, lines: replay(log, upTo, { partner: LENDER, counterparty: THIRD }),
      });
    }
  });

  it('as of an instant equals the log replayed up to every event recorded at or before it', async () => {
    const log = await readLog(store());
    const posting = log.filter((e) => postingsFor({ ...e, recordedAt: e.metadata.recordedAt }).length > 0);
    const instants = [
      '2000-01-01T00:00:00Z',
      ...posting.map((e) => e.metadata.recordedAt),
      ...posting.map((e) => new Date(Date.parse(e.metadata.recordedAt) - 1).toISOString()),
    ];
    for (const instant of instants) {
      const answer = await balances(`?asOf=${encodeURIComponent(instant)}`);
      expect(answer.asOf).toEqual({ instant: new Date(instant).toISOString() });
      expect({ instant, lines: answer.balances }).toEqual({ instant, lines: replay(log, (e) => e.metadata.recordedAt <= answer.asOf.instant!) });
    }
  });

  it('reads an instant given with an offset as the same instant in UTC', async () => {
    const utc = (await readLog(store())).find((e) => e.type === 'LoanReportedLost')!.metadata.recordedAt;
    const shifted = new Date(Date.parse(utc) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    const answer = await balances(`?partner=${THIRD}&asOf=${encodeURIComponent(shifted)}`);
    expect(answer.asOf).toEqual({ instant: utc });
    expect(answer.balances).toEqual((await balances(`?partner=${THIRD}&asOf=${encodeURIComponent(utc)}`)).balances);
  });

  it('keeps a trial balance of zero for every unit, with the turnover that sums to it', async () => {
    const response = await get('/v1/balances/trial');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      asOf: { position: expect.stringMatching(/^\d+$/) },
      units: [
        { unit: 'exchange-item', total: '0', turnover: '4' },
        { unit: 'loan', total: '0', turnover: '3' },
        { unit: 'money:EUR', total: '0', turnover: '47.5' },
        { unit: 'rotation-item', total: '0', turnover: '3' },
        { unit: 'service:cataloguing', total: '0', turnover: '25' },
        { unit: 'service:training', total: '0', turnover: '3' },
      ],
      balanced: true,
    });
    const before = await get(`/v1/balances/trial?asOf=${marks.shippedToThird}`);
    expect(before.body).toEqual({
      asOf: { position: marks.shippedToThird },
      units: [{ unit: 'loan', total: '0', turnover: '2' }, { unit: 'money:EUR', total: '0', turnover: '5' }],
      balanced: true,
    });
    expect((await get(`/v1/balances/trial?asOf=${marks.start}`)).body).toEqual({ asOf: { position: marks.start }, units: [], balanced: true });
  });

  it('lets any librarian read any balance (network transparency), and an auditor', async () => {
    const auditor = (await ledger().http().post('/v1/api-keys').set(bearer(ADMIN_KEY)).send({ role: 'auditor' })).body.key as string;
    expect((await balances(`?partner=${LENDER}&unit=loan`, key(OUTSIDER))).balances).toEqual([{ partner: LENDER, unit: 'loan', balance: '1' }]);
    expect((await balances(`?partner=${LENDER}&unit=loan`, auditor)).balances).toEqual([{ partner: LENDER, unit: 'loan', balance: '1' }]);
  });

  it('reads its own write with minPosition, right after the command', async () => {
    const { loanId } = await post('/v1/loans', key(BORROWER), { agreementId: world().agreementId, lender: THIRD, item: { title: 'Laskar Pelangi' } });
    await post(`/v1/loans/${loanId}/accept`, key(THIRD));
    const { position } = await post(`/v1/loans/${loanId}/ship`, key(THIRD));
    const answer = await balances(`?partner=${THIRD}&counterparty=${BORROWER}&unit=loan&minPosition=${position}`);
    expect(BigInt(answer.asOf.position!)).toBeGreaterThanOrEqual(BigInt(position));
    expect(answer.balances).toEqual([{ partner: THIRD, counterparty: BORROWER, unit: 'loan', balance: '1' }]);
    const trial = await get(`/v1/balances/trial?minPosition=${position}`);
    expect(trial.status).toBe(200);
    expect(trial.body.units.find((u: { unit: string }) => u.unit === 'loan')).toEqual({ unit: 'loan', total: '0', turnover: '4' });
  });

  it('answers 503 problem when the read models do not reach minPosition in time', async () => {
    const head = BigInt((await store().headPosition())!);
    const started = Date.now();
    const response = await get(`/v1/balances?minPosition=${head + 1000n}`);
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ status: 503, code: 'read-models-behind', detail: expect.stringContaining(`${head + 1000n}`) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
  }, 15_000);

  it('refuses a cut beyond the head of the log with 409 beyond-head naming the head, the same before and after more is written', async () => {
    const head = (await store().headPosition())!;
    const ahead = String(BigInt(head) + 5n);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    for (const path of ['/v1/balances', '/v1/balances/trial']) {
      for (const asOf of [ahead, future]) {
        const response = await get(`${path}?asOf=${encodeURIComponent(asOf)}`);
        expect({ path, asOf, status: response.status, type: response.headers['content-type'] }).toEqual({ path, asOf, status: 409, type: expect.stringMatching(PROBLEM) });
        expect(response.body).toMatchObject({ code: 'beyond-head', head });
      }
    }
    const atHead = await get(`/v1/balances?asOf=${head}`);
    await post('/v1/services', key(LENDER), { agreementId: world().agreementId, recipient: THIRD, kind: 'training', units: 1 });
    expect((await get(`/v1/balances?asOf=${head}`)).body).toEqual(atHead.body);
  });

  it.each([
    ['partner', '?partner=not an isil'],
    ['partner', '?partner='],
    ['partner', `?partner=${LENDER}&partner=${THIRD}`],
    ['counterparty', '?counterparty=X'],
    ['unit', '?unit=loans'],
    ['unit', '?unit=money:EURO'],
    ['unit', '?unit=service:dancing'],
    ['asOf', '?asOf=yesterday'],
    ['asOf', '?asOf=-1'],
    ['asOf', '?asOf=1.5'],
    ['asOf', '?asOf=99999999999999999999'],
    ['asOf', '?asOf=2025-03-01'],
    ['asOf', '?asOf=2025-03-01T12:00:00'],
    ['asOf', '?asOf=2025-02-30T12:00:00Z'],
    ['asOf', '?asOf=2025-03-01T24:00:00Z'],
    ['minPosition', '?minPosition=abc'],
    ['minPosition', '?minPosition=-3'],
    ['since', '?since=1'],
  ])('refuses a bad %s with 400 naming it (%s)', async (field, query) => {
    for (const path of ['/v1/balances', '/v1/balances/trial']) {
      if (path.endsWith('trial') && !['asOf', 'minPosition', 'since'].includes(field)) continue;
      const response = await get(`${path}${query}`);
      expect({ path, status: response.status, type: response.headers['content-type'] }).toEqual({ path, status: 400, type: expect.stringMatching(PROBLEM) });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});
