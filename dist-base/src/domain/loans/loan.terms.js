"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateTerms = exports.validateMoney = void 0;
const input_1 = require("../shared/input");
const money_1 = require("../shared/money");
Object.defineProperty(exports, "validateMoney", { enumerable: true, get: function () { return money_1.validateMoney; } });
const validateTerms = (terms) => {
    (0, input_1.requireIntegerBetween)(terms.loanPeriodDays, 1, 365, 'terms.loanPeriodDays');
    (0, input_1.requireIntegerBetween)(terms.maxRenewals, 0, 20, 'terms.maxRenewals');
    if (terms.fee !== undefined)
        (0, money_1.validateMoney)(terms.fee, 'terms.fee');
    if (terms.lostItemCompensation !== undefined) {
        (0, money_1.validateMoney)(terms.lostItemCompensation, 'terms.lostItemCompensation');
    }
};
exports.validateTerms = validateTerms;
//# sourceMappingURL=loan.terms.js.map