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
exports.Iso18626EndpointsController = exports.Iso18626EndpointDto = void 0;
const common_1 = require("@nestjs/common");
const class_validator_1 = require("class-validator");
const iso18626_endpoints_service_1 = require("../../../application/iso18626/iso18626-endpoints.service");
const iso18626_1 = require("../../../domain/iso18626");
const roles_1 = require("../auth/roles");
const subscription_dto_1 = require("../subscriptions/subscription.dto");
const fields_1 = require("../validation/fields");
const validation_1 = require("../validation/validation");
class Iso18626EndpointDto {
    /** Where the partner's ILL system takes ISO 18626 messages. */
    url;
    /** The schema version it speaks. */
    version;
    /** Sent as the Authorization header of every message, e.g. `Basic …`; kept out of the event log and never shown again. */
    authorization;
}
exports.Iso18626EndpointDto = Iso18626EndpointDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(2048),
    (0, fields_1.Example)('https://ill.example.org/iso18626'),
    __metadata("design:type", String)
], Iso18626EndpointDto.prototype, "url", void 0);
__decorate([
    (0, class_validator_1.IsIn)(iso18626_1.ISO18626_VERSIONS),
    (0, fields_1.Example)('1.2'),
    __metadata("design:type", String)
], Iso18626EndpointDto.prototype, "version", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(4096),
    __metadata("design:type", String)
], Iso18626EndpointDto.prototype, "authorization", void 0);
/** A partner's ISO 18626 endpoint: where the ledger sends the messages the standard prescribes when its loans change. */
let Iso18626EndpointsController = class Iso18626EndpointsController {
    endpoints;
    constructor(endpoints) {
        this.endpoints = endpoints;
    }
    /** Registers or replaces the endpoint, its version and credentials; messages go out for what happens from now on. */
    register(isil, { url, version, authorization }, actor) {
        return this.endpoints.register(actor, isil, { url, version, ...(authorization ? { authorization } : {}) });
    }
    get(isil, actor) {
        return this.endpoints.get(actor, isil);
    }
    /** Every attempt to deliver a message, newest first, with the start of what the endpoint answered. */
    deliveries(isil, { before, limit }, actor) {
        return this.endpoints.deliveries(actor, isil, before ?? null, limit ?? 50);
    }
    async remove(isil, actor) {
        await this.endpoints.remove(actor, isil);
    }
};
exports.Iso18626EndpointsController = Iso18626EndpointsController;
__decorate([
    (0, common_1.Put)(),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('coordinator', 'librarian'),
    __param(0, (0, common_1.Param)('isil', (0, validation_1.IsilParam)())),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Iso18626EndpointDto, Object]),
    __metadata("design:returntype", void 0)
], Iso18626EndpointsController.prototype, "register", null);
__decorate([
    (0, common_1.Get)(),
    (0, roles_1.Roles)('coordinator', 'librarian', 'auditor'),
    __param(0, (0, common_1.Param)('isil', (0, validation_1.IsilParam)())),
    __param(1, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], Iso18626EndpointsController.prototype, "get", null);
__decorate([
    (0, common_1.Get)('deliveries'),
    (0, roles_1.Roles)('coordinator', 'librarian', 'auditor'),
    __param(0, (0, common_1.Param)('isil', (0, validation_1.IsilParam)())),
    __param(1, (0, common_1.Query)()),
    __param(2, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, subscription_dto_1.DeliveriesQueryDto, Object]),
    __metadata("design:returntype", void 0)
], Iso18626EndpointsController.prototype, "deliveries", null);
__decorate([
    (0, common_1.Delete)(),
    (0, common_1.HttpCode)(204),
    (0, roles_1.Roles)('coordinator', 'librarian'),
    __param(0, (0, common_1.Param)('isil', (0, validation_1.IsilParam)())),
    __param(1, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], Iso18626EndpointsController.prototype, "remove", null);
exports.Iso18626EndpointsController = Iso18626EndpointsController = __decorate([
    (0, common_1.Controller)('v1/partners/:isil/iso18626-endpoint'),
    __metadata("design:paramtypes", [iso18626_endpoints_service_1.Iso18626Endpoints])
], Iso18626EndpointsController);
//# sourceMappingURL=iso18626-endpoints.controller.js.map