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
Object.defineProperty(exports, "__esModule", { value: true });
exports.RequestObserver = void 0;
const common_1 = require("@nestjs/common");
const nestjs_pino_1 = require("nestjs-pino");
const ledger_metrics_1 = require("../../application/operations/ledger-metrics");
const command_context_decorator_1 = require("../http/auth/command-context.decorator");
/**
 * One place sees every answered request, whoever answered it (a guard's 401
 * or 429 included): it counts it and writes its one log line. The line names
 * the key by its id; the key itself is never logged.
 */
let RequestObserver = class RequestObserver {
    metrics;
    constructor(metrics) {
        this.metrics = metrics;
    }
    install(fastify) {
        fastify.addHook('onResponse', (request, reply, done) => {
            try {
                this.answered(request, reply);
            }
            finally {
                done();
            }
        });
    }
    answered(request, reply) {
        const route = request.routeOptions.url ?? 'unmatched';
        const seconds = reply.elapsedTime / 1000;
        this.metrics.httpRequest(route, request.method, reply.statusCode, seconds);
        const line = {
            reqId: request.id,
            context: 'Http',
            event: 'http.request',
            correlationId: (0, command_context_decorator_1.correlationIdOf)(request) ?? request.id,
            keyId: request.principal?.keyId,
            method: request.method,
            route,
            status: reply.statusCode,
            durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
        };
        // Straight to pino: Nest's Logger and the nestjs-pino wrappers around it cost every request a few copies of the line for nothing.
        nestjs_pino_1.PinoLogger.root.info(line, `${request.method} ${route} ${reply.statusCode}`);
    }
};
exports.RequestObserver = RequestObserver;
exports.RequestObserver = RequestObserver = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [ledger_metrics_1.LedgerMetrics])
], RequestObserver);
//# sourceMappingURL=request-observer.js.map