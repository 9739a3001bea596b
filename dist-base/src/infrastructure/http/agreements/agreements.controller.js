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
exports.AgreementsController = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const agreement_messages_1 = require("../../../application/agreements/agreement.messages");
const cooperation_1 = require("../../../domain/shared/cooperation");
const input_1 = require("../../../domain/shared/input");
const document_queries_1 = require("../../../application/queries/document.queries");
const roles_1 = require("../auth/roles");
const command_context_decorator_1 = require("../auth/command-context.decorator");
const validation_1 = require("../validation/validation");
const fields_1 = require("../validation/fields");
const agreement_dto_1 = require("./agreement.dto");
const READERS = ['coordinator', 'librarian', 'auditor'];
const money = (value) => ({ amount: value.amount, currency: value.currency });
const moneyOrNull = (value) => value === null || value === undefined ? value : money(value);
const termsOf = ({ loanPeriodDays, maxRenewals, feePerLoan, lostItemCompensation, goalRatio, claimHoldDays }) => (0, input_1.withoutUndefined)({
    loanPeriodDays, maxRenewals, goalRatio, claimHoldDays,
    feePerLoan: feePerLoan && money(feePerLoan),
    lostItemCompensation: lostItemCompensation && money(lostItemCompensation),
});
const amendmentOf = ({ feePerLoan, lostItemCompensation, ...rest }) => (0, input_1.withoutUndefined)({ ...rest, feePerLoan: moneyOrNull(feePerLoan), lostItemCompensation: moneyOrNull(lostItemCompensation) });
let AgreementsController = class AgreementsController {
    commands;
    queries;
    constructor(commands, queries) {
        this.commands = commands;
        this.queries = queries;
    }
    establish(body, context) {
        const { title, focalPoint, members, forms, startsOn, endsOn, terms, subjects } = body;
        return this.commands.execute(new agreement_messages_1.EstablishAgreementMessage((0, input_1.withoutUndefined)({ title, focalPoint, members: [...members], forms: [...forms], startsOn, endsOn, terms: termsOf(terms), subjects }), context));
    }
    /** A library joins: recorded by a coordinator. */
    join(agreementId, { isil, subjects }, context) {
        return this.step({ type: 'JoinAgreement', data: (0, input_1.withoutUndefined)({ agreementId, isil, subjects }) }, context);
    }
    /** A member withdraws of its own accord, or a coordinator records it. */
    withdraw(agreementId, isil, { reason }, context) {
        return this.step({ type: 'WithdrawFromAgreement', data: (0, input_1.withoutUndefined)({ agreementId, isil, reason }) }, context);
    }
    amend(agreementId, body, context) {
        const { terms, forms, endsOn, subjects, focalPoint } = body;
        return this.step({ type: 'AmendTerms', data: (0, input_1.withoutUndefined)({ agreementId, terms: terms && amendmentOf(terms), forms, endsOn, subjects, focalPoint }) }, context);
    }
    terminate(agreementId, { reason, terminatedOn }, context) {
        return this.step({ type: 'TerminateAgreement', data: (0, input_1.withoutUndefined)({ agreementId, reason, terminatedOn }) }, context);
    }
    list({ status, focalPoint, limit, cursor, minPosition }) {
        return this.queries.execute(new document_queries_1.ListDocumentsQuery(agreement_messages_1.agreementsReadModel, { status, focalPoint: focalPoint }, limit ?? fields_1.DEFAULT_PAGE_SIZE, cursor, minPosition));
    }
    async get(agreementId, { minPosition }) {
        const agreement = await this.queries.execute(new document_queries_1.GetDocumentQuery(agreement_messages_1.agreementsReadModel, agreementId, minPosition));
        if (!agreement)
            throw new cooperation_1.AgreementNotFound(agreementId);
        return agreement;
    }
    step(command, context) {
        return this.commands.execute(new agreement_messages_1.AgreementStepMessage(command, context));
    }
};
exports.AgreementsController = AgreementsController;
__decorate([
    (0, common_1.Post)(),
    (0, roles_1.Roles)('coordinator'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [agreement_dto_1.EstablishAgreementDto, Object]),
    __metadata("design:returntype", void 0)
], AgreementsController.prototype, "establish", null);
__decorate([
    (0, common_1.Post)(':id/members'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('coordinator'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, agreement_dto_1.JoinAgreementDto, Object]),
    __metadata("design:returntype", void 0)
], AgreementsController.prototype, "join", null);
__decorate([
    (0, common_1.Post)(':id/members/:isil/withdraw'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('coordinator', 'librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Param)('isil', (0, validation_1.IsilParam)())),
    __param(2, (0, common_1.Body)()),
    __param(3, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, String, agreement_dto_1.WithdrawFromAgreementDto, Object]),
    __metadata("design:returntype", void 0)
], AgreementsController.prototype, "withdraw", null);
__decorate([
    (0, common_1.Post)(':id/amend'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('coordinator'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, agreement_dto_1.AmendAgreementDto, Object]),
    __metadata("design:returntype", void 0)
], AgreementsController.prototype, "amend", null);
__decorate([
    (0, common_1.Post)(':id/terminate'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('coordinator'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, agreement_dto_1.TerminateAgreementDto, Object]),
    __metadata("design:returntype", void 0)
], AgreementsController.prototype, "terminate", null);
__decorate([
    (0, common_1.Get)(),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [agreement_dto_1.ListAgreementsDto]),
    __metadata("design:returntype", void 0)
], AgreementsController.prototype, "list", null);
__decorate([
    (0, common_1.Get)(':id'),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.ReadYourWritesDto]),
    __metadata("design:returntype", Promise)
], AgreementsController.prototype, "get", null);
exports.AgreementsController = AgreementsController = __decorate([
    (0, common_1.Controller)('v1/agreements'),
    __metadata("design:paramtypes", [cqrs_1.CommandBus,
        cqrs_1.QueryBus])
], AgreementsController);
//# sourceMappingURL=agreements.controller.js.map