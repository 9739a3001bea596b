"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateMoney = exports.CURRENCY_CODE = exports.MONEY_AMOUNT = void 0;
const errors_1 = require("./errors");
exports.MONEY_AMOUNT = /^\d{1,12}(\.\d{1,4})?$/;
exports.CURRENCY_CODE = /^[A-Z]{3}$/;
const validateMoney = (money, field) => {
    if (typeof money.amount !== 'string' || !exports.MONEY_AMOUNT.test(money.amount)) {
        throw new errors_1.InvalidValue(`${field}.amount`, `${field}.amount must be a non-negative decimal such as "12.50"`);
    }
    if (typeof money.currency !== 'string' || !exports.CURRENCY_CODE.test(money.currency)) {
        throw new errors_1.InvalidValue(`${field}.currency`, `${field}.currency must be an ISO 4217 code such as "EUR"`);
    }
};
exports.validateMoney = validateMoney;
//# sourceMappingURL=money.js.map