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
exports.ApiKeysController = void 0;
const common_1 = require("@nestjs/common");
const access_service_1 = require("../../../application/access/access.service");
const errors_1 = require("../../../domain/shared/errors");
const roles_1 = require("../auth/roles");
const idempotency_1 = require("../idempotency/idempotency");
const validation_1 = require("../validation/validation");
const api_key_dto_1 = require("./api-key.dto");
const view = ({ id, role, library, label, createdAt, createdBy, revokedAt }) => ({
    id,
    role,
    isil: library,
    label,
    createdAt,
    createdBy,
    revokedAt,
});
let ApiKeysController = class ApiKeysController {
    access;
    constructor(access) {
        this.access = access;
    }
    /** The key itself is in this answer only; the service keeps a digest. */
    async create(body, by) {
        const { record, key } = await this.access.issue(by, body);
        return { ...view(record), key };
    }
    async list() {
        return { items: (await this.access.list()).map(view) };
    }
    async revoke(id) {
        const record = await this.access.revoke(id);
        if (!record)
            throw new errors_1.NotFound('api-key-not-found', `there is no API key ${id}`);
        return view(record);
    }
};
exports.ApiKeysController = ApiKeysController;
__decorate([
    (0, common_1.Post)(),
    (0, idempotency_1.NotIdempotent)(),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [api_key_dto_1.CreateApiKeyDto, Object]),
    __metadata("design:returntype", Promise)
], ApiKeysController.prototype, "create", null);
__decorate([
    (0, common_1.Get)(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], ApiKeysController.prototype, "list", null);
__decorate([
    (0, common_1.Delete)(':id'),
    __param(0, (0, common_1.Param)('id', validation_1.KeyIdParam)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], ApiKeysController.prototype, "revoke", null);
exports.ApiKeysController = ApiKeysController = __decorate([
    (0, common_1.Controller)('v1/api-keys'),
    (0, roles_1.Roles)('coordinator'),
    __metadata("design:paramtypes", [access_service_1.AccessService])
], ApiKeysController);
//# sourceMappingURL=api-keys.controller.js.map