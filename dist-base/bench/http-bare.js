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
/**
 * The baseline of bench/http: a bare NestJS app on Fastify with the service's
 * global ValidationPipe and the same DTOs, and nothing else (no key, no
 * limiter, no log, no store). Started by bench/http in a process of its own.
 */
require("reflect-metadata");
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const platform_fastify_1 = require("@nestjs/platform-fastify");
const balance_dto_1 = require("../src/infrastructure/http/ledger/balance.dto");
const service_dto_1 = require("../src/infrastructure/http/services/service.dto");
const validation_1 = require("../src/infrastructure/http/validation/validation");
let BareController = class BareController {
    post(body) {
        return { streamId: `service-${body.agreementId}`, streamVersion: 1, position: '1', events: [] };
    }
    get(query) {
        return { partner: query.partner, balances: [] };
    }
};
__decorate([
    (0, common_1.Post)(),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [service_dto_1.RenderServiceDto]),
    __metadata("design:returntype", void 0)
], BareController.prototype, "post", null);
__decorate([
    (0, common_1.Get)(),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [balance_dto_1.BalancesDto]),
    __metadata("design:returntype", void 0)
], BareController.prototype, "get", null);
BareController = __decorate([
    (0, common_1.Controller)('bare')
], BareController);
let BareModule = class BareModule {
};
BareModule = __decorate([
    (0, common_1.Module)({ controllers: [BareController] })
], BareModule);
const main = async () => {
    const app = await core_1.NestFactory.create(BareModule, new platform_fastify_1.FastifyAdapter(), { logger: false });
    app.useGlobalPipes((0, validation_1.strictValidationPipe)());
    await app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
    process.stdout.write(`listening on ${await app.getUrl()}\n`);
    process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
};
void main();
//# sourceMappingURL=http-bare.js.map