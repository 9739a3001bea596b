import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { fairnessFactsProjection, fairnessHoldingsProjection } from '../../../src/application/fairness/fairness-facts.projection';

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

  it('keeps service units and exchange items as integers scaled by 10^4, so sums stay exact', () => {
    const service = { serviceId: 's', agreementId: 'a', provider: 'DE-1', recipient: 'FR-1', kind: 'training', units: 2.25, unit: 'hours', renderedOn: '2030-03-02' };
    expect(fairnessFactsProjection.rowsOf(recorded('ServiceVoided', { ...service, reason: 'twice', voidedAt: 'x' }))).toMatchObject([
      { kind: 'service-voided', party: 'DE-1', counterparty: 'FR-1', detail: 'training', units: 22_500 },
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
