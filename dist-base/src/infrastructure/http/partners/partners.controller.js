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
exports.PartnersController = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const partner_messages_1 = require("../../../application/partners/partner.messages");
const partners_1 = require("../../../domain/partners");
const input_1 = require("../../../domain/shared/input");
const document_queries_1 = require("../../../application/queries/document.queries");
const roles_1 = require("../auth/roles");
const command_context_decorator_1 = require("../auth/command-context.decorator");
const validation_1 = require("../validation/validation");
const fields_1 = require("../validation/fields");
const partner_dto_1 = require("./partner.dto");
const READERS = ['coordinator', 'librarian', 'auditor'];
let PartnersController = class PartnersController {
    commands;
    queries;
    constructor(commands, queries) {
        this.commands = commands;
        this.queries = queries;
    }
    register({ isil, name, country, city, contactEmail, focalPoint }, context) {
        return this.commands.execute(new partner_messages_1.RegisterPartnerMessage((0, input_1.withoutUndefined)({ isil, name, country, city, contactEmail, focalPoint }), context));
    }
    /** A librarian may update its own library's profile, but not make it the focal point. */
    updateProfile(isil, { name, country, city, contactEmail, focalPoint }, context) {
        return this.step({ type: 'UpdatePartnerProfile', data: (0, input_1.withoutUndefined)({ isil, name, country, city, contactEmail, focalPoint }) }, context);
    }
    suspend(isil, { reason }, context) {
        return this.step({ type: 'SuspendPartner', data: { isil, reason } }, context);
    }
    reinstate(isil, { reason }, context) {
        return this.step({ type: 'ReinstatePartner', data: (0, input_1.withoutUndefined)({ isil, reason }) }, context);
    }
    /** A library may leave of its own accord; a coordinator may record it. */
    leave(isil, { reason }, context) {
        return this.step({ type: 'LeavePartner', data: (0, input_1.withoutUndefined)({ isil, reason }) }, context);
    }
    list({ status, country, limit, cursor, minPosition }) {
        return this.queries.execute(new document_queries_1.ListDocumentsQuery(partner_messages_1.partnersReadModel, { status, country: country?.toUpperCase() }, limit ?? fields_1.DEFAULT_PAGE_SIZE, cursor, minPosition));
    }
    async get(isil, { minPosition }) {
        const partner = await this.queries.execute(new document_queries_1.GetDocumentQuery(partner_messages_1.partnersReadModel, isil, minPosition));
        if (!partner)
            throw new partners_1.PartnerNotFound(isil);
        return partner;
    }
    step(command, context) {
        return this.commands.execute(new partner_messages_1.PartnerStepMessage(command, context));
    }
};
exports.PartnersController = PartnersController;
__decorate([
    (0, common_1.Post)(),
    (0, roles_1.Roles)('coordinator'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [partner_dto_1.RegisterPartnerDto, Object]),
    __metadata("design:returntype", void 0)
], PartnersController.prototype, "register", null);
__decorate([
    (0, common_1.Post)(':isil/profile'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('coordinator', 'librarian'),
    __param(0, (0, common_1.Param)('isil', (0, validation_1.IsilParam)())),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, partner_dto_1.UpdatePartnerProfileDto, Object]),
    __metadata("design:returntype", void 0)
], PartnersController.prototype, "updateProfile", null);
__decorate([
    (0, common_1.Post)(':isil/suspend'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('coordinator'),
    __param(0, (0, common_1.Param)('isil', (0, validation_1.IsilParam)())),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, partner_dto_1.SuspendPartnerDto, Object]),
    __metadata("design:returntype", void 0)
], PartnersController.prototype, "suspend", null);
__decorate([
    (0, common_1.Post)(':isil/reinstate'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('coordinator'),
    __param(0, (0, common_1.Param)('isil', (0, validation_1.IsilParam)())),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, partner_dto_1.OptionalReasonDto, Object]),
    __metadata("design:returntype", void 0)
], PartnersController.prototype, "reinstate", null);
__decorate([
    (0, common_1.Post)(':isil/leave'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('coordinator', 'librarian'),
    __param(0, (0, common_1.Param)('isil', (0, validation_1.IsilParam)())),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, partner_dto_1.OptionalReasonDto, Object]),
    __metadata("design:returntype", void 0)
], PartnersController.prototype, "leave", null);
__decorate([
    (0, common_1.Get)(),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [partner_dto_1.ListPartnersDto]),
    __metadata("design:returntype", void 0)
], PartnersController.prototype, "list", null);
__decorate([
    (0, common_1.Get)(':isil'),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Param)('isil', (0, validation_1.IsilParam)())),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.ReadYourWritesDto]),
    __metadata("design:returntype", Promise)
], PartnersController.prototype, "get", null);
exports.PartnersController = PartnersController = __decorate([
    (0, common_1.Controller)('v1/partners'),
    __metadata("design:paramtypes", [cqrs_1.CommandBus,
        cqrs_1.QueryBus])
], PartnersController);
//# sourceMappingURL=partners.controller.js.map