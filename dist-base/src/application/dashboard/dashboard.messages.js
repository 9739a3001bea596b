"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LendingByMonthQuery = exports.BalanceMatrixQuery = void 0;
const cqrs_1 = require("@nestjs/cqrs");
/** The partner × partner balances of one unit at a cut, each row's largest counterparties named. */
class BalanceMatrixQuery extends cqrs_1.Query {
    unit;
    top;
    time;
    agreementId;
    constructor(unit, top, time = {}, agreementId) {
        super();
        this.unit = unit;
        this.top = top;
        this.time = time;
        this.agreementId = agreementId;
    }
}
exports.BalanceMatrixQuery = BalanceMatrixQuery;
class LendingByMonthQuery extends cqrs_1.Query {
    agreementId;
    from;
    to;
    minPosition;
    constructor(agreementId, from, to, minPosition) {
        super();
        this.agreementId = agreementId;
        this.from = from;
        this.to = to;
        this.minPosition = minPosition;
    }
}
exports.LendingByMonthQuery = LendingByMonthQuery;
//# sourceMappingURL=dashboard.messages.js.map