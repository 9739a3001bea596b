import { InvalidValue } from './errors';

/** An amount of money; the amount stays a decimal string so no cent is lost to floating point. */
export type Money = Readonly<{
  /** Decimal, e.g. "12.50". */
  amount: string;
  /** ISO 4217, e.g. "EUR". */
  currency: string;
}>;

export const MONEY_AMOUNT = /^\d{1,12}(\.\d{1,4})?$/;
export const CURRENCY_CODE = /^[A-Z]{3}$/;

/** The ISO 4217 codes in use, as the runtime's ICU data lists them: a mistyped code ("ERU") would open a balance of its own. */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const isCurrency = (code: unknown): boolean => typeof code === 'string' && CURRENCY_CODE.test(code) && CURRENCIES.has(code);

export const validateMoney = (money: Money, field: string): void => {
  if (typeof money.amount !== 'string' || !MONEY_AMOUNT.test(money.amount)) {
    throw new InvalidValue(`${field}.amount`, `${field}.amount must be a non-negative decimal such as "12.50"`);
  }
  if (!isCurrency(money.currency)) {
    throw new InvalidValue(`${field}.currency`, `${field}.currency must be an ISO 4217 code in use, such as "EUR"`);
  }
};
