import type { AgreementTerms } from '../shared/cooperation';
import { InvalidValue } from '../shared/errors';
import { ifGiven, optional, requireIntegerBetween } from '../shared/input';
import { validateMoney, type Money } from '../shared/money';

/** The highest goal lend:borrow ratio a network may set. */
export const MAX_GOAL_RATIO = 100;

const money = (value: Money, field: string): Money => {
  if (typeof value !== 'object' || value === null) throw new InvalidValue(field, `${field} must be an amount and a currency`);
  validateMoney(value, field);
  return { amount: value.amount, currency: value.currency };
};

/** Valid terms, rebuilt with only the keys AgreementTerms has. */
export const validateAgreementTerms = (terms: AgreementTerms, field = 'terms'): AgreementTerms => {
  if (typeof terms !== 'object' || terms === null) throw new InvalidValue(field, `${field} must be given`);
  const { feePerLoan, lostItemCompensation, goalRatio } = terms;
  requireIntegerBetween(terms.loanPeriodDays, 1, 365, `${field}.loanPeriodDays`);
  requireIntegerBetween(terms.maxRenewals, 0, 20, `${field}.maxRenewals`);
  if (typeof goalRatio !== 'number' || !Number.isFinite(goalRatio) || goalRatio <= 0 || goalRatio > MAX_GOAL_RATIO) {
    throw new InvalidValue(`${field}.goalRatio`, `${field}.goalRatio must be a number above 0 and at most ${MAX_GOAL_RATIO}`);
  }
  requireIntegerBetween(terms.claimHoldDays, 1, 3650, `${field}.claimHoldDays`);
  return {
    loanPeriodDays: terms.loanPeriodDays,
    maxRenewals: terms.maxRenewals,
    ...optional('feePerLoan', ifGiven(feePerLoan, (fee) => money(fee, `${field}.feePerLoan`))),
    ...optional('lostItemCompensation', ifGiven(lostItemCompensation, (comp) => money(comp, `${field}.lostItemCompensation`))),
    goalRatio,
    claimHoldDays: terms.claimHoldDays,
  };
};
