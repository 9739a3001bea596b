"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GetTrialBalanceQuery = exports.GetBalancesQuery = void 0;
const cqrs_1 = require("@nestjs/cqrs");
class GetBalancesQuery extends cqrs_1.Query {
    filter;
    time;
    constructor(filter, time = {}) {
        super();
        this.filter = filter;
        this.time = time;
    }
}
exports.GetBalancesQuery = GetBalancesQuery;
class GetTrialBalanceQuery extends cqrs_1.Query {
    time;
    constructor(time = {}) {
        super();
        this.time = time;
    }
}
exports.GetTrialBalanceQuery = GetTrialBalanceQuery;
//# sourceMappingURL=balance.messages.js.map