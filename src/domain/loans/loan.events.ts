import type { DomainEvent } from '../shared/decider';
import type { Isil } from '../shared/isil';
import type { LoanTerms, Money } from './loan.terms';

/** The item as the borrower described it; the ledger records it, it does not catalogue it. */
export type LoanItem = Readonly<{
  title: string;
  isbn?: string;
  author?: string;
  publisher?: string;
  year?: number;
  note?: string;
}>;

/**
 * Keys every loan event carries, so a projection can place any event on its
 * own without looking up the request.
 */
export type LoanKeys = Readonly<{
  loanId: string;
  lender: Isil;
  borrower: Isil;
  agreementId?: string;
}>;

type LoanEventOf<Type extends string, Data extends object> = DomainEvent<Type, LoanKeys & Data>;

export type LoanRequested = LoanEventOf<'LoanRequested', {
  item: LoanItem;
  terms: LoanTerms;
  requestedAt: string;
  /** The borrower's own id for the request, when its ILL system sent one (ISO 18626's requestingAgencyRequestId). */
  requestId?: string;
}>;
export type LoanAccepted = LoanEventOf<'LoanAccepted', { acceptedAt: string }>;
export type LoanDeclined = LoanEventOf<'LoanDeclined', { reason: string; declinedAt: string }>;
/** `fee` is the agreed fee, carried here because shipping is what the ledger posts it on. */
export type LoanShipped = LoanEventOf<'LoanShipped', { shippedAt: string; dueOn: string; fee?: Money }>;
export type LoanReceived = LoanEventOf<'LoanReceived', { receivedAt: string }>;
export type LoanRenewed = LoanEventOf<'LoanRenewed', {
  renewedAt: string;
  previousDueOn: string;
  dueOn: string;
  /** Renewals so far, this one included. */
  renewals: number;
}>;
export type LoanRecalled = LoanEventOf<'LoanRecalled', { recalledAt: string; dueOn: string; reason?: string }>;
export type LoanBecameOverdue = LoanEventOf<'LoanBecameOverdue', { dueOn: string; detectedAt: string }>;
export type LoanReturnShipped = LoanEventOf<'LoanReturnShipped', { returnedAt: string }>;
export type LoanCheckedIn = LoanEventOf<'LoanCheckedIn', { checkedInAt: string }>;
export type LoanReportedLost = LoanEventOf<'LoanReportedLost', {
  reportedBy: Isil;
  reportedAt: string;
  reason?: string;
  compensation?: Money;
}>;
export type LoanCancelled = LoanEventOf<'LoanCancelled', {
  cancelledBy: Isil;
  reason?: string;
  cancelledAt: string;
}>;

export type LoanEvent =
  | LoanRequested
  | LoanAccepted
  | LoanDeclined
  | LoanShipped
  | LoanReceived
  | LoanRenewed
  | LoanRecalled
  | LoanBecameOverdue
  | LoanReturnShipped
  | LoanCheckedIn
  | LoanReportedLost
  | LoanCancelled;
