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
exports.FairnessController = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const swagger_1 = require("@nestjs/swagger");
const fairness_messages_1 = require("../../../application/fairness/fairness.messages");
const roles_1 = require("../auth/roles");
const fairness_csv_1 = require("./fairness.csv");
const fairness_dto_1 = require("./fairness.dto");
let FairnessController = class FairnessController {
    queries;
    constructor(queries) {
        this.queries = queries;
    }
    /**
     * Every partner's figures side by side: for coordinators and auditors only
     * (ARCHITECTURE §7: they read everything; a librarian acts for one library).
     */
    async report({ agreement, from, to, format, minPosition }, reply) {
        const report = await this.queries.execute(new fairness_messages_1.FairnessReportQuery(agreement, from, to, minPosition));
        if (format !== 'csv')
            return report;
        void reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="fairness-${agreement}-${from}-${to}.csv"`);
        return (0, fairness_csv_1.fairnessCsv)(report);
    }
    suggest({ isbn, borrower, minPosition }) {
        return this.queries.execute(new fairness_messages_1.SuggestLendersQuery(isbn, borrower, minPosition));
    }
};
exports.FairnessController = FairnessController;
__decorate([
    (0, common_1.Get)('reports/fairness'),
    (0, roles_1.Roles)('coordinator', 'auditor'),
    (0, swagger_1.ApiProduces)('application/json', 'text/csv'),
    __param(0, (0, common_1.Query)()),
    __param(1, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [fairness_dto_1.FairnessReportDto, Object]),
    __metadata("design:returntype", Promise)
], FairnessController.prototype, "report", null);
__decorate([
    (0, common_1.Get)('lenders/suggest'),
    (0, roles_1.Roles)('coordinator', 'librarian', 'auditor'),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [fairness_dto_1.SuggestLendersDto]),
    __metadata("design:returntype", void 0)
], FairnessController.prototype, "suggest", null);
exports.FairnessController = FairnessController = __decorate([
    (0, common_1.Controller)('v1'),
    __metadata("design:paramtypes", [cqrs_1.QueryBus])
], FairnessController);
//# sourceMappingURL=fairness.controller.js.map