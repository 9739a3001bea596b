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
exports.DashboardController = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const dashboard_messages_1 = require("../../../application/dashboard/dashboard.messages");
const roles_1 = require("../auth/roles");
const balances_controller_1 = require("../ledger/balances.controller");
const dashboard_dto_1 = require("./dashboard.dto");
/** The two views the dashboard needs in one call each, whatever the size of the network. */
let DashboardController = class DashboardController {
    queries;
    constructor(queries) {
        this.queries = queries;
    }
    /** Open to the same readers as every balance: network transparency. */
    matrix(query) {
        return this.queries.execute(new dashboard_messages_1.BalanceMatrixQuery((0, balances_controller_1.unitOf)(query.unit), query.top ?? dashboard_dto_1.DEFAULT_MATRIX_TOP, (0, balances_controller_1.timeOf)(query), query.agreement));
    }
    /** Every partner's monthly figures side by side, as the fairness report: coordinators and auditors. */
    lendingByMonth({ agreement, from, to, minPosition }) {
        return this.queries.execute(new dashboard_messages_1.LendingByMonthQuery(agreement, from, to, minPosition));
    }
};
exports.DashboardController = DashboardController;
__decorate([
    (0, common_1.Get)('balances/matrix'),
    (0, roles_1.Roles)('coordinator', 'auditor', 'librarian'),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [dashboard_dto_1.BalanceMatrixDto]),
    __metadata("design:returntype", void 0)
], DashboardController.prototype, "matrix", null);
__decorate([
    (0, common_1.Get)('reports/lending-by-month'),
    (0, roles_1.Roles)('coordinator', 'auditor'),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [dashboard_dto_1.LendingByMonthDto]),
    __metadata("design:returntype", void 0)
], DashboardController.prototype, "lendingByMonth", null);
exports.DashboardController = DashboardController = __decorate([
    (0, common_1.Controller)('v1'),
    __metadata("design:paramtypes", [cqrs_1.QueryBus])
], DashboardController);
//# sourceMappingURL=dashboard.controller.js.map