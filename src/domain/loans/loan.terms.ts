import { requireIntegerBetween } from '../shared/input';
import { validateMoney, type Money } from '../shared/money';

export { validateMoney, type Money };

/** What the partners agreed for one loan, copied onto it so later agreement changes do not alter it. */
export type LoanTerms = Readonly<{
  loanPeriodDays: number;
  maxRenewals: number;
  fee?: Money;
  lostItemCompensation?: Money;
}>;

export const validateTerms = (terms: LoanTerms): void => {
  requireIntegerBetween(terms.loanPeriodDays, 1, 365, 'terms.loanPeriodDays');
  requireIntegerBetween(terms.maxRenewals, 0, 20, 'terms.maxRenewals');
  if (terms.fee !== undefined) validateMoney(terms.fee, 'terms.fee');
  if (terms.lostItemCompensation !== undefined) {
    validateMoney(terms.lostItemCompensation, 'terms.lostItemCompensation');
  }
};
