import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { byTally, fairnessFactsProjection, fairnessHoldingsProjection, OPENING, toTally } from '../../../src/application/fairness/fairness-facts.projection';
import { carryTotals, carryTotalsReading, groupKey, type GroupTotals } from '../../../src/application/projections/running-totals';
import { turnaroundBucket } from '../../../src/domain/ledger';

const recorded = (type: string, data: object, position = '7'): RecordedEvent => ({
  eventId: `event-${position}`,
  type,
  streamId: 'stream',
  streamVersion: 1,
  position,
  data,
  metadata: { actor: { role: 'librarian' }, correlationId: 'c', causationId: 'c', recordedAt: '2030-03-02T08:00:00.000Z' },
  prevHash: '',
  hash: '',
});

const loanKeys = { loanId: 'loan-1', lender: 'DE-1', borrower: 'ID-JKPNRI', agreementId: 'agreement-1' };

describe('the fairness facts', () => {
  it('records a loan step with the lender as party and the borrower as counterparty', () =>
    expect(fairnessFactsProjection.rowsOf(recorded('LoanShipped', { ...loanKeys, shippedAt: 'x', dueOn: '2030-03-30' }))).toEqual([
      {
        agreement_id: 'agreement-1', kind: 'loan-shipped', recorded_at: '2030-03-02T08:00:00.000Z', recorded_ms: Date.parse('2030-03-02T08:00:00.000Z'), subject: 'loan-1',
        party: 'DE-1', counterparty: 'ID-JKPNRI', detail: null, units: null, position: 7,
      },
    ]));

  it('keeps service units and exchange items as integers scaled by 10^4, so sums stay exact, a void\'s negative', () => {
    const service = { serviceId: 's', agreementId: 'a', provider: 'DE-1', recipient: 'FR-1', kind: 'training', units: 2.25, unit: 'hours', renderedOn: '2030-03-02' };
    expect(fairnessFactsProjection.rowsOf(recorded('ServiceRendered', service))).toMatchObject([
      { kind: 'service', party: 'DE-1', counterparty: 'FR-1', detail: 'training', units: 22_500 },
    ]);
    expect(fairnessFactsProjection.rowsOf(recorded('ServiceVoided', { ...service, reason: 'twice', voidedAt: 'x' }))).toMatchObject([
      { kind: 'service', party: 'DE-1', counterparty: 'FR-1', detail: 'training', units: -22_500 },
    ]);
    const dispatched = { exchangeId: 'e', agreementId: 'a', sender: 'DE-1', receiver: 'FR-1', itemCount: 3, dispatchedAt: 'x' };
    expect(fairnessFactsProjection.rowsOf(recorded('ExchangeItemsDispatched', dispatched))).toMatchObject([{ kind: 'exchange-dispatched', units: 30_000 }]);
  });

  it('records claims under their claimant', () =>
    expect(fairnessFactsProjection.rowsOf(recorded('AcquisitionClaimExpired', { isbn: '9780306406157', agreementId: 'a', claimant: 'US-DLC', expiresOn: 'x', expiredAt: 'x' })))
      .toMatchObject([{ kind: 'claim-expired', subject: '9780306406157', party: 'US-DLC', counterparty: null }]));

  it('records nothing for a loan that names no agreement', () =>
    expect(fairnessFactsProjection.rowsOf(recorded('LoanAccepted', { ...loanKeys, agreementId: undefined, acceptedAt: 'x' }))).toEqual([]));
});

describe('the holdings rows', () => {
  it('gives one row per title registered, withdrawn or bought', () => {
    const registered = recorded('HoldingsRegistered', { isil: 'DE-1', items: [{ isbn13: '1', title: 'a' }, { isbn13: '2', title: 'b' }], registeredAt: 'x' }, '3');
    const withdrawn = recorded('HoldingsWithdrawn', { isil: 'DE-1', isbns: ['2'], withdrawnAt: 'x' }, '4');
    const bought = recorded('AcquisitionFulfilled', { isbn: '3', agreementId: 'a', claimant: 'DE-1', fulfilledAt: 'x' }, '5');
    expect([registered, withdrawn, bought].flatMap(fairnessHoldingsProjection.rowsOf)).toEqual([
      { isil: 'DE-1', isbn: '1', held: 1, position: 3 },
      { isil: 'DE-1', isbn: '2', held: 1, position: 3 },
      { isil: 'DE-1', isbn: '2', held: 0, position: 4 },
      { isil: 'DE-1', isbn: '3', held: 1, position: 5 },
    ]);
  });
});

describe('the fairness tallies the facts carry', () => {
  const at = (type: string, data: object, position: number, recordedAt: string): RecordedEvent => ({
    ...recorded(type, data, String(position)),
    metadata: { actor: { role: 'librarian' }, correlationId: 'c', causationId: 'c', recordedAt },
  });
  /** The rows of a log folded from nothing, as a store appends them, and the totals they leave (the openings among them). */
  const folded = (events: RecordedEvent[]) =>
    carryTotals(fairnessFactsProjection.running!, events.flatMap(fairnessFactsProjection.rowsOf), () => new Map(), () => new Map());
  const fold = (events: RecordedEvent[]) => folded(events).rows;
  /** Each opening an agreement's day left: its day and its text. */
  const openings = (events: RecordedEvent[]) =>
    folded(events).totals.filter(({ key }) => key[1] === OPENING).map(({ key, spread }) => [key[0], key[2], spread]);

  /** Three loans of one lender: the first accepted the day after its request and shipped 26 h after it, the others 2 h and 26 h. */
  const threeLoans = () => {
    const loan2 = { ...loanKeys, loanId: 'loan-2' };
    return [
      at('LoanRequested', loanKeys, 1, '2030-03-02T22:00:00.000Z'),
      at('LoanAccepted', { ...loanKeys, acceptedAt: 'x' }, 2, '2030-03-03T01:00:00.000Z'),
      at('LoanShipped', { ...loanKeys, shippedAt: 'x', dueOn: '2030-04-01' }, 3, '2030-03-04T00:00:00.000Z'),
      at('LoanRequested', loan2, 4, '2030-03-04T01:00:00.000Z'),
      at('LoanShipped', { ...loan2, shippedAt: 'x', dueOn: '2030-04-01' }, 5, '2030-03-04T03:00:00.000Z'),
      at('LoanRequested', { ...loanKeys, loanId: 'loan-3' }, 6, '2030-03-04T04:00:00.000Z'),
      at('LoanShipped', { ...loanKeys, loanId: 'loan-3', shippedAt: 'x', dueOn: '2030-04-01' }, 7, '2030-03-05T06:00:00.000Z'),
    ];
  };

  it('counts a shipment in its lender’s tally, in the spread of turnaround buckets, and in the borrower’s', () => {
    const [, accepted, shipped, , secondShipped, , thirdShipped] = fold(threeLoans());
    // accepted the day after its request: lag 1
    expect(accepted).toMatchObject({ requested: 1n, requested_ms: BigInt(Date.parse('2030-03-02T22:00:00.000Z')), by_bucket: '1', by_n: 1n });
    // The shipment's count and total are the lender's, over every bucket.
    expect(shipped).toMatchObject({ by_bucket: '', by_n: 1n, by_total: BigInt(26 * 3_600_000), to_n: 1n });
    expect(secondShipped).toMatchObject({ by_n: 2n, by_total: BigInt(28 * 3_600_000) });
    // 26 h = 1,560 min: the doubling from 1,024 min cut in buckets of 128 min, 1,536–1,664 min is bucket 8 × 7 + 12;
    // 2 h = 120 min: the doubling from 64 min in buckets of 8 min, 120–128 min is bucket 16 + 8 × 2 + 7
    expect(turnaroundBucket(26 * 3_600_000)).toBe(68);
    expect(turnaroundBucket(2 * 3_600_000)).toBe(39);
    expect(thirdShipped).toMatchObject({ by_n: 3n });
  });

  it('opens each day of an agreement with the tallies of its partners, the acceptances’ by their lag, as they stood at its midnight', () => {
    const days = openings(threeLoans());
    const requestedAt = (day: string) => [...days].map(([, at, text]) => [at, JSON.parse(text!)]).find(([at]) => at === day)![1];
    expect(days.map(([agreement, day]) => [agreement, day])).toEqual([[loanKeys.agreementId, '2030-03-02'], [loanKeys.agreementId, '2030-03-03'], [loanKeys.agreementId, '2030-03-04'], [loanKeys.agreementId, '2030-03-05']]);
    expect(requestedAt('2030-03-02')).toEqual([]);
    // The first request, and its acceptance the day after (lag 1), whose total is 0 as every acceptance's.
    expect(requestedAt('2030-03-04')).toEqual([byTally('loan-requested'), loanKeys.lender, '', 1, 0, null, byTally('loan-accepted'), loanKeys.lender, '1', 1, 0, null]);
    // The next day: three requests, the one acceptance, and two shipments in the lender's spread (26 h and 2 h), each borrowed.
    expect(requestedAt('2030-03-05')).toEqual([
      byTally('loan-requested'), loanKeys.lender, '', 3, 0, null,
      byTally('loan-accepted'), loanKeys.lender, '1', 1, 0, null,
      byTally('loan-shipped'), loanKeys.lender, '', 2, 28 * 3_600_000, ['68', 1, 26 * 3_600_000, '39', 1, 2 * 3_600_000],
      toTally('loan-shipped'), loanKeys.borrower, '', 2, 0, null,
    ]);
  });

  it('counts a service under its kind, on both sides, in units scaled by 10^4, net of its void in the same tally', () => {
    const service = { serviceId: 's', agreementId: 'a', provider: 'DE-1', recipient: 'FR-1', kind: 'training', units: 2.25, unit: 'hours', renderedOn: '2030-03-02' };
    const [first, second, voided] = fold([
      at('ServiceRendered', service, 1, '2030-03-02T08:00:00.000Z'),
      at('ServiceRendered', { ...service, serviceId: 't', units: 1 }, 2, '2030-03-02T09:00:00.000Z'),
      at('ServiceVoided', { ...service, reason: 'twice', voidedAt: 'x' }, 3, '2030-03-02T10:00:00.000Z'),
    ]);
    expect(first).toMatchObject({ by_bucket: '', by_n: 1n, by_total: 22_500n, to_total: 22_500n });
    expect(second).toMatchObject({ by_n: 2n, by_total: 32_500n, to_n: 2n, to_total: 32_500n });
    expect(voided).toMatchObject({ by_n: 3n, by_total: 10_000n, to_n: 3n, to_total: 10_000n });
    const [, nextDay] = openings([
      at('ServiceRendered', service, 1, '2030-03-02T08:00:00.000Z'),
      at('ServiceRendered', { ...service, serviceId: 't', units: 1 }, 2, '2030-03-02T09:00:00.000Z'),
      at('ServiceVoided', { ...service, reason: 'twice', voidedAt: 'x' }, 3, '2030-03-02T10:00:00.000Z'),
      at('ServiceRendered', { ...service, serviceId: 'u', kind: 'cataloguing', units: 2 }, 4, '2030-03-03T10:00:00.000Z'),
    ]);
    // The day opens with the kinds as they stood: three rows of training, 1 unit net of the void.
    expect(JSON.parse(nextDay[2]!)).toEqual([byTally('service'), 'DE-1', '', 3, 10_000, ['training', 3, 10_000], toTally('service'), 'FR-1', '', 3, 10_000, ['training', 3, 10_000]]);
  });

  it('reads an agreement’s tallies, carried as PostgreSQL carries them, only for a row that opens its day', async () => {
    const agreement: GroupTotals = { key: ['a', '', '', ''], first: 1n, last: 1n, latest: '2030-03-02T08:00:00.000Z', disordered: 0n, sums: [0n, 0n] };
    const claim = (position: number, recordedAt: string) =>
      fairnessFactsProjection.rowsOf(at('AcquisitionFulfilled', { isbn: String(position), agreementId: 'a', claimant: 'DE-1', fulfilledAt: 'x' }, position, recordedAt));
    const scopesRead = async (rows: ReturnType<typeof claim>) => {
      const read: string[][] = [];
      const carried = await carryTotalsReading(
        fairnessFactsProjection.running!,
        rows,
        async (keys) => new Map(keys.filter((key) => groupKey(key) === groupKey(agreement.key)).map((key) => [groupKey(key), agreement])),
        async (prefix) => {
          read.push([...prefix]);
          return new Map();
        },
      );
      return { read, openings: carried.totals.filter(({ key }) => key[1] === OPENING).map(({ key }) => key[2]) };
    };
    expect(await scopesRead(claim(2, '2030-03-02T10:00:00.000Z'))).toEqual({ read: [], openings: [] });
    expect(await scopesRead(claim(2, '2030-03-03T10:00:00.000Z'))).toEqual({ read: [['a']], openings: ['2030-03-03'] });
  });

  it('leaves a shipment whose request is not in the log out of every turnaround bucket', () =>
    expect(fold([at('LoanShipped', { ...loanKeys, shippedAt: 'x', dueOn: '2030-04-01' }, 1, '2030-03-04T00:00:00.000Z')])[0])
      .toMatchObject({ requested: 0n, by_bucket: '', by_n: 1n }));

  /** Two loans of one lender cancelled by their borrower: the first before any answer, two days after its request; the second once accepted. */
  const twoCancelled = () => {
    const loan2 = { ...loanKeys, loanId: 'loan-2' };
    const cancelled = { cancelledBy: loanKeys.borrower, cancelledAt: 'x' };
    return [
      at('LoanRequested', loanKeys, 1, '2030-03-02T22:00:00.000Z'),
      at('LoanRequested', loan2, 2, '2030-03-03T08:00:00.000Z'),
      at('LoanAccepted', { ...loan2, acceptedAt: 'x' }, 3, '2030-03-03T09:00:00.000Z'),
      at('LoanCancelled', { ...loanKeys, ...cancelled }, 4, '2030-03-04T01:00:00.000Z'),
      at('LoanCancelled', { ...loan2, ...cancelled }, 5, '2030-03-04T02:00:00.000Z'),
    ];
  };

  it('records a cancellation with the lender as party, as the other loan steps', () =>
    expect(fairnessFactsProjection.rowsOf(twoCancelled()[3])).toEqual([
      {
        agreement_id: 'agreement-1', kind: 'loan-cancelled', recorded_at: '2030-03-04T01:00:00.000Z', recorded_ms: Date.parse('2030-03-04T01:00:00.000Z'), subject: 'loan-1',
        party: 'DE-1', counterparty: 'ID-JKPNRI', detail: null, units: null, position: 4,
      },
    ]));

  it('counts a cancellation before any answer by the UTC days since its request, and one after an acceptance in no lag', () => {
    const [, , , beforeAnswer, afterAcceptance] = fold(twoCancelled());
    // requested 03-02 22:00, cancelled 03-04 01:00 with no acceptance: lag 2
    expect(beforeAnswer).toMatchObject({ requested: 1n, requested_ms: BigInt(Date.parse('2030-03-02T22:00:00.000Z')), answered: 0n, by_bucket: '2', by_n: 1n });
    // accepted first: the lender had answered, nothing was withdrawn from it
    expect(afterAcceptance).toMatchObject({ requested: 1n, answered: 1n, by_bucket: '', by_n: 1n });
  });

  it('opens a day with the lender’s withdrawals by their lag', () => {
    const events = [...twoCancelled(), at('LoanRequested', { ...loanKeys, loanId: 'loan-3' }, 6, '2030-03-05T08:00:00.000Z')];
    const day = openings(events).find(([, at]) => at === '2030-03-05')!;
    expect(JSON.parse(day[2]!)).toEqual([
      byTally('loan-requested'), loanKeys.lender, '', 2, 0, null,
      byTally('loan-accepted'), loanKeys.lender, '0', 1, 0, null,
      byTally('loan-cancelled'), loanKeys.lender, '2', 1, 0, null,
      byTally('loan-cancelled'), loanKeys.lender, '', 1, 0, null,
    ]);
  });

  it('leaves a cancellation whose request is not in the log out of every lag', () =>
    expect(fold([at('LoanCancelled', { ...loanKeys, cancelledBy: loanKeys.borrower, cancelledAt: 'x' }, 1, '2030-03-04T00:00:00.000Z')])[0])
      .toMatchObject({ requested: 0n, answered: 0n, by_bucket: '', by_n: 1n }));
});
