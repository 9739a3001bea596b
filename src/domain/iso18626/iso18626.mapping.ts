import type { ExistingLoan, IsoLoanStatus, LoanEvent, LoanItem, LoanStep } from '../loans';
import { isoStatus } from '../loans';
import { DomainError } from '../shared/errors';
import type { Iso18626MessageKind } from './iso18626.events';

/** The error types of ISO 18626 `errorData`. */
export type Iso18626ErrorType =
  | 'UnsupportedActionType'
  | 'UnsupportedReasonForMessageType'
  | 'UnrecognisedDataElement'
  | 'UnrecognisedDataValue'
  | 'BadlyFormedMessage';

/** A message the ledger will not act on: answered with messageStatus ERROR and this errorData. */
export class Iso18626Refusal extends DomainError {
  constructor(readonly errorType: Iso18626ErrorType, readonly errorValue: string) {
    super('iso18626-refused', errorValue, 'invalid');
  }
}

/** The header fields the ledger reads: the agencies by ISIL and the transaction's ids. */
export type Iso18626Header = Readonly<{
  requestingAgency: string;
  supplyingAgency?: string;
  requestingAgencyRequestId: string;
  supplyingAgencyRequestId?: string;
}>;

export type InboundRequest = Readonly<{ kind: 'request'; header: Iso18626Header; item: LoanItem; serviceType?: string }>;
export type InboundSupplyingAgencyMessage = Readonly<{
  kind: 'supplyingAgencyMessage';
  header: Iso18626Header;
  reasonForMessage: string;
  status: string;
  answerYesNo?: string;
  reasonUnfilled?: string;
  note?: string;
  /** YYYY-MM-DD of statusInfo/dueDate. */
  dueOn?: string;
}>;
export type InboundRequestingAgencyMessage = Readonly<{
  kind: 'requestingAgencyMessage';
  header: Iso18626Header;
  action: string;
  note?: string;
}>;
export type InboundMessage = InboundRequest | InboundSupplyingAgencyMessage | InboundRequestingAgencyMessage;

/** The agency that speaks in a message: the requester, except in a supplyingAgencyMessage. */
export const speakerOf = (message: InboundMessage): { agency: string | undefined; element: string } =>
  message.kind === 'supplyingAgencyMessage'
    ? { agency: message.header.supplyingAgency, element: 'supplyingAgencyId' }
    : { agency: message.header.requestingAgency, element: 'requestingAgencyId' };

const refuseValue = (what: string, why: string) => new Iso18626Refusal('UnrecognisedDataValue', `${what}: ${why}`);

/** Supplier statuses the ledger records as they come, without a loan command: the scheduler and the lender's own acts decide these. */
const RECORDED_ONLY_STATUSES = new Set(['RequestReceived', 'ExpectToSupply', 'Overdue']);

/**
 * The loan commands a supplyingAgencyMessage stands for, given where the loan
 * is. A status the loan already has changes nothing (a repeated status, a
 * RenewResponse, a StatusRequestResponse).
 */
const supplierSteps = (message: InboundSupplyingAgencyMessage, loan: ExistingLoan): LoanStep[] => {
  const loanId = loan.loanId;
  const { status } = message;
  if (RECORDED_ONLY_STATUSES.has(status) || isoStatus(loan) === status) return [];
  if (message.reasonForMessage === 'RenewResponse' || message.reasonForMessage === 'StatusRequestResponse' || message.reasonForMessage === 'Notification') return [];
  switch (status) {
    case 'WillSupply': return [{ type: 'AcceptLoan', data: { loanId } }];
    // A supplier that goes straight to Loaned has agreed to supply.
    case 'Loaned': return loan.status === 'requested'
      ? [{ type: 'AcceptLoan', data: { loanId } }, { type: 'ShipLoan', data: { loanId } }]
      : [{ type: 'ShipLoan', data: { loanId } }];
    case 'Unfilled': return [{ type: 'DeclineLoan', data: { loanId, reason: message.reasonUnfilled ?? message.note ?? 'Unfilled' } }];
    case 'Recalled': return [{ type: 'RecallLoan', data: { loanId, ...(message.dueOn ? { dueOn: message.dueOn } : {}), ...(message.note ? { reason: message.note } : {}) } }];
    case 'LoanCompleted': return [{ type: 'CheckInLoan', data: { loanId } }];
    case 'CompletedWithoutReturn': return [{ type: 'ReportLoanLost', data: { loanId, ...(message.note ? { reason: message.note } : {}) } }];
    case 'Cancelled': throw refuseValue('status Cancelled', 'only the requesting agency cancels a loan (action Cancel); the ledger records it at once');
    default: throw refuseValue(`status ${status}`, 'the ledger records loans, and does not act on this status');
  }
};

const ACTIONS: Readonly<Record<string, (loanId: string, note?: string) => LoanStep[]>> = {
  Received: (loanId) => [{ type: 'ReceiveLoan', data: { loanId } }],
  ShippedReturn: (loanId) => [{ type: 'ReturnLoan', data: { loanId } }],
  Renew: (loanId) => [{ type: 'RenewLoan', data: { loanId } }],
  Cancel: (loanId, note) => [{ type: 'CancelLoan', data: { loanId, ...(note ? { reason: note } : {}) } }],
  Lost: (loanId, note) => [{ type: 'ReportLoanLost', data: { loanId, ...(note ? { reason: note } : {}) } }],
  StatusRequest: () => [],
  Notification: () => [],
};

/** The loan commands a supplyingAgencyMessage or requestingAgencyMessage stands for. */
export const stepsFor = (message: InboundSupplyingAgencyMessage | InboundRequestingAgencyMessage, loan: ExistingLoan): LoanStep[] => {
  if (message.kind === 'supplyingAgencyMessage') return supplierSteps(message, loan);
  const steps = ACTIONS[message.action];
  if (!steps) throw new Iso18626Refusal('UnsupportedActionType', `action ${message.action} is not supported by the ledger`);
  return steps(loan.loanId, message.note);
};

/** What the standard prescribes, for one party, when a loan event is recorded. */
export type OutboundMessage =
  | Readonly<{ kind: 'request' }>
  | Readonly<{ kind: 'supplyingAgencyMessage'; reasonForMessage: string; status: IsoLoanStatus; answerYesNo?: 'Y' | 'N'; reasonUnfilled?: string; dueOn?: string }>
  | Readonly<{ kind: 'requestingAgencyMessage'; action: 'Received' | 'ShippedReturn' | 'Renew' | 'Cancel' | 'Lost'; note?: string }>;

export type Addressed = Readonly<{ to: 'lender' | 'borrower'; message: OutboundMessage }>;

const toLender = (message: OutboundMessage): Addressed => ({ to: 'lender', message });
const toBorrower = (message: OutboundMessage): Addressed => ({ to: 'borrower', message });
const status = (reasonForMessage: string, s: IsoLoanStatus, more: object = {}): OutboundMessage =>
  ({ kind: 'supplyingAgencyMessage', reasonForMessage, status: s, ...more }) as OutboundMessage;

/**
 * The messages a loan event sends: the act of one party goes to the other; a
 * renewal and a cancellation, which the ledger grants at once, also answer
 * the borrower with the supplier's RenewResponse or CancelResponse.
 */
export const outboundFor = (event: LoanEvent): Addressed[] => {
  switch (event.type) {
    case 'LoanRequested': return [toLender({ kind: 'request' })];
    case 'LoanAccepted': return [toBorrower(status('RequestResponse', 'WillSupply'))];
    case 'LoanDeclined': return [toBorrower(status('RequestResponse', 'Unfilled', { reasonUnfilled: event.data.reason }))];
    case 'LoanShipped': return [toBorrower(status('StatusChange', 'Loaned', { dueOn: event.data.dueOn }))];
    case 'LoanReceived': return [toLender({ kind: 'requestingAgencyMessage', action: 'Received' })];
    case 'LoanRenewed': return [
      toLender({ kind: 'requestingAgencyMessage', action: 'Renew' }),
      toBorrower(status('RenewResponse', 'Loaned', { answerYesNo: 'Y', dueOn: event.data.dueOn })),
    ];
    case 'LoanRecalled': return [toBorrower(status('StatusChange', 'Recalled', { dueOn: event.data.dueOn }))];
    case 'LoanBecameOverdue': return [toBorrower(status('StatusChange', 'Overdue', { dueOn: event.data.dueOn }))];
    case 'LoanReturnShipped': return [toLender({ kind: 'requestingAgencyMessage', action: 'ShippedReturn' })];
    case 'LoanCheckedIn': return [toBorrower(status('StatusChange', 'LoanCompleted'))];
    case 'LoanReportedLost': return event.data.reportedBy === event.data.borrower
      ? [toLender({ kind: 'requestingAgencyMessage', action: 'Lost', ...(event.data.reason ? { note: event.data.reason } : {}) })]
      : [toBorrower(status('StatusChange', 'CompletedWithoutReturn'))];
    case 'LoanCancelled': return [
      toLender({ kind: 'requestingAgencyMessage', action: 'Cancel', ...(event.data.reason ? { note: event.data.reason } : {}) }),
      toBorrower(status('CancelResponse', 'Cancelled', { answerYesNo: 'Y' })),
    ];
    default: return [];
  }
};

/** The confirmation element that answers each message. */
export const CONFIRMATION_OF: Readonly<Record<Iso18626MessageKind, string>> = {
  request: 'requestConfirmation',
  supplyingAgencyMessage: 'supplyingAgencyMessageConfirmation',
  requestingAgencyMessage: 'requestingAgencyMessageConfirmation',
};
