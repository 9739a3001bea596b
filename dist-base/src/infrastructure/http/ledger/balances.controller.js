"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BalancesController = exports.unitOf = exports.timeOf = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const balance_messages_1 = require("../../../application/ledger/balance.messages");
const roles_1 = require("../auth/roles");
const balance_dto_1 = require("./balance.dto");
/**
 * Every balance is readable by every librarian, not only its own library's:
 * network transparency. Partners decide who lends next and which exchange
 * debts are open from the same figures coordinators see.
 */
const READERS = ['coordinator', 'auditor', 'librarian'];
const timeOf = ({ asOf, minPosition }) => ({
    ...(asOf === undefined ? {} : { asOf: (0, balance_dto_1.readCut)(asOf) }),
    ...(minPosition === undefined ? {} : { minPosition: (0, balance_dto_1.readPosition)(minPosition) }),
});
exports.timeOf = timeOf;
/** A currency is one whatever its case: money:eur and money:EUR are the same unit. */
const unitOf = (unit) => (unit?.startsWith('money:') ? `money:${unit.slice(6).toUpperCase()}` : unit);
exports.unitOf = unitOf;
let BalancesController = class BalancesController {
    queries;
    constructor(queries) {
        this.queries = queries;
    }
    /** Per partner and unit; per pair when `counterparty` is given; cut by `asOf`, after `minPosition` is folded. */
    balances(query) {
        const filter = {
            ...(query.partner === undefined ? {} : { partner: query.partner }),
            ...(query.counterparty === undefined ? {} : { counterparty: query.counterparty }),
            ...(query.unit === undefined ? {} : { unit: (0, exports.unitOf)(query.unit) }),
        };
        return this.ask(new balance_messages_1.GetBalancesQuery(filter, (0, exports.timeOf)(query)));
    }
    /** Per unit: the sum of every partner's balance ("0") and the turnover that summed to it. */
    trial(query) {
        return this.ask(new balance_messages_1.GetTrialBalanceQuery((0, exports.timeOf)(query)));
    }
    /** Read models still behind `minPosition` after the wait answer 503 (the problem filter), and the client retries. */
    ask(query) {
        return this.queries.execute(query);
    }
};
exports.BalancesController = BalancesController;
__decorate([
    (0, common_1.Get)(),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [balance_dto_1.BalancesDto]),
    __metadata("design:returntype", void 0)
], BalancesController.prototype, "balances", null);
__decorate([
    (0, common_1.Get)('trial'),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [balance_dto_1.TrialBalanceDto]),
    __metadata("design:returntype", void 0)
], BalancesController.prototype, "trial", null);
exports.BalancesController = BalancesController = __decorate([
    (0, common_1.Controller)('v1/balances'),
    __metadata("design:paramtypes", [cqrs_1.QueryBus])
], BalancesController);
//# sourceMappingURL=balances.controller.js.map