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
exports.RotationsController = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const rotation_messages_1 = require("../../../application/rotations/rotation.messages");
const errors_1 = require("../../../domain/shared/errors");
const document_queries_1 = require("../../../application/queries/document.queries");
const roles_1 = require("../auth/roles");
const command_context_decorator_1 = require("../auth/command-context.decorator");
const validation_1 = require("../validation/validation");
const fields_1 = require("../validation/fields");
const rotation_dto_1 = require("./rotation.dto");
const READERS = ['coordinator', 'librarian', 'auditor'];
let RotationsController = class RotationsController {
    commands;
    queries;
    constructor(commands, queries) {
        this.commands = commands;
        this.queries = queries;
    }
    /** The owner of the batch is the library of the key that asks. */
    plan({ agreementId, items, itinerary }, context) {
        return this.commands.execute(new rotation_messages_1.PlanRotationMessage({
            agreementId,
            items: items.map(({ itemId, title, isbn }) => ({ itemId, title, ...(isbn === undefined ? {} : { isbn }) })),
            itinerary: itinerary.map(({ host, days }) => ({ host, days })),
        }, context));
    }
    /** Sent by the library holding the batch: the owner at the start, then each host in turn. */
    dispatch(rotationId, _, context) {
        return this.step({ type: 'DispatchRotationBatch', data: { rotationId } }, context);
    }
    /** Sent by the library the batch is on its way to. */
    receive(rotationId, _, context) {
        return this.step({ type: 'ReceiveRotationBatch', data: { rotationId } }, context);
    }
    reportMissing(rotationId, { itemIds }, context) {
        return this.step({ type: 'ReportRotationItemsMissing', data: { rotationId, itemIds } }, context);
    }
    cancel(rotationId, { reason }, context) {
        return this.step({ type: 'CancelRotation', data: { rotationId, reason } }, context);
    }
    list({ owner, status, agreementId, holder, limit, cursor, minPosition }) {
        const filter = { owner: owner, status, agreementId, holder: holder };
        return this.queries.execute(new document_queries_1.ListDocumentsQuery(rotation_messages_1.rotationsReadModel, filter, limit ?? fields_1.DEFAULT_PAGE_SIZE, cursor, minPosition));
    }
    async get(rotationId, { minPosition }) {
        const rotation = await this.queries.execute(new document_queries_1.GetDocumentQuery(rotation_messages_1.rotationsReadModel, rotationId, minPosition));
        if (!rotation)
            throw new errors_1.NotFound('rotation-not-found', `there is no rotation ${rotationId}`);
        return rotation;
    }
    step(command, context) {
        return this.commands.execute(new rotation_messages_1.RotationStepMessage(command, context));
    }
};
exports.RotationsController = RotationsController;
__decorate([
    (0, common_1.Post)(),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [rotation_dto_1.PlanRotationDto, Object]),
    __metadata("design:returntype", void 0)
], RotationsController.prototype, "plan", null);
__decorate([
    (0, common_1.Post)(':id/dispatch'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.NoBodyDto, Object]),
    __metadata("design:returntype", void 0)
], RotationsController.prototype, "dispatch", null);
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
], RotationsController.prototype, "receive", null);
__decorate([
    (0, common_1.Post)(':id/report-missing'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, rotation_dto_1.ReportMissingDto, Object]),
    __metadata("design:returntype", void 0)
], RotationsController.prototype, "reportMissing", null);
__decorate([
    (0, common_1.Post)(':id/cancel'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, rotation_dto_1.RotationReasonDto, Object]),
    __metadata("design:returntype", void 0)
], RotationsController.prototype, "cancel", null);
__decorate([
    (0, common_1.Get)(),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [rotation_dto_1.ListRotationsDto]),
    __metadata("design:returntype", void 0)
], RotationsController.prototype, "list", null);
__decorate([
    (0, common_1.Get)(':id'),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.ReadYourWritesDto]),
    __metadata("design:returntype", Promise)
], RotationsController.prototype, "get", null);
exports.RotationsController = RotationsController = __decorate([
    (0, common_1.Controller)('v1/rotations'),
    __metadata("design:paramtypes", [cqrs_1.CommandBus,
        cqrs_1.QueryBus])
], RotationsController);
//# sourceMappingURL=rotations.controller.js.map