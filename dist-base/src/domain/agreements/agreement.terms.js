"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateAgreementTerms = exports.MAX_GOAL_RATIO = void 0;
const errors_1 = require("../shared/errors");
const input_1 = require("../shared/input");
const money_1 = require("../shared/money");
/** The highest goal lend:borrow ratio a network may set. */
exports.MAX_GOAL_RATIO = 100;
const money = (value, field) => {
    if (typeof value !== 'object' || value === null)
        throw new errors_1.InvalidValue(field, `${field} must be an amount and a currency`);
    (0, money_1.validateMoney)(value, field);
    return { amount: value.amount, currency: value.currency };
};
/** Valid terms, rebuilt with only the keys AgreementTerms has. */
const validateAgreementTerms = (terms, field = 'terms') => {
    if (typeof terms !== 'object' || terms === null)
        throw new errors_1.InvalidValue(field, `${field} must be given`);
    const { feePerLoan, lostItemCompensation, goalRatio } = terms;
    (0, input_1.requireIntegerBetween)(terms.loanPeriodDays, 1, 365, `${field}.loanPeriodDays`);
    (0, input_1.requireIntegerBetween)(terms.maxRenewals, 0, 20, `${field}.maxRenewals`);
    if (typeof goalRatio !== 'number' || !Number.isFinite(goalRatio) || goalRatio <= 0 || goalRatio > exports.MAX_GOAL_RATIO) {
        throw new errors_1.InvalidValue(`${field}.goalRatio`, `${field}.goalRatio must be a number above 0 and at most ${exports.MAX_GOAL_RATIO}`);
    }
    (0, input_1.requireIntegerBetween)(terms.claimHoldDays, 1, 3650, `${field}.claimHoldDays`);
    return {
        loanPeriodDays: terms.loanPeriodDays,
        maxRenewals: terms.maxRenewals,
        ...(0, input_1.optional)('feePerLoan', (0, input_1.ifGiven)(feePerLoan, (fee) => money(fee, `${field}.feePerLoan`))),
        ...(0, input_1.optional)('lostItemCompensation', (0, input_1.ifGiven)(lostItemCompensation, (comp) => money(comp, `${field}.lostItemCompensation`))),
        goalRatio,
        claimHoldDays: terms.claimHoldDays,
    };
};
exports.validateAgreementTerms = validateAgreementTerms;
//# sourceMappingURL=agreement.terms.js.map