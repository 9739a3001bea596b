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
exports.MetricsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const throttler_1 = require("@nestjs/throttler");
const prom_metrics_1 = require("../../operations/prom-metrics");
const roles_1 = require("../auth/roles");
/**
 * The Prometheus exposition on the main port, for a scraper that holds a
 * metrics key (which may read nothing else) or a coordinator key. Not rate limited: a busy service is when it is needed.
 */
let MetricsController = class MetricsController {
    metrics;
    constructor(metrics) {
        this.metrics = metrics;
    }
    async scrape(reply) {
        void reply.header('content-type', this.metrics.contentType);
        return this.metrics.scrape();
    }
};
exports.MetricsController = MetricsController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiProduces)('text/plain'),
    (0, swagger_1.ApiOkResponse)({ description: 'Metrics in the Prometheus text exposition format (docs/operations.md)' }),
    (0, common_1.Header)('cache-control', 'no-store'),
    __param(0, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], MetricsController.prototype, "scrape", null);
exports.MetricsController = MetricsController = __decorate([
    (0, swagger_1.ApiTags)('operations'),
    (0, common_1.Controller)('metrics'),
    (0, roles_1.Roles)('coordinator', 'metrics'),
    (0, throttler_1.SkipThrottle)(),
    __metadata("design:paramtypes", [prom_metrics_1.PromMetrics])
], MetricsController);
//# sourceMappingURL=metrics.controller.js.map