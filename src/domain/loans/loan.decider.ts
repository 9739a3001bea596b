import type { Decider } from '../shared/decider';
import { assertAgreementCovers, assertPartnersActive, assertStillCovered, type AgreementTerms } from '../shared/cooperation';
import { addDays, dayOf, isPastDue } from '../shared/dates';
import { optional, requireCalendarDate } from '../shared/input';
import { toIsbn13 } from '../shared/isbn';
import { toIsil, type Isil } from '../shared/isil';
import type {
  AcceptLoan, CancelLoan, CheckInLoan, DeclineLoan, LoanCommand, MarkLoanOverdue, ReceiveLoan,
  RecallLoan, RenewLoan, ReportLoanLost, RequestLoan, ReturnLoan, ShipLoan,
} from './loan.commands';
import {
  CannotBorrowFromOwnLibrary, InvalidTransition, LoanAlreadyExists, LoanAlreadyRecalled, LoanChangedMeanwhile, LoanClosed,
  LoanNotAccepted, LoanNotFound, LoanNotOnLoan, LoanNotShipped, LoanNotYetDue, NotTheScheduler,
  OverdueLoanCannotBeRenewed, RecallCannotPostponeDueDate, RecallDueDateInPast, RecalledLoanCannotBeRenewed,
  RenewalLimitReached,
} from './loan.errors';
import type { LoanEvent, LoanItem, LoanKeys } from './loan.events';
import {
  actingLibrary, requireBorrower, requireLender, requireParty, requireText,
} from './loan.guards';
import { CLOSED_LOAN_STATUSES, isClosedStatus, type LoanStatus } from './loan.status';
import { validateTerms, type LoanTerms } from './loan.terms';

export { CLOSED_LOAN_STATUSES };

export type NoLoan = Readonly<{ status: 'none' }>;

export type ExistingLoan = Readonly<{
  status: LoanStatus;
  loanId: string;
  lender: Isil;
  borrower: Isil;
  agreementId?: string;
  terms: LoanTerms;
  /** Set once shipped. */
  dueOn?: string;
  renewals: number;
  recalled: boolean;
  overdue: boolean;
}>;

export type Loan = NoLoan | ExistingLoan;

export const initialState = (): Loan => ({ status: 'none' });

// ---- evolve -------------------------------------------------------------

export const evolve = (state: Loan, event: LoanEvent): Loan => {
  if (event.type === 'LoanRequested') {
    const { loanId, lender, borrower, agreementId, terms } = event.data;
    return {
      status: 'requested', loanId, lender, borrower, terms,
      ...(agreementId === undefined ? {} : { agreementId }),
      renewals: 0, recalled: false, overdue: false,
    };
  }
  // A stray event on an empty stream changes nothing: evolve must never throw.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'LoanAccepted': return { ...state, status: 'accepted' };
    case 'LoanDeclined': return { ...state, status: 'declined' };
    case 'LoanShipped': return { ...state, status: 'shipped', dueOn: event.data.dueOn };
    case 'LoanReceived': return { ...state, status: 'on-loan' };
    case 'LoanRenewed': return { ...state, dueOn: event.data.dueOn, renewals: event.data.renewals };
    case 'LoanRecalled': return { ...state, recalled: true, dueOn: event.data.dueOn };
    case 'LoanBecameOverdue': return { ...state, overdue: true };
    case 'LoanReturnShipped': return { ...state, status: 'returning' };
    case 'LoanCheckedIn': return { ...state, status: 'checked-in' };
    case 'LoanReportedLost': return { ...state, status: 'lost' };
    case 'LoanCancelled': return { ...state, status: 'cancelled' };
    default: return state;
  }
};

// ---- decide -------------------------------------------------------------

const at = (command: LoanCommand): string => command.metadata.now.toISOString();

const keysOf = (loan: ExistingLoan): LoanKeys => ({
  loanId: loan.loanId,
  lender: loan.lender,
  borrower: loan.borrower,
  ...(loan.agreementId === undefined ? {} : { agreementId: loan.agreementId }),
});

/** A loan that exists and is still open: the only kind most commands may act on. */
const openLoan = (command: LoanCommand, state: Loan): ExistingLoan => {
  if (state.status === 'none') throw new LoanNotFound(command.data.loanId);
  // A library that is not a party learns nothing of the loan's state, not even that it is closed.
  requireParty(command, state, 'act on');
  if (isClosedStatus(state.status)) throw new LoanClosed(state.status);
  return state;
};

/**
 * The item with its ISBN as the ledger keeps every ISBN: its 13 digits
 * (shared/isbn), however the borrower wrote it; one that is no ISBN is
 * refused, naming `item.isbn`.
 */
export const withIsbn13 = (item: LoanItem): LoanItem => (item.isbn === undefined ? item : { ...item, isbn: toIsbn13(item.isbn, 'item.isbn') });

const request = (command: RequestLoan, state: Loan): LoanEvent[] => {
  if (state.status !== 'none') throw new LoanAlreadyExists(state.loanId);
  const borrower = actingLibrary(command);
  const { loanId, agreementId } = command.data;
  requireText(loanId, 'loanId');
  const lender = toIsil(command.data.lender, 'lender');
  if (lender === borrower) throw new CannotBorrowFromOwnLibrary();
  const fields = { agreement: 'agreementId', parties: { [lender]: 'lender' } };
  const agreement = assertAgreementCovers(command.data.agreement, agreementId, 'loans', [borrower, lender], command.metadata.now, undefined, fields);
  assertPartnersActive(command.data.standings, [borrower, lender], fields);
  requireText(command.data.item?.title, 'item.title');
  const item = withIsbn13(command.data.item);
  const terms = loanTermsOf(agreement.terms);
  validateTerms(terms);
  return [{
    type: 'LoanRequested',
    data: { loanId, lender, borrower, agreementId, item, terms, requestedAt: at(command), ...(command.data.requestId === undefined ? {} : { requestId: command.data.requestId }) },
  }];
};

/** The agreement's terms that bind one loan, copied so later amendments do not change it. */
const loanTermsOf = ({ loanPeriodDays, maxRenewals, feePerLoan, lostItemCompensation }: AgreementTerms): LoanTerms => ({
  loanPeriodDays,
  maxRenewals,
  ...optional('fee', feePerLoan),
  ...optional('lostItemCompensation', lostItemCompensation),
});

/**
 * Accepting, shipping and renewing commit lender and borrower anew under the
 * loan's agreement: accepting promises the item, shipping hands it over for a
 * loan period (the ledger posts the loan and its fee), renewing extends that
 * period by the terms. Each needs what the request needed, as things stand
 * that day: the agreement in force and covering loans, lender and borrower
 * its members and active partners; a refusal names `agreementId`, `lender` or
 * `borrower`. Every other step winds the loan down (declining, cancelling,
 * receiving, recalling, returning, checking in, reporting it lost) and asks
 * none of this, so a loan can always be brought to its end.
 */
const assertLoanStillCovered = (command: AcceptLoan | ShipLoan | RenewLoan, loan: ExistingLoan): void => {
  const { standings } = command.data;
  const parties = [loan.lender, loan.borrower];
  if (parties.some((party) => !Object.hasOwn(standings, party))) throw new LoanChangedMeanwhile();
  const fields = { agreement: 'agreementId', parties: { [loan.lender]: 'lender', [loan.borrower]: 'borrower' } };
  // A loan recorded before loans named their agreement has none to check, only its parties.
  if (loan.agreementId === undefined) assertPartnersActive(standings, parties, fields);
  else assertStillCovered(command.data, loan.agreementId, 'loans', parties, command.metadata.now, fields);
};

const accept = (command: AcceptLoan, state: Loan): LoanEvent[] => {
  const loan = openLoan(command, state);
  requireLender(command, loan, 'accept');
  if (loan.status !== 'requested') throw new InvalidTransition('accepted', loan.status);
  assertLoanStillCovered(command, loan);
  return [{ type: 'LoanAccepted', data: { ...keysOf(loan), acceptedAt: at(command) } }];
};

const decline = (command: DeclineLoan, state: Loan): LoanEvent[] => {
  const loan = openLoan(command, state);
  requireLender(command, loan, 'decline');
  if (loan.status !== 'requested' && loan.status !== 'accepted') throw new InvalidTransition('declined', loan.status);
  const reason = requireText(command.data.reason, 'reason');
  return [{ type: 'LoanDeclined', data: { ...keysOf(loan), reason, declinedAt: at(command) } }];
};

const ship = (command: ShipLoan, state: Loan): LoanEvent[] => {
  const loan = openLoan(command, state);
  requireLender(command, loan, 'ship');
  if (loan.status === 'requested') throw new LoanNotAccepted();
  if (loan.status !== 'accepted') throw new InvalidTransition('shipped again', loan.status);
  assertLoanStillCovered(command, loan);
  const { now } = command.metadata;
  return [{
    type: 'LoanShipped',
    data: {
      ...keysOf(loan), shippedAt: at(command), dueOn: addDays(now, loan.terms.loanPeriodDays),
      ...optional('fee', loan.terms.fee),
    },
  }];
};

const receive = (command: ReceiveLoan, state: Loan): LoanEvent[] => {
  const loan = openLoan(command, state);
  requireBorrower(command, loan, 'receive');
  if (loan.status === 'requested' || loan.status === 'accepted') throw new LoanNotShipped();
  if (loan.status !== 'shipped') throw new InvalidTransition('received again', loan.status);
  return [{ type: 'LoanReceived', data: { ...keysOf(loan), receivedAt: at(command) } }];
};

const renew = (command: RenewLoan, state: Loan): LoanEvent[] => {
  const loan = openLoan(command, state);
  requireBorrower(command, loan, 'renew');
  if (loan.status !== 'on-loan' || loan.dueOn === undefined) throw new LoanNotOnLoan(loan.status);
  if (loan.recalled) throw new RecalledLoanCannotBeRenewed();
  // Past due is overdue even before the scheduler has recorded it.
  if (loan.overdue || isPastDue(loan.dueOn, command.metadata.now)) throw new OverdueLoanCannotBeRenewed(loan.dueOn);
  if (loan.renewals >= loan.terms.maxRenewals) throw new RenewalLimitReached(loan.terms.maxRenewals);
  assertLoanStillCovered(command, loan);
  return [{
    type: 'LoanRenewed',
    data: {
      ...keysOf(loan), renewedAt: at(command), previousDueOn: loan.dueOn,
      dueOn: addDays(loan.dueOn, loan.terms.loanPeriodDays), renewals: loan.renewals + 1,
    },
  }];
};

const recall = (command: RecallLoan, state: Loan): LoanEvent[] => {
  const loan = openLoan(command, state);
  requireLender(command, loan, 'recall');
  if ((loan.status !== 'shipped' && loan.status !== 'on-loan') || loan.dueOn === undefined) {
    throw new InvalidTransition('recalled', loan.status);
  }
  if (loan.recalled) throw new LoanAlreadyRecalled();
  const requested = command.data.dueOn;
  const dueOn = requested === undefined ? loan.dueOn : recallDueOn(requested, loan.dueOn, command.metadata.now);
  return [{
    type: 'LoanRecalled',
    data: { ...keysOf(loan), recalledAt: at(command), dueOn, ...optional('reason', command.data.reason) },
  }];
};

const recallDueOn = (requested: string, currentDueOn: string, now: Date): string => {
  const dueOn = requireCalendarDate(requested, 'dueOn');
  const today = dayOf(now);
  if (dueOn < today) throw new RecallDueDateInPast(today);
  if (dueOn > currentDueOn) throw new RecallCannotPostponeDueDate(currentDueOn);
  return dueOn;
};

/** Idempotent, so a scheduler that runs twice, or late, records an overdue loan exactly once. */
const markOverdue = (command: MarkLoanOverdue, state: Loan): LoanEvent[] => {
  if (command.metadata.actor.role !== 'system') throw new NotTheScheduler();
  if (state.status === 'none') throw new LoanNotFound(command.data.loanId);
  if (state.overdue || state.status === 'returning' || isClosedStatus(state.status)) return [];
  if (state.dueOn === undefined) throw new LoanNotShipped();
  if (!isPastDue(state.dueOn, command.metadata.now)) throw new LoanNotYetDue(state.dueOn);
  return [{ type: 'LoanBecameOverdue', data: { ...keysOf(state), dueOn: state.dueOn, detectedAt: at(command) } }];
};

const returnLoan = (command: ReturnLoan, state: Loan): LoanEvent[] => {
  const loan = openLoan(command, state);
  requireBorrower(command, loan, 'return');
  if (loan.status !== 'on-loan') throw new LoanNotOnLoan(loan.status);
  return [{ type: 'LoanReturnShipped', data: { ...keysOf(loan), returnedAt: at(command) } }];
};

const checkIn = (command: CheckInLoan, state: Loan): LoanEvent[] => {
  const loan = openLoan(command, state);
  requireLender(command, loan, 'check in');
  // The lender may get the item back before the borrower records the return.
  if (loan.status !== 'returning' && loan.status !== 'on-loan') throw new InvalidTransition('checked in', loan.status);
  return [{ type: 'LoanCheckedIn', data: { ...keysOf(loan), checkedInAt: at(command) } }];
};

const reportLost = (command: ReportLoanLost, state: Loan): LoanEvent[] => {
  const loan = openLoan(command, state);
  const reportedBy = requireParty(command, loan, 'report lost');
  if (loan.status !== 'shipped' && loan.status !== 'on-loan' && loan.status !== 'returning') {
    throw new InvalidTransition('reported lost', loan.status);
  }
  return [{
    type: 'LoanReportedLost',
    data: {
      ...keysOf(loan), reportedBy, reportedAt: at(command),
      ...optional('reason', command.data.reason),
      ...optional('compensation', loan.terms.lostItemCompensation),
    },
  }];
};

const cancel = (command: CancelLoan, state: Loan): LoanEvent[] => {
  const loan = openLoan(command, state);
  const cancelledBy = requireBorrower(command, loan, 'cancel');
  if (loan.status !== 'requested' && loan.status !== 'accepted') throw new InvalidTransition('cancelled', loan.status);
  return [{
    type: 'LoanCancelled',
    data: { ...keysOf(loan), cancelledBy, ...optional('reason', command.data.reason), cancelledAt: at(command) },
  }];
};

export const decide = (command: LoanCommand, state: Loan): LoanEvent[] => {
  switch (command.type) {
    case 'RequestLoan': return request(command, state);
    case 'AcceptLoan': return accept(command, state);
    case 'DeclineLoan': return decline(command, state);
    case 'ShipLoan': return ship(command, state);
    case 'ReceiveLoan': return receive(command, state);
    case 'RenewLoan': return renew(command, state);
    case 'RecallLoan': return recall(command, state);
    case 'MarkLoanOverdue': return markOverdue(command, state);
    case 'ReturnLoan': return returnLoan(command, state);
    case 'CheckInLoan': return checkIn(command, state);
    case 'ReportLoanLost': return reportLost(command, state);
    case 'CancelLoan': return cancel(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown loan command ${(unknown as { type: string }).type}`);
    }
  }
};

export const loanDecider: Decider<Loan, LoanCommand, LoanEvent> = { decide, evolve, initialState };

// ---- ISO 18626 ----------------------------------------------------------

export type IsoLoanStatus =
  | 'ExpectToSupply' | 'WillSupply' | 'Loaned' | 'Overdue' | 'Recalled'
  | 'Unfilled' | 'LoanCompleted' | 'CompletedWithoutReturn' | 'Cancelled';

/** The ISO 18626 supplying-agency status of a loan; a stream with no loan has none. */
export function isoStatus(state: ExistingLoan): IsoLoanStatus;
export function isoStatus(state: Loan): IsoLoanStatus | undefined;
export function isoStatus(state: Loan): IsoLoanStatus | undefined {
  switch (state.status) {
    case 'none': return undefined;
    case 'requested': return 'ExpectToSupply';
    case 'accepted': return 'WillSupply';
    case 'shipped':
    case 'on-loan':
    case 'returning':
      if (state.overdue) return 'Overdue';
      return state.recalled ? 'Recalled' : 'Loaned';
    case 'declined': return 'Unfilled';
    case 'checked-in': return 'LoanCompleted';
    case 'lost': return 'CompletedWithoutReturn';
    case 'cancelled': return 'Cancelled';
  }
}
