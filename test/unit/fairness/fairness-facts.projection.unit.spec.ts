import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { fairnessFactsProjection, fairnessHoldingsProjection } from '../../../src/application/fairness/fairness-facts.projection';
import { carryTotals } from '../../../src/application/projections/running-totals';
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
  /** The rows of a log folded from nothing, as a store appends them. */
  const fold = (events: RecordedEvent[]) =>
    carryTotals(fairnessFactsProjection.running!, events.flatMap(fairnessFactsProjection.rowsOf), () => new Map()).rows;

  it('counts a shipment in its lender’s tally, in the spread of turnaround buckets, and in the borrower’s', () => {
    const loan2 = { ...loanKeys, loanId: 'loan-2' };
    const [, accepted, shipped, , secondShipped, , thirdShipped] = fold([
      at('LoanRequested', loanKeys, 1, '2030-03-02T22:00:00.000Z'),
      at('LoanAccepted', { ...loanKeys, acceptedAt: 'x' }, 2, '2030-03-03T01:00:00.000Z'),
      at('LoanShipped', { ...loanKeys, shippedAt: 'x', dueOn: '2030-04-01' }, 3, '2030-03-04T00:00:00.000Z'),
      at('LoanRequested', loan2, 4, '2030-03-04T01:00:00.000Z'),
      at('LoanShipped', { ...loan2, shippedAt: 'x', dueOn: '2030-04-01' }, 5, '2030-03-04T03:00:00.000Z'),
      at('LoanRequested', { ...loanKeys, loanId: 'loan-3' }, 6, '2030-03-04T04:00:00.000Z'),
      at('LoanShipped', { ...loanKeys, loanId: 'loan-3', shippedAt: 'x', dueOn: '2030-04-01' }, 7, '2030-03-05T06:00:00.000Z'),
    ]);
    // accepted the day after its request: lag 1
    expect(accepted).toMatchObject({ requested: 1n, requested_ms: BigInt(Date.parse('2030-03-02T22:00:00.000Z')), by_bucket: '1', by_n: 1n });
    // The lender's first shipment of a day opens it with the spread before it; its count and total are the lender's, over every bucket.
    expect(shipped).toMatchObject({ by_bucket: '', by_n: 1n, by_total: BigInt(26 * 3_600_000), by_opening: '[]', to_n: 1n, to_opening: null });
    expect(secondShipped).toMatchObject({ by_n: 2n, by_total: BigInt(28 * 3_600_000), by_opening: null });
    // 26 h = 1,560 min: the doubling from 1,024 min cut in buckets of 128 min, 1,536–1,664 min is bucket 8 × 7 + 12;
    // 2 h = 120 min: the doubling from 64 min in buckets of 8 min, 120–128 min is bucket 16 + 8 × 2 + 7
    expect(turnaroundBucket(26 * 3_600_000)).toBe(68);
    expect(turnaroundBucket(2 * 3_600_000)).toBe(39);
    expect(thirdShipped).toMatchObject({ by_n: 3n, by_opening: `["68",1,${26 * 3_600_000},"39",1,${2 * 3_600_000}]` });
  });

  it('counts a service under its kind, on both sides, in units scaled by 10^4, net of its void in the same tally', () => {
    const service = { serviceId: 's', agreementId: 'a', provider: 'DE-1', recipient: 'FR-1', kind: 'training', units: 2.25, unit: 'hours', renderedOn: '2030-03-02' };
    const [first, second, voided] = fold([
      at('ServiceRendered', service, 1, '2030-03-02T08:00:00.000Z'),
      at('ServiceRendered', { ...service, serviceId: 't', units: 1 }, 2, '2030-03-02T09:00:00.000Z'),
      at('ServiceVoided', { ...service, reason: 'twice', voidedAt: 'x' }, 3, '2030-03-02T10:00:00.000Z'),
    ]);
    expect(first).toMatchObject({ by_bucket: '', by_n: 1n, by_total: 22_500n, by_opening: '[]', to_total: 22_500n, to_opening: '[]' });
    expect(second).toMatchObject({ by_n: 2n, by_total: 32_500n, by_opening: null, to_n: 2n, to_total: 32_500n });
    expect(voided).toMatchObject({ by_n: 3n, by_total: 10_000n, to_n: 3n, to_total: 10_000n });
    const [, , , nextDay] = fold([
      at('ServiceRendered', service, 1, '2030-03-02T08:00:00.000Z'),
      at('ServiceRendered', { ...service, serviceId: 't', units: 1 }, 2, '2030-03-02T09:00:00.000Z'),
      at('ServiceVoided', { ...service, reason: 'twice', voidedAt: 'x' }, 3, '2030-03-02T10:00:00.000Z'),
      at('ServiceRendered', { ...service, serviceId: 'u', kind: 'cataloguing', units: 2 }, 4, '2030-03-03T10:00:00.000Z'),
    ]);
    // The day opens with the kinds as they stood: three rows of training, 1 unit net of the void.
    expect(nextDay).toMatchObject({ by_opening: '["training",3,10000]', to_opening: '["training",3,10000]' });
  });

  it('leaves a shipment whose request is not in the log out of every turnaround bucket', () =>
    expect(fold([at('LoanShipped', { ...loanKeys, shippedAt: 'x', dueOn: '2030-04-01' }, 1, '2030-03-04T00:00:00.000Z')])[0])
      .toMatchObject({ requested: 0n, by_bucket: '', by_n: 1n }));
});
