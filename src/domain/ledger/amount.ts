import { InvalidValue } from '../shared/errors';

/**
 * Exact decimal amounts for the ledger. Money (up to 4 decimals, as `Money`
 * allows), item counts and service units are all held as a bigint scaled by
 * 10^4, so sums over any number of postings are exact: 0.1 + 0.2 is 0.3 here,
 * and a trial balance is zero, not 1e-17. Outside this file an amount travels
 * as a canonical decimal string ("12.5", "-3", "0"), which JSON, SQL TEXT and
 * CSV all carry without loss.
 */
export type ScaledAmount = bigint;

export const AMOUNT_DECIMALS = 4;
export const AMOUNT_SCALE: ScaledAmount = 10n ** BigInt(AMOUNT_DECIMALS);

/** Optional minus, digits, optional point with 1 to 4 digits. No "+", no ".5", no "5.", no exponent. */
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,4}))?$/;

const refuse = (field: string, value: unknown): never => {
  throw new InvalidValue(
    field,
    `${field} must be a decimal with at most ${AMOUNT_DECIMALS} decimals, such as "12.5" or "-3"; got ${JSON.stringify(String(value))}`,
  );
};

/**
 * Reads a decimal string, or a number whose shortest decimal form has at most
 * 4 decimals (so 2.5 is accepted, 0.1 + 0.2 = 0.30000000000000004 is refused
 * rather than silently rounded), into a scaled bigint.
 */
export const parseAmount = (value: string | number, field = 'amount'): ScaledAmount => {
  let text: string;
  if (typeof value === 'number') {
    // Beyond 2^53 a number no longer says which integer it is.
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return refuse(field, value);
    text = String(value); // shortest round-trip form; an exponent ("1e-7") fails the pattern below
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return refuse(field, value);
  }
  const match = DECIMAL.exec(text);
  if (match === null) return refuse(field, value);
  const [, sign, whole, fraction = ''] = match;
  const magnitude = BigInt(whole) * AMOUNT_SCALE + BigInt(fraction.padEnd(AMOUNT_DECIMALS, '0'));
  return sign === '-' ? -magnitude : magnitude;
};

/** The canonical decimal string: no trailing fractional zeros, no "-0". */
export const formatAmount = (scaled: ScaledAmount): string => {
  const negative = scaled < 0n;
  const magnitude = negative ? -scaled : scaled;
  const whole = (magnitude / AMOUNT_SCALE).toString();
  const fraction = (magnitude % AMOUNT_SCALE).toString().padStart(AMOUNT_DECIMALS, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
};

/** Rewrites a decimal in canonical form ("12.50" → "12.5", "-0" → "0"). */
export const normalizeAmount = (value: string | number, field = 'amount'): string => formatAmount(parseAmount(value, field));

export const addAmounts = (a: string | number, b: string | number): string => formatAmount(parseAmount(a) + parseAmount(b));

export const sumAmounts = (values: Iterable<string | number>): string => {
  let total = 0n;
  for (const value of values) total += parseAmount(value);
  return formatAmount(total);
};

export const negateAmount = (value: string | number): string => formatAmount(-parseAmount(value));

/** -1, 0 or 1, for sorting and for "owes / is owed" tests without floating point. */
export const compareAmounts = (a: string | number, b: string | number): -1 | 0 | 1 => {
  const difference = parseAmount(a) - parseAmount(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
};

export const isZeroAmount = (value: string | number): boolean => parseAmount(value) === 0n;
