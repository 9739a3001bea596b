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
exports.AsyncApiController = void 0;
const common_1 = require("@nestjs/common");
const tokens_1 = require("../../tokens");
const roles_1 = require("../auth/roles");
const asyncapi_document_1 = require("./asyncapi.document");
/** The AsyncAPI 3.0 document of the live feed and webhooks, public like the OpenAPI document. */
let AsyncApiController = class AsyncApiController {
    config;
    constructor(config) {
        this.config = config;
    }
    document(request) {
        return (0, asyncapi_document_1.asyncApiDocument)(this.config.subscriptions, request.host, request.protocol);
    }
};
exports.AsyncApiController = AsyncApiController;
__decorate([
    (0, common_1.Get)('asyncapi.json'),
    (0, roles_1.Public)(),
    __param(0, (0, common_1.Req)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], AsyncApiController.prototype, "document", null);
exports.AsyncApiController = AsyncApiController = __decorate([
    (0, common_1.Controller)(),
    __param(0, (0, common_1.Inject)(tokens_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object])
], AsyncApiController);
//# sourceMappingURL=asyncapi.controller.js.map