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
exports.ServicesController = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const service_messages_1 = require("../../../application/services/service.messages");
const errors_1 = require("../../../domain/shared/errors");
const input_1 = require("../../../domain/shared/input");
const command_context_decorator_1 = require("../auth/command-context.decorator");
const document_queries_1 = require("../../../application/queries/document.queries");
const roles_1 = require("../auth/roles");
const validation_1 = require("../validation/validation");
const fields_1 = require("../validation/fields");
const service_dto_1 = require("./service.dto");
const READERS = ['coordinator', 'librarian', 'auditor'];
let ServicesController = class ServicesController {
    commands;
    queries;
    constructor(commands, queries) {
        this.commands = commands;
        this.queries = queries;
    }
    /** The provider is the library of the key that records it. */
    render(body, context) {
        const { agreementId, recipient, kind, units, unit, renderedOn, note } = body;
        return this.commands.execute(new service_messages_1.RenderServiceMessage({
            agreementId, recipient, kind, units,
            ...(0, input_1.optional)('unit', unit), ...(0, input_1.optional)('renderedOn', renderedOn), ...(0, input_1.optional)('note', note),
        }, context));
    }
    /** The provider, or a coordinator correcting the record. */
    voidService(serviceId, { reason }, context) {
        return this.commands.execute(new service_messages_1.VoidServiceMessage(serviceId, reason, context));
    }
    list({ provider, recipient, kind, agreementId, status, limit, cursor, minPosition }) {
        const filter = { provider: provider, recipient: recipient, kind, agreementId, status };
        return this.queries.execute(new document_queries_1.ListDocumentsQuery(service_messages_1.servicesReadModel, filter, limit ?? fields_1.DEFAULT_PAGE_SIZE, cursor, minPosition));
    }
    async get(serviceId, { minPosition }) {
        const service = await this.queries.execute(new document_queries_1.GetDocumentQuery(service_messages_1.servicesReadModel, serviceId, minPosition));
        if (!service)
            throw new errors_1.NotFound('service-not-found', `there is no service ${serviceId}`);
        return service;
    }
};
exports.ServicesController = ServicesController;
__decorate([
    (0, common_1.Post)(),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [service_dto_1.RenderServiceDto, Object]),
    __metadata("design:returntype", void 0)
], ServicesController.prototype, "render", null);
__decorate([
    (0, common_1.Post)(':id/void'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian', 'coordinator'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, service_dto_1.VoidServiceDto, Object]),
    __metadata("design:returntype", void 0)
], ServicesController.prototype, "voidService", null);
__decorate([
    (0, common_1.Get)(),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [service_dto_1.ListServicesDto]),
    __metadata("design:returntype", void 0)
], ServicesController.prototype, "list", null);
__decorate([
    (0, common_1.Get)(':id'),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.ReadYourWritesDto]),
    __metadata("design:returntype", Promise)
], ServicesController.prototype, "get", null);
exports.ServicesController = ServicesController = __decorate([
    (0, common_1.Controller)('v1/services'),
    __metadata("design:paramtypes", [cqrs_1.CommandBus,
        cqrs_1.QueryBus])
], ServicesController);
//# sourceMappingURL=services.controller.js.map