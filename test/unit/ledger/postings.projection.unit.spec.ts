import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { postingsProjection, sqlInteger, type PostingRow } from '../../../src/application/ledger/postings.projection';
import { POSTING_EVENT_TYPES } from '../../../src/domain/ledger';

const LENDER = 'DE-1';
const BORROWER = 'ID-JKPNRI';
const RECORDED_AT = '2025-03-04T10:00:01.000Z';

const stored = (type: string, data: object, position = '42', eventId = 'evt-1'): RecordedEvent => ({
  eventId,
  type,
  streamId: 'any-1',
  streamVersion: 1,
  position,
  data,
  metadata: { actor: { role: 'librarian', library: LENDER }, correlationId: 'c', causationId: 'c', recordedAt: RECORDED_AT },
  prevHash: '',
  hash: '',
});

/** Given a stored event, then these rows. */
const given = (event: RecordedEvent) => ({ then: (rows: PostingRow[]) => expect(postingsProjection.rowsOf(event)).toEqual(rows) });

const envelope = { position: 42, recorded_at: RECORDED_AT, event_id: 'evt-1', entry: 0, agreement_id: 'agr-1' };
const loanKeys = { loanId: 'loan-1', lender: LENDER, borrower: BORROWER, agreementId: 'agr-1' };
const serviceKeys = {
  serviceId: 's-1', agreementId: 'agr-1', provider: LENDER, recipient: BORROWER, kind: 'cataloguing', units: 12.5, unit: 'records', renderedOn: '2025-03-04',
};

describe('the postings projection', () => {
  it('is a row projection that handles exactly the events that post', () => {
    expect(postingsProjection.kind).toBe('rows');
    expect([...postingsProjection.handles].sort()).toEqual([...POSTING_EVENT_TYPES].sort());
  });

  it('flattens a shipped loan with a fee to a loan row and a money row, amounts scaled by 10^4', () =>
    given(stored('LoanShipped', { ...loanKeys, shippedAt: RECORDED_AT, dueOn: '2025-04-01', fee: { amount: '2.50', currency: 'eur' } })).then([
      { ...envelope, unit: 'loan', provider: LENDER, receiver: BORROWER, amount: 10_000 },
      { ...envelope, entry: 1, unit: 'money:EUR', provider: LENDER, receiver: BORROWER, amount: 25_000 },
    ]));

  it('posts a lost loan’s compensation only', () =>
    given(stored('LoanReportedLost', { ...loanKeys, reportedBy: BORROWER, reportedAt: RECORDED_AT, compensation: { amount: '45.0001', currency: 'IDR' } })).then([
      { ...envelope, unit: 'money:IDR', provider: LENDER, receiver: BORROWER, amount: 450_001 },
    ]));

  it('posts each side of an exchange as its own dispatch', () =>
    given(stored('ExchangeItemsDispatched', { agreementId: 'agr-1', exchangeId: 'x', sender: BORROWER, receiver: LENDER, itemCount: 3 })).then([
      { ...envelope, unit: 'exchange-item', provider: BORROWER, receiver: LENDER, amount: 30_000 },
    ]));

  it('posts a rotation batch received by a host, and nothing when it comes home', () => {
    given(stored('RotationBatchReceived', { agreementId: 'agr-1', rotationId: 'r', owner: LENDER, host: BORROWER, itemCount: 4 })).then([
      { ...envelope, unit: 'rotation-item', provider: LENDER, receiver: BORROWER, amount: 40_000 },
    ]);
    given(stored('RotationBatchReceived', { agreementId: 'agr-1', rotationId: 'r', owner: LENDER, host: LENDER, itemCount: 4 })).then([]);
  });

  it('posts a service rendered, and its void the other way', () => {
    given(stored('ServiceRendered', { ...serviceKeys, renderedAt: RECORDED_AT })).then([
      { ...envelope, unit: 'service:cataloguing', provider: LENDER, receiver: BORROWER, amount: 125_000 },
    ]);
    given(stored('ServiceVoided', { ...serviceKeys, reason: 'twice', voidedAt: RECORDED_AT })).then([
      { ...envelope, unit: 'service:cataloguing', provider: BORROWER, receiver: LENDER, amount: 125_000 },
    ]);
  });

  it('makes no row for an event that moves no value', () =>
    given(stored('LoanAccepted', { ...loanKeys, acceptedAt: RECORDED_AT })).then([]));

  it('gives every declared column, and only those', () => {
    const [row] = postingsProjection.rowsOf(stored('LoanShipped', { ...loanKeys, shippedAt: RECORDED_AT, dueOn: '2025-04-01' }));
    expect(Object.keys(row).sort()).toEqual(Object.keys(postingsProjection.columns).sort());
  });

  it('is pure: the same event gives the same rows', () => {
    const event = stored('LoanShipped', { ...loanKeys, shippedAt: RECORDED_AT, dueOn: '2025-04-01', fee: { amount: '1', currency: 'EUR' } });
    expect(postingsProjection.rowsOf(event)).toEqual(postingsProjection.rowsOf(event));
  });

  it('keeps amounts beyond 2^53 exact, as digits SQLite stores as a 64-bit integer', () => {
    const [, fee] = postingsProjection.rowsOf(
      stored('LoanShipped', { ...loanKeys, shippedAt: RECORDED_AT, dueOn: '2025-04-01', fee: { amount: '999999999999.9999', currency: 'EUR' } }),
    );
    expect(fee.amount).toBe('9999999999999999');
    expect(sqlInteger(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(sqlInteger(2n ** 53n)).toBe('9007199254740992');
  });

  it('carries a position beyond 2^53 exactly', () =>
    expect(postingsProjection.rowsOf(stored('LoanShipped', { ...loanKeys, shippedAt: RECORDED_AT, dueOn: '2025-04-01' }, '9007199254740993'))[0].position).toBe(
      '9007199254740993',
    ));
});
