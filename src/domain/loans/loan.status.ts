/** Where a loan stands; 'none' is a stream with no loan in it yet. */
export type LoanStatus =
  | 'requested'
  | 'accepted'
  | 'shipped'
  | 'on-loan'
  | 'returning'
  | 'checked-in'
  | 'declined'
  | 'cancelled'
  | 'lost';

/** A loan in one of these statuses refuses every further command. */
export const CLOSED_LOAN_STATUSES = ['checked-in', 'declined', 'cancelled', 'lost'] as const satisfies readonly LoanStatus[];

export type ClosedLoanStatus = (typeof CLOSED_LOAN_STATUSES)[number];

export const isClosedStatus = (status: LoanStatus): status is ClosedLoanStatus =>
  (CLOSED_LOAN_STATUSES as readonly LoanStatus[]).includes(status);

/** How a status reads in a sentence for a librarian. */
export const STATUS_IN_WORDS: Readonly<Record<LoanStatus, string>> = {
  requested: 'requested and awaiting the lender',
  accepted: 'accepted but not yet shipped',
  shipped: 'shipped and not yet received',
  'on-loan': 'on loan with the borrower',
  returning: 'on its way back to the lender',
  'checked-in': 'checked in by the lender',
  declined: 'declined by the lender',
  cancelled: 'cancelled by the borrower',
  lost: 'reported lost',
};
