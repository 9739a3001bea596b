"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var OperationsModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.OperationsModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const ledger_metrics_1 = require("../../application/operations/ledger-metrics");
const clock_port_1 = require("../../application/ports/clock.port");
const event_store_port_1 = require("../../application/ports/event-store.port");
const projection_lag_1 = require("../../application/projections/projection-lag");
const projection_runner_1 = require("../../application/projections/projection-runner");
const subscriber_channels_1 = require("../../application/subscriptions/subscriber-channels");
const logging_1 = require("./logging");
const metrics_server_1 = require("./metrics-server");
const prom_metrics_1 = require("./prom-metrics");
const request_observer_1 = require("./request-observer");
const tracing_interceptor_1 = require("./tracing.interceptor");
const tracing_1 = require("./tracing");
const PROJECTION_LAG = Symbol('ProjectionLagGauge');
const SUBSCRIBER_LAG = Symbol('SubscriberLagGauge');
/** What an operator watches: metrics (on the main port and, if set, a port of their own) and structured logs. */
let OperationsModule = OperationsModule_1 = class OperationsModule {
    static forRoot(config, metrics) {
        return {
            module: OperationsModule_1,
            imports: [(0, logging_1.loggingModule)(config)],
            providers: [
                { provide: prom_metrics_1.PromMetrics, useValue: metrics },
                metrics_server_1.MetricsServer,
                request_observer_1.RequestObserver,
                // Registered before the app is built (main starts tracing first) or no request is traced.
                ...((0, tracing_1.tracerRegistered)() ? [{ provide: core_1.APP_INTERCEPTOR, useClass: tracing_interceptor_1.TracingInterceptor }] : []),
                {
                    provide: PROJECTION_LAG,
                    useFactory: (ledgerMetrics, runner, store, clock) => (0, projection_lag_1.observeProjectionLag)(ledgerMetrics, runner, store, clock),
                    inject: [ledger_metrics_1.LedgerMetrics, projection_runner_1.ProjectionRunner, event_store_port_1.EVENT_STORE, clock_port_1.CLOCK],
                },
                {
                    provide: SUBSCRIBER_LAG,
                    useFactory: (ledgerMetrics, channels) => ledgerMetrics.subscribers({ lags: () => channels.lags(), liveClients: () => channels.liveClients() }),
                    inject: [ledger_metrics_1.LedgerMetrics, subscriber_channels_1.SubscriberChannels],
                },
            ],
            // The metrics controller is one of the core controllers, served by the ledger module.
            exports: [request_observer_1.RequestObserver, metrics_server_1.MetricsServer, prom_metrics_1.PromMetrics],
        };
    }
};
exports.OperationsModule = OperationsModule;
exports.OperationsModule = OperationsModule = OperationsModule_1 = __decorate([
    (0, common_1.Module)({})
], OperationsModule);
//# sourceMappingURL=operations.module.js.map