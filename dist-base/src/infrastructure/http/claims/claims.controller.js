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
exports.ClaimsController = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const claim_messages_1 = require("../../../application/claims/claim.messages");
const errors_1 = require("../../../domain/shared/errors");
const input_1 = require("../../../domain/shared/input");
const command_context_decorator_1 = require("../auth/command-context.decorator");
const document_queries_1 = require("../../../application/queries/document.queries");
const roles_1 = require("../auth/roles");
const fields_1 = require("../validation/fields");
const claim_dto_1 = require("./claim.dto");
const isbn_param_1 = require("./isbn-param");
const READERS = ['coordinator', 'librarian', 'auditor'];
/** Titles are named by ISBN in any form; the ledger keys them by ISBN-13. */
let ClaimsController = class ClaimsController {
    commands;
    queries;
    constructor(commands, queries) {
        this.commands = commands;
        this.queries = queries;
    }
    /** The claimant is the library of the key that asks. */
    claim(body, context) {
        const { agreementId, isbn, title, subjects, overrideReason } = body;
        return this.commands.execute(new claim_messages_1.ClaimAcquisitionMessage({ agreementId, isbn, title, ...(0, input_1.optional)('subjects', subjects), ...(0, input_1.optional)('overrideReason', overrideReason) }, context));
    }
    release(isbn, { reason }, context) {
        return this.step({ type: 'ReleaseAcquisitionClaim', data: { isbn, ...(0, input_1.optional)('reason', reason) } }, context);
    }
    transfer(isbn, { to }, context) {
        return this.step({ type: 'TransferAcquisitionClaim', data: { isbn, to } }, context);
    }
    fulfil(isbn, _, context) {
        return this.step({ type: 'FulfilAcquisitionClaim', data: { isbn } }, context);
    }
    list({ claimant, status, agreementId, outsideDivisionOfLabour, limit, cursor, minPosition }) {
        const filter = { claimant: claimant, status, agreementId, outsideDivisionOfLabour };
        return this.queries.execute(new document_queries_1.ListDocumentsQuery(claim_messages_1.claimsReadModel, filter, limit ?? fields_1.DEFAULT_PAGE_SIZE, cursor, minPosition));
    }
    async get(isbn, { minPosition }) {
        const claim = await this.queries.execute(new document_queries_1.GetDocumentQuery(claim_messages_1.claimsReadModel, isbn, minPosition));
        if (!claim)
            throw new errors_1.NotFound('claim-not-found', `no library has claimed the title ${isbn}`);
        return claim;
    }
    step(command, context) {
        return this.commands.execute(new claim_messages_1.ClaimStepMessage(command, context));
    }
};
exports.ClaimsController = ClaimsController;
__decorate([
    (0, common_1.Post)(),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [claim_dto_1.ClaimAcquisitionDto, Object]),
    __metadata("design:returntype", void 0)
], ClaimsController.prototype, "claim", null);
__decorate([
    (0, common_1.Post)(':isbn/release'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('isbn', isbn_param_1.IsbnParam)),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, claim_dto_1.ReleaseClaimDto, Object]),
    __metadata("design:returntype", void 0)
], ClaimsController.prototype, "release", null);
__decorate([
    (0, common_1.Post)(':isbn/transfer'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('isbn', isbn_param_1.IsbnParam)),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, claim_dto_1.TransferClaimDto, Object]),
    __metadata("design:returntype", void 0)
], ClaimsController.prototype, "transfer", null);
__decorate([
    (0, common_1.Post)(':isbn/fulfil'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('isbn', isbn_param_1.IsbnParam)),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, claim_dto_1.FulfilClaimDto, Object]),
    __metadata("design:returntype", void 0)
], ClaimsController.prototype, "fulfil", null);
__decorate([
    (0, common_1.Get)(),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [claim_dto_1.ListClaimsDto]),
    __metadata("design:returntype", void 0)
], ClaimsController.prototype, "list", null);
__decorate([
    (0, common_1.Get)(':isbn'),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Param)('isbn', isbn_param_1.IsbnParam)),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.ReadYourWritesDto]),
    __metadata("design:returntype", Promise)
], ClaimsController.prototype, "get", null);
exports.ClaimsController = ClaimsController = __decorate([
    (0, common_1.Controller)('v1/acquisition-claims'),
    __metadata("design:paramtypes", [cqrs_1.CommandBus,
        cqrs_1.QueryBus])
], ClaimsController);
//# sourceMappingURL=claims.controller.js.map