"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isZeroAmount = exports.compareAmounts = exports.negateAmount = exports.sumAmounts = exports.addAmounts = exports.normalizeAmount = exports.formatAmount = exports.parseAmount = exports.AMOUNT_SCALE = exports.AMOUNT_DECIMALS = void 0;
const errors_1 = require("../shared/errors");
exports.AMOUNT_DECIMALS = 4;
exports.AMOUNT_SCALE = 10n ** BigInt(exports.AMOUNT_DECIMALS);
/** Optional minus, digits, optional point with 1 to 4 digits. No "+", no ".5", no "5.", no exponent. */
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,4}))?$/;
const refuse = (field, value) => {
    throw new errors_1.InvalidValue(field, `${field} must be a decimal with at most ${exports.AMOUNT_DECIMALS} decimals, such as "12.5" or "-3"; got ${JSON.stringify(String(value))}`);
};
/**
 * Reads a decimal string, or a number whose shortest decimal form has at most
 * 4 decimals (so 2.5 is accepted, 0.1 + 0.2 = 0.30000000000000004 is refused
 * rather than silently rounded), into a scaled bigint.
 */
const parseAmount = (value, field = 'amount') => {
    let text;
    if (typeof value === 'number') {
        // Beyond 2^53 a number no longer says which integer it is.
        if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)
            return refuse(field, value);
        text = String(value); // shortest round-trip form; an exponent ("1e-7") fails the pattern below
    }
    else if (typeof value === 'string') {
        text = value;
    }
    else {
        return refuse(field, value);
    }
    const match = DECIMAL.exec(text);
    if (match === null)
        return refuse(field, value);
    const [, sign, whole, fraction = ''] = match;
    const magnitude = BigInt(whole) * exports.AMOUNT_SCALE + BigInt(fraction.padEnd(exports.AMOUNT_DECIMALS, '0'));
    return sign === '-' ? -magnitude : magnitude;
};
exports.parseAmount = parseAmount;
/** The canonical decimal string: no trailing fractional zeros, no "-0". */
const formatAmount = (scaled) => {
    const negative = scaled < 0n;
    const magnitude = negative ? -scaled : scaled;
    const whole = (magnitude / exports.AMOUNT_SCALE).toString();
    const fraction = (magnitude % exports.AMOUNT_SCALE).toString().padStart(exports.AMOUNT_DECIMALS, '0').replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
};
exports.formatAmount = formatAmount;
/** Rewrites a decimal in canonical form ("12.50" → "12.5", "-0" → "0"). */
const normalizeAmount = (value, field = 'amount') => (0, exports.formatAmount)((0, exports.parseAmount)(value, field));
exports.normalizeAmount = normalizeAmount;
const addAmounts = (a, b) => (0, exports.formatAmount)((0, exports.parseAmount)(a) + (0, exports.parseAmount)(b));
exports.addAmounts = addAmounts;
const sumAmounts = (values) => {
    let total = 0n;
    for (const value of values)
        total += (0, exports.parseAmount)(value);
    return (0, exports.formatAmount)(total);
};
exports.sumAmounts = sumAmounts;
const negateAmount = (value) => (0, exports.formatAmount)(-(0, exports.parseAmount)(value));
exports.negateAmount = negateAmount;
/** -1, 0 or 1, for sorting and for "owes / is owed" tests without floating point. */
const compareAmounts = (a, b) => {
    const difference = (0, exports.parseAmount)(a) - (0, exports.parseAmount)(b);
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
};
exports.compareAmounts = compareAmounts;
const isZeroAmount = (value) => (0, exports.parseAmount)(value) === 0n;
exports.isZeroAmount = isZeroAmount;
//# sourceMappingURL=amount.js.map