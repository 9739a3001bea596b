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
exports.LoansController = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const loan_messages_1 = require("../../../application/loans/loan.messages");
const errors_1 = require("../../../domain/shared/errors");
const document_queries_1 = require("../../../application/queries/document.queries");
const roles_1 = require("../auth/roles");
const command_context_decorator_1 = require("../auth/command-context.decorator");
const validation_1 = require("../validation/validation");
const fields_1 = require("../validation/fields");
const loan_dto_1 = require("./loan.dto");
const READERS = ['coordinator', 'librarian', 'auditor'];
let LoansController = class LoansController {
    commands;
    queries;
    constructor(commands, queries) {
        this.commands = commands;
        this.queries = queries;
    }
    /** The borrower is the library of the key that asks; the terms come from the agreement. */
    request(body, context) {
        const { lender, agreementId, item } = body;
        return this.commands.execute(new loan_messages_1.RequestLoanMessage({ lender, agreementId, item: { ...item } }, context));
    }
    accept(loanId, _, context) {
        return this.step({ type: 'AcceptLoan', data: { loanId } }, context);
    }
    decline(loanId, { reason }, context) {
        return this.step({ type: 'DeclineLoan', data: { loanId, reason } }, context);
    }
    ship(loanId, _, context) {
        return this.step({ type: 'ShipLoan', data: { loanId } }, context);
    }
    receive(loanId, _, context) {
        return this.step({ type: 'ReceiveLoan', data: { loanId } }, context);
    }
    renew(loanId, _, context) {
        return this.step({ type: 'RenewLoan', data: { loanId } }, context);
    }
    recall(loanId, { dueOn, reason }, context) {
        return this.step({ type: 'RecallLoan', data: { loanId, ...(dueOn ? { dueOn } : {}), ...(reason ? { reason } : {}) } }, context);
    }
    return(loanId, _, context) {
        return this.step({ type: 'ReturnLoan', data: { loanId } }, context);
    }
    checkIn(loanId, _, context) {
        return this.step({ type: 'CheckInLoan', data: { loanId } }, context);
    }
    reportLost(loanId, { reason }, context) {
        return this.step({ type: 'ReportLoanLost', data: { loanId, ...(reason ? { reason } : {}) } }, context);
    }
    cancel(loanId, { reason }, context) {
        return this.step({ type: 'CancelLoan', data: { loanId, ...(reason ? { reason } : {}) } }, context);
    }
    list({ borrower, lender, status, limit, cursor, minPosition }) {
        const filter = { borrower: borrower, lender: lender, status };
        return this.queries.execute(new document_queries_1.ListDocumentsQuery(loan_messages_1.loansReadModel, filter, limit ?? fields_1.DEFAULT_PAGE_SIZE, cursor, minPosition));
    }
    async get(loanId, { minPosition }) {
        const loan = await this.queries.execute(new document_queries_1.GetDocumentQuery(loan_messages_1.loansReadModel, loanId, minPosition));
        if (!loan)
            throw new errors_1.NotFound('loan-not-found', `there is no loan ${loanId}`);
        return loan;
    }
    step(command, context) {
        return this.commands.execute(new loan_messages_1.LoanStepMessage(command, context));
    }
};
exports.LoansController = LoansController;
__decorate([
    (0, common_1.Post)(),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [loan_dto_1.RequestLoanDto, Object]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "request", null);
__decorate([
    (0, common_1.Post)(':id/accept'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.NoBodyDto, Object]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "accept", null);
__decorate([
    (0, common_1.Post)(':id/decline'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, loan_dto_1.DeclineLoanDto, Object]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "decline", null);
__decorate([
    (0, common_1.Post)(':id/ship'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.NoBodyDto, Object]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "ship", null);
__decorate([
    (0, common_1.Post)(':id/receive'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.NoBodyDto, Object]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "receive", null);
__decorate([
    (0, common_1.Post)(':id/renew'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.NoBodyDto, Object]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "renew", null);
__decorate([
    (0, common_1.Post)(':id/recall'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, loan_dto_1.RecallLoanDto, Object]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "recall", null);
__decorate([
    (0, common_1.Post)(':id/return'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.NoBodyDto, Object]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "return", null);
__decorate([
    (0, common_1.Post)(':id/check-in'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.NoBodyDto, Object]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "checkIn", null);
__decorate([
    (0, common_1.Post)(':id/report-lost'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, loan_dto_1.ReasonDto, Object]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "reportLost", null);
__decorate([
    (0, common_1.Post)(':id/cancel'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, loan_dto_1.ReasonDto, Object]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "cancel", null);
__decorate([
    (0, common_1.Get)(),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [loan_dto_1.ListLoansDto]),
    __metadata("design:returntype", void 0)
], LoansController.prototype, "list", null);
__decorate([
    (0, common_1.Get)(':id'),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.ReadYourWritesDto]),
    __metadata("design:returntype", Promise)
], LoansController.prototype, "get", null);
exports.LoansController = LoansController = __decorate([
    (0, common_1.Controller)('v1/loans'),
    __metadata("design:paramtypes", [cqrs_1.CommandBus,
        cqrs_1.QueryBus])
], LoansController);
//# sourceMappingURL=loans.controller.js.map