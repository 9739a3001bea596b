import { Iso18626Refusal, stepsFor, type InboundRequestingAgencyMessage, type InboundSupplyingAgencyMessage } from '../../../src/domain/iso18626';
import type { ExistingLoan, LoanStatus } from '../../../src/domain/loans';
import type { Isil } from '../../../src/domain/shared/isil';

const header = { requestingAgency: 'ID-JKPNRI', supplyingAgency: 'DE-1', requestingAgencyRequestId: 'R-1' };
const loanIn = (status: LoanStatus, more: Partial<ExistingLoan> = {}): ExistingLoan => ({
  status, loanId: 'L', lender: 'DE-1' as Isil, borrower: 'ID-JKPNRI' as Isil, terms: { loanPeriodDays: 28, maxRenewals: 2 },
  renewals: 0, recalled: false, overdue: false, ...(status === 'requested' || status === 'accepted' ? {} : { dueOn: '2026-03-30' }), ...more,
});
const supplier = (status: string, more: Partial<InboundSupplyingAgencyMessage> = {}): InboundSupplyingAgencyMessage =>
  ({ kind: 'supplyingAgencyMessage', header, reasonForMessage: 'StatusChange', status, ...more });
const requester = (action: string, note?: string): InboundRequestingAgencyMessage =>
  ({ kind: 'requestingAgencyMessage', header, action, ...(note ? { note } : {}) });
const types = (steps: ReturnType<typeof stepsFor>) => steps.map((step) => step.type);

describe('ISO 18626 messages as loan commands', () => {
  it.each([
    ['WillSupply', 'requested', ['AcceptLoan']],
    ['Loaned', 'accepted', ['ShipLoan']],
    ['Loaned', 'requested', ['AcceptLoan', 'ShipLoan']],
    ['Unfilled', 'requested', ['DeclineLoan']],
    ['Recalled', 'on-loan', ['RecallLoan']],
    ['LoanCompleted', 'returning', ['CheckInLoan']],
    ['CompletedWithoutReturn', 'on-loan', ['ReportLoanLost']],
    ['ExpectToSupply', 'requested', []],
    ['Overdue', 'on-loan', []],
    ['WillSupply', 'accepted', []],
  ] as const)('maps supplier status %s on a loan %s to %j', (status, loan, expected) =>
    expect(types(stepsFor(supplier(status), loanIn(loan)))).toEqual(expected));

  it('declines with the reason unfilled, else the note', () => {
    expect(stepsFor(supplier('Unfilled', { reasonUnfilled: 'NotHeld' }), loanIn('requested'))[0]).toEqual({ type: 'DeclineLoan', data: { loanId: 'L', reason: 'NotHeld' } });
    expect(stepsFor(supplier('Unfilled', { note: 'in use' }), loanIn('requested'))[0]).toEqual({ type: 'DeclineLoan', data: { loanId: 'L', reason: 'in use' } });
  });

  it('recalls by the due date the supplier gives', () =>
    expect(stepsFor(supplier('Recalled', { dueOn: '2026-03-20' }), loanIn('on-loan'))[0]).toEqual({ type: 'RecallLoan', data: { loanId: 'L', dueOn: '2026-03-20' } }));

  it('takes a RenewResponse or a StatusRequestResponse as information', () => {
    expect(stepsFor(supplier('Loaned', { reasonForMessage: 'RenewResponse', answerYesNo: 'Y' }), loanIn('on-loan', { renewals: 1 }))).toEqual([]);
    expect(stepsFor(supplier('Recalled', { reasonForMessage: 'StatusRequestResponse' }), loanIn('on-loan'))).toEqual([]);
  });

  it('refuses a status it does not act on, naming it', () => {
    expect(() => stepsFor(supplier('RetryPossible'), loanIn('requested'))).toThrow(expect.objectContaining({ errorType: 'UnrecognisedDataValue', errorValue: expect.stringContaining('RetryPossible') }));
    expect(() => stepsFor(supplier('Cancelled', { reasonForMessage: 'CancelResponse' }), loanIn('requested'))).toThrow(Iso18626Refusal);
  });

  it.each([
    ['Received', ['ReceiveLoan']],
    ['ShippedReturn', ['ReturnLoan']],
    ['Renew', ['RenewLoan']],
    ['Cancel', ['CancelLoan']],
    ['Lost', ['ReportLoanLost']],
    ['StatusRequest', []],
    ['Notification', []],
  ] as const)('maps requester action %s to %j', (action, expected) => expect(types(stepsFor(requester(action), loanIn('on-loan')))).toEqual(expected));

  it('refuses an action it does not support with UnsupportedActionType', () =>
    expect(() => stepsFor(requester('HoldReturn'), loanIn('on-loan'))).toThrow(expect.objectContaining({ errorType: 'UnsupportedActionType' })));

  it('keeps the requester\'s note as the reason of a cancellation', () =>
    expect(stepsFor(requester('Cancel', 'found elsewhere'), loanIn('requested'))[0]).toEqual({ type: 'CancelLoan', data: { loanId: 'L', reason: 'found elsewhere' } }));
});
