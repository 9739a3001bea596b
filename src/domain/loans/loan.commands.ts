import type { Command } from '../shared/decider';
import type { LoanItem } from './loan.events';
import type { AgreementFacts, CoverageFacts, PartnerStanding, WithoutCoverageFacts } from '../shared/cooperation';

/**
 * The acting library is always `metadata.actor.library`, never a field of the
 * data, so no library can record an act in another's name.
 */
type OnLoan = { loanId: string };

/**
 * The borrower is the actor's library. The agreement the loan is made under
 * and the standing of both libraries are read by the application and passed
 * in; the loan's terms are copied from the agreement.
 */
export type RequestLoan = Command<'RequestLoan', {
  loanId: string;
  lender: string;
  agreementId: string;
  agreement: AgreementFacts | null;
  standings: Readonly<Record<string, PartnerStanding | undefined>>;
  item: LoanItem;
  /** The borrower's own id for the request (ISO 18626's requestingAgencyRequestId), kept with the fact. */
  requestId?: string;
}>;
/**
 * Accepting, shipping and renewing commit lender and borrower anew under the
 * loan's agreement, so they are decided on its facts as they are that day:
 * the application reads the loan's stream for its agreement and parties and
 * gathers `agreement` and `standings` (of the lender and the borrower).
 */
export type AcceptLoan = Command<'AcceptLoan', OnLoan & CoverageFacts>;
export type DeclineLoan = Command<'DeclineLoan', OnLoan & { reason: string }>;
export type ShipLoan = Command<'ShipLoan', OnLoan & CoverageFacts>;
export type ReceiveLoan = Command<'ReceiveLoan', OnLoan>;
export type RenewLoan = Command<'RenewLoan', OnLoan & CoverageFacts>;
/** `dueOn` (YYYY-MM-DD) may bring the due date forward; it defaults to the current one. */
export type RecallLoan = Command<'RecallLoan', OnLoan & { dueOn?: string; reason?: string }>;
/** Sent by the scheduler (actor role 'system'). */
export type MarkLoanOverdue = Command<'MarkLoanOverdue', OnLoan>;
/** The borrower has shipped the item back. */
export type ReturnLoan = Command<'ReturnLoan', OnLoan>;
export type CheckInLoan = Command<'CheckInLoan', OnLoan>;
export type ReportLoanLost = Command<'ReportLoanLost', OnLoan & { reason?: string }>;
export type CancelLoan = Command<'CancelLoan', OnLoan & { reason?: string }>;

export type LoanCommand =
  | RequestLoan
  | AcceptLoan
  | DeclineLoan
  | ShipLoan
  | ReceiveLoan
  | RenewLoan
  | RecallLoan
  | MarkLoanOverdue
  | ReturnLoan
  | CheckInLoan
  | ReportLoanLost
  | CancelLoan;

/** A later step as a library asks for it (over HTTP or ISO 18626): the application adds the facts it is decided on. */
export type LoanStep = WithoutCoverageFacts<Exclude<LoanCommand, RequestLoan>>;
