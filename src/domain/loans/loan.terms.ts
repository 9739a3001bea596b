import { InvalidValue } from '../shared/errors';

/** An amount of money; the amount stays a decimal string so no cent is lost to floating point. */
export type Money = Readonly<{
  /** Decimal, e.g. "12.50". */
  amount: string;
  /** ISO 4217, e.g. "EUR". */
  currency: string;
}>;

/** What the partners agreed for one loan, copied onto it so later agreement changes do not alter it. */
export type LoanTerms = Readonly<{
  loanPeriodDays: number;
  maxRenewals: number;
  fee?: Money;
  lostItemCompensation?: Money;
}>;

const AMOUNT = /^\d{1,12}(\.\d{1,4})?$/;
const CURRENCY = /^[A-Z]{3}$/;

const requireIntegerBetween = (value: number, min: number, max: number, field: string): void => {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidValue(field, `${field} must be a whole number from ${min} to ${max}`);
  }
};

export const validateMoney = (money: Money, field: string): void => {
  if (typeof money.amount !== 'string' || !AMOUNT.test(money.amount)) {
    throw new InvalidValue(`${field}.amount`, `${field}.amount must be a non-negative decimal such as "12.50"`);
  }
  if (typeof money.currency !== 'string' || !CURRENCY.test(money.currency)) {
    throw new InvalidValue(`${field}.currency`, `${field}.currency must be an ISO 4217 code such as "EUR"`);
  }
};

export const validateTerms = (terms: LoanTerms): void => {
  requireIntegerBetween(terms.loanPeriodDays, 1, 365, 'terms.loanPeriodDays');
  requireIntegerBetween(terms.maxRenewals, 0, 20, 'terms.maxRenewals');
  if (terms.fee !== undefined) validateMoney(terms.fee, 'terms.fee');
  if (terms.lostItemCompensation !== undefined) {
    validateMoney(terms.lostItemCompensation, 'terms.lostItemCompensation');
  }
};
