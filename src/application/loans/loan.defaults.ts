import type { LoanTerms } from '../../domain/loans';

/**
 * Terms a loan gets until agreements supply their own: four weeks, two
 * renewals, no fee. Copied onto each loan when it is requested.
 */
export const DEFAULT_LOAN_TERMS: LoanTerms = { loanPeriodDays: 28, maxRenewals: 2 };
