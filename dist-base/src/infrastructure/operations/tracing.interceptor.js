"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TracingInterceptor = void 0;
const common_1 = require("@nestjs/common");
const api_1 = require("@opentelemetry/api");
const rxjs_1 = require("rxjs");
const tracing_1 = require("../../application/operations/tracing");
const command_context_decorator_1 = require("../http/auth/command-context.decorator");
/**
 * The server span of a request, active while its handler runs so that the
 * command, the append and the fold are its children. A `traceparent` header
 * from the caller makes it part of the caller's trace.
 */
let TracingInterceptor = class TracingInterceptor {
    intercept(execution, next) {
        const request = execution.switchToHttp().getRequest();
        const route = request.routeOptions.url ?? 'unmatched';
        const parent = api_1.propagation.extract(api_1.context.active(), request.headers);
        const span = tracing_1.tracer.startSpan(`${request.method} ${route}`, {
            kind: api_1.SpanKind.SERVER,
            attributes: {
                'http.request.method': request.method,
                'http.route': route,
                [tracing_1.CORRELATION_ID]: (0, command_context_decorator_1.correlationIdOf)(request) ?? request.id,
                'ledger.request_id': request.id,
            },
        }, parent);
        return new rxjs_1.Observable((subscriber) => {
            const inner = api_1.context.with(api_1.trace.setSpan(parent, span), () => next.handle()).subscribe({
                next: (value) => subscriber.next(value),
                error: (error) => {
                    span.setStatus({ code: api_1.SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
                    span.end();
                    subscriber.error(error);
                },
                complete: () => {
                    span.end();
                    subscriber.complete();
                },
            });
            return () => inner.unsubscribe();
        });
    }
};
exports.TracingInterceptor = TracingInterceptor;
exports.TracingInterceptor = TracingInterceptor = __decorate([
    (0, common_1.Injectable)()
], TracingInterceptor);
//# sourceMappingURL=tracing.interceptor.js.map