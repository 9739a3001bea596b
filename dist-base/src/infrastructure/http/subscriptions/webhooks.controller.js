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
exports.WebhooksController = void 0;
const common_1 = require("@nestjs/common");
const webhooks_service_1 = require("../../../application/subscriptions/webhooks.service");
const roles_1 = require("../auth/roles");
const idempotency_1 = require("../idempotency/idempotency");
const validation_1 = require("../validation/validation");
const subscription_dto_1 = require("./subscription.dto");
const filterOf = ({ types, categories, partners }) => ({
    ...(types ? { types } : {}),
    ...(categories ? { categories } : {}),
    ...(partners ? { partners } : {}),
});
/**
 * Webhooks: each key manages only the webhooks it registered. Deliveries are
 * CloudEvents signed per the Standard Webhooks spec, at least once, in log order.
 */
let WebhooksController = class WebhooksController {
    webhooks;
    constructor(webhooks) {
        this.webhooks = webhooks;
    }
    /** Starts at the head of the log. The signing `secret` is in this answer only. */
    async create(body, owner) {
        const { webhook, secret } = await this.webhooks.create(owner, body.url, { types: [], categories: [], partners: [], ...filterOf(body) });
        return { ...webhook, secret };
    }
    async list(owner) {
        return { items: await this.webhooks.list(owner) };
    }
    get(id, owner) {
        return this.webhooks.get(owner, id);
    }
    /** Changes the URL or filters; `{"enabled": true}` re-enables a disabled webhook where it stopped. */
    update(id, body, owner) {
        return this.webhooks.update(owner, id, { url: body.url, filter: filterOf(body), enabled: body.enabled });
    }
    async remove(id, owner) {
        await this.webhooks.remove(owner, id);
    }
    /** A new signing secret, in this answer only; the old one stops signing at once. */
    async rotate(id, owner) {
        const { webhook, secret } = await this.webhooks.rotateSecret(owner, id);
        return { ...webhook, secret };
    }
    /** Delivers again, in order, every wanted event after `after`. */
    replay(id, body, owner) {
        return this.webhooks.replay(owner, id, body.after === '0' ? null : body.after);
    }
    /** Every attempt, newest first: event, attempt number, HTTP status, duration, error. */
    deliveries(id, query, owner) {
        return this.webhooks.deliveries(owner, id, query.before ?? null, query.limit ?? 50);
    }
};
exports.WebhooksController = WebhooksController;
__decorate([
    (0, common_1.Post)(),
    (0, idempotency_1.NotIdempotent)(),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [subscription_dto_1.CreateWebhookDto, Object]),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "create", null);
__decorate([
    (0, common_1.Get)(),
    __param(0, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "list", null);
__decorate([
    (0, common_1.Get)(':id'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], WebhooksController.prototype, "get", null);
__decorate([
    (0, common_1.Patch)(':id'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, subscription_dto_1.UpdateWebhookDto, Object]),
    __metadata("design:returntype", void 0)
], WebhooksController.prototype, "update", null);
__decorate([
    (0, common_1.Delete)(':id'),
    (0, common_1.HttpCode)(204),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "remove", null);
__decorate([
    (0, common_1.Post)(':id/secret'),
    (0, idempotency_1.NotIdempotent)(),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "rotate", null);
__decorate([
    (0, common_1.Post)(':id/replay'),
    (0, common_1.HttpCode)(200),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, subscription_dto_1.ReplayWebhookDto, Object]),
    __metadata("design:returntype", void 0)
], WebhooksController.prototype, "replay", null);
__decorate([
    (0, common_1.Get)(':id/deliveries'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Query)()),
    __param(2, (0, roles_1.Acting)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, subscription_dto_1.DeliveriesQueryDto, Object]),
    __metadata("design:returntype", void 0)
], WebhooksController.prototype, "deliveries", null);
exports.WebhooksController = WebhooksController = __decorate([
    (0, common_1.Controller)('v1/webhooks'),
    (0, roles_1.Roles)('coordinator', 'subscriber', 'librarian'),
    __metadata("design:paramtypes", [webhooks_service_1.WebhooksService])
], WebhooksController);
//# sourceMappingURL=webhooks.controller.js.map