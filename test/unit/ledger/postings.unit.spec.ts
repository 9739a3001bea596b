import fc from 'fast-check';
import { parseAmount } from '../../../src/domain/ledger/amount';
import {
  POSTING_EVENT_TYPES, SERVICE_KINDS, UnpostableEvent, entriesOf, postingsFor, trialBalance,
  type LedgerEvent, type Posting,
} from '../../../src/domain/ledger/postings';

const LENDER = 'ID-JKPNRI';
const BORROWER = 'ID-BDGKOTA';
const THIRD = 'ID-SBYKOTA';
const RECORDED_AT = '2025-03-04T10:00:01.000Z';

/** A stored event as the projection receives it; the envelope fields are what every posting copies. */
const stored = (type: string, data: object, eventId = 'evt-1', position = '42'): LedgerEvent => ({
  type, data, eventId, position, recordedAt: RECORDED_AT,
});

/** The fields every posting of `stored(…)` carries. */
const from = (eventId = 'evt-1', position = '42', agreementId: string | null = 'agr-1') => ({
  eventId, position, recordedAt: RECORDED_AT, agreementId,
});

const loanKeys = { loanId: 'loan-1', lender: LENDER, borrower: BORROWER, agreementId: 'agr-1' };

describe('postingsFor', () => {
  describe('LoanShipped', () => {
    const shipped = { ...loanKeys, shippedAt: '2025-03-04T10:00:00.000Z', dueOn: '2025-04-01' };

    it('posts one loan from the lender to the borrower', () =>
      expect(postingsFor(stored('LoanShipped', shipped))).toEqual<Posting[]>([
        { ...from(), unit: 'loan', provider: LENDER, receiver: BORROWER, amount: '1' },
      ]));

    it('posts the fee as money owed by the borrower to the lender, in canonical form', () =>
      expect(postingsFor(stored('LoanShipped', { ...shipped, fee: { amount: '2.50', currency: 'EUR' } }))).toEqual<Posting[]>([
        { ...from(), unit: 'loan', provider: LENDER, receiver: BORROWER, amount: '1' },
        { ...from(), unit: 'money:EUR', provider: LENDER, receiver: BORROWER, amount: '2.5' },
      ]));

    it('posts no money for a zero fee', () =>
      expect(postingsFor(stored('LoanShipped', { ...shipped, fee: { amount: '0.00', currency: 'EUR' } })).map((p) => p.unit)).toEqual(['loan']));

    it('posts with a null agreement when the loan names none', () => {
      const { agreementId: _none, ...withoutAgreement } = shipped;
      expect(postingsFor(stored('LoanShipped', withoutAgreement))).toEqual<Posting[]>([
        { ...from('evt-1', '42', null), unit: 'loan', provider: LENDER, receiver: BORROWER, amount: '1' },
      ]);
    });
  });

  describe('LoanReportedLost', () => {
    const lost = { ...loanKeys, reportedBy: BORROWER, reportedAt: '2025-04-10T09:00:00.000Z' };

    it('posts the compensation as money owed by the borrower to the lender', () =>
      expect(postingsFor(stored('LoanReportedLost', { ...lost, compensation: { amount: '45.00', currency: 'IDR' } }))).toEqual<Posting[]>([
        { ...from(), unit: 'money:IDR', provider: LENDER, receiver: BORROWER, amount: '45' },
      ]));

    it('posts nothing without compensation, and leaves the loan unit given', () =>
      expect(postingsFor(stored('LoanReportedLost', lost))).toEqual([]));
  });

  it('posts the items an exchange partner dispatched, from sender to receiver', () =>
    expect(postingsFor(stored('ExchangeItemsDispatched', {
      exchangeId: 'ex-1', agreementId: 'agr-1', sender: BORROWER, receiver: LENDER, itemCount: 3, dispatchedAt: RECORDED_AT,
    }))).toEqual<Posting[]>([{ ...from(), unit: 'exchange-item', provider: BORROWER, receiver: LENDER, amount: '3' }]));

  describe('RotationBatchReceived', () => {
    const batch = { rotationId: 'rot-1', agreementId: 'agr-1', owner: LENDER, from: LENDER, stage: 1, itemCount: 40, receivedAt: RECORDED_AT };

    it('posts the batch from its owner to the host that received it', () =>
      expect(postingsFor(stored('RotationBatchReceived', { ...batch, host: THIRD }))).toEqual<Posting[]>([
        { ...from(), unit: 'rotation-item', provider: LENDER, receiver: THIRD, amount: '40' },
      ]));

    it('posts nothing when the batch comes home to its owner', () =>
      expect(postingsFor(stored('RotationBatchReceived', { ...batch, host: LENDER, from: THIRD }))).toEqual([]));
  });

  describe('services', () => {
    const service = {
      serviceId: 'svc-1', agreementId: 'agr-1', provider: LENDER, recipient: THIRD, kind: 'cataloguing', units: 12.25,
      unit: 'records', renderedOn: '2025-03-01', renderedAt: RECORDED_AT,
    };

    it('posts ServiceRendered from provider to recipient in service:{kind}', () =>
      expect(postingsFor(stored('ServiceRendered', service))).toEqual<Posting[]>([
        { ...from(), unit: 'service:cataloguing', provider: LENDER, receiver: THIRD, amount: '12.25' },
      ]));

    it('posts ServiceVoided the other way, so the pair nets to zero', () => {
      const rendered = postingsFor(stored('ServiceRendered', service, 'evt-1', '42'));
      const voided = postingsFor(stored('ServiceVoided', { ...service, reason: 'entered twice', voidedAt: RECORDED_AT }, 'evt-2', '43'));
      expect(voided).toEqual<Posting[]>([
        { ...from('evt-2', '43'), unit: 'service:cataloguing', provider: THIRD, receiver: LENDER, amount: '12.25' },
      ]);
      expect(trialBalance([...rendered, ...voided])).toEqual([{ unit: 'service:cataloguing', total: '0', turnover: '24.5' }]);
      const balanceOf = (isil: string) =>
        [...rendered, ...voided].flatMap(entriesOf).filter((e) => e.partner === isil).reduce((t, e) => t + parseAmount(e.amount), 0n);
      expect(balanceOf(LENDER)).toBe(0n);
      expect(balanceOf(THIRD)).toBe(0n);
    });

    it.each(SERVICE_KINDS)('has a unit for %s', (kind) =>
      expect(postingsFor(stored('ServiceRendered', { ...service, kind }))[0].unit).toBe(`service:${kind}`));
  });

  it.each([
    ['LoanRequested', { ...loanKeys, item: { title: 'Max Havelaar' }, terms: {}, requestedAt: RECORDED_AT }],
    ['LoanAccepted', { ...loanKeys, acceptedAt: RECORDED_AT }],
    ['LoanDeclined', { ...loanKeys, reason: 'rare', declinedAt: RECORDED_AT }],
    ['LoanCheckedIn', { ...loanKeys, checkedInAt: RECORDED_AT }],
    ['AcquisitionClaimed', { isbn: '9789028205135', agreementId: 'agr-1', claimant: LENDER }],
    ['AcquisitionFulfilled', { isbn: '9789028205135', agreementId: 'agr-1', claimant: LENDER }],
    ['AcquisitionClaimExpired', { isbn: '9789028205135', agreementId: 'agr-1', claimant: LENDER }],
    ['ExchangeItemsReceived', { exchangeId: 'ex-1', agreementId: 'agr-1' }],
  ])('posts nothing for %s', (type, data) => expect(postingsFor(stored(type, data))).toEqual([]));

  it('lists exactly the event types that post', () =>
    expect([...POSTING_EVENT_TYPES].sort()).toEqual([
      'ExchangeItemsDispatched', 'LoanReportedLost', 'LoanShipped', 'RotationBatchReceived', 'ServiceRendered', 'ServiceVoided',
    ]));

  describe('refuses a malformed stored event rather than guess', () => {
    const exchange = { exchangeId: 'ex-1', agreementId: 'agr-1', sender: BORROWER, receiver: LENDER, itemCount: 3, dispatchedAt: RECORDED_AT };
    const service = { serviceId: 's', agreementId: 'agr-1', provider: LENDER, recipient: THIRD, kind: 'reference', units: 1 };

    it.each<[string, string, unknown]>([
      ['no data', 'LoanShipped', null],
      ['a missing lender', 'LoanShipped', { borrower: BORROWER }],
      ['a fee with 5 decimals', 'LoanShipped', { ...loanKeys, fee: { amount: '1.00001', currency: 'EUR' } }],
      ['a fee without currency', 'LoanShipped', { ...loanKeys, fee: { amount: '1' } }],
      ['a negative compensation', 'LoanReportedLost', { ...loanKeys, compensation: { amount: '-5', currency: 'EUR' } }],
      ['a fractional item count', 'ExchangeItemsDispatched', { ...exchange, itemCount: 1.5 }],
      ['a negative item count', 'ExchangeItemsDispatched', { ...exchange, itemCount: -1 }],
      ['an item count as garbage', 'ExchangeItemsDispatched', { ...exchange, itemCount: 'three' }],
      ['an unknown service kind', 'ServiceRendered', { ...service, kind: 'binding' }],
      ['an agreement id that is no string', 'ServiceRendered', { ...service, agreementId: 7 }],
    ])('%s', (_why, type, data) => expect(() => postingsFor({ ...stored(type, {}), data })).toThrow(UnpostableEvent));
  });
});

describe('entriesOf', () => {
  const posting: Posting = { ...from(), unit: 'money:EUR', provider: LENDER, receiver: BORROWER, amount: '2.5' };

  it('credits the provider and debits the receiver', () =>
    expect(entriesOf(posting)).toEqual([
      { partner: LENDER, counterparty: BORROWER, unit: 'money:EUR', amount: '2.5' },
      { partner: BORROWER, counterparty: LENDER, unit: 'money:EUR', amount: '-2.5' },
    ]));
});

describe('for every sequence of value-moving events', () => {
  const isil = fc.constantFrom(LENDER, BORROWER, THIRD, 'NL-AMRIJ');
  const count = fc.integer({ min: 0, max: 500 });
  const decimal = (max: number) => fc.integer({ min: 0, max: max * 10_000 }).map((n) => (n / 10_000).toFixed(4));
  const money = fc.record({ amount: decimal(1000), currency: fc.constantFrom('EUR', 'IDR', 'usd') });
  const event = fc.oneof(
    fc.record({ lender: isil, borrower: isil, fee: fc.option(money, { nil: undefined }) }).map((d) => ['LoanShipped', d] as const),
    fc.record({ lender: isil, borrower: isil, compensation: fc.option(money, { nil: undefined }) }).map((d) => ['LoanReportedLost', d] as const),
    fc.record({ agreementId: fc.constant('agr-1'), sender: isil, receiver: isil, itemCount: count }).map((d) => ['ExchangeItemsDispatched', d] as const),
    fc.record({ agreementId: fc.constant('agr-1'), owner: isil, host: isil, itemCount: count }).map((d) => ['RotationBatchReceived', d] as const),
    fc.record({ agreementId: fc.constant('agr-1'), provider: isil, recipient: isil, kind: fc.constantFrom(...SERVICE_KINDS), units: decimal(100).map(Number) })
      .chain((d) => fc.constantFrom(['ServiceRendered', d] as const, ['ServiceVoided', d] as const)),
  );
  const postingsOf = (events: ReadonlyArray<readonly [string, object]>) =>
    events.flatMap(([type, data], i) => postingsFor(stored(type, data, `evt-${i}`, String(i))));

  it('posts positive amounts between two different partners, at most once per unit per event', () =>
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const postings = postingsOf(events);
        for (const p of postings) {
          expect(parseAmount(p.amount)).toBeGreaterThan(0n);
          expect(p.provider).not.toBe(p.receiver);
        }
        const keys = postings.map((p) => `${p.eventId} ${p.unit}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    ));

  it('gives entries that sum to zero in every unit (the trial balance)', () =>
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const postings = postingsOf(events);
        for (const p of postings) expect(parseAmount(entriesOf(p)[0].amount) + parseAmount(entriesOf(p)[1].amount)).toBe(0n);
        for (const { total } of trialBalance(postings)) expect(total).toBe('0');
      }),
    ));
});
