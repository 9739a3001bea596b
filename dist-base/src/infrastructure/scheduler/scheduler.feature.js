"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.schedulerFeature = exports.SchedulerModule = void 0;
const common_1 = require("@nestjs/common");
const command_deps_provider_1 = require("../../application/commands/command-deps.provider");
const read_store_port_1 = require("../../application/ports/read-store.port");
const scheduler_1 = require("../../application/scheduler/scheduler");
const scheduler_lifecycle_1 = require("../../application/scheduler/scheduler.lifecycle");
const tokens_1 = require("../tokens");
/** Time-driven facts (overdue loans, expired claims), recorded on an interval by the service itself. */
let SchedulerModule = class SchedulerModule {
};
exports.SchedulerModule = SchedulerModule;
exports.SchedulerModule = SchedulerModule = __decorate([
    (0, common_1.Module)({
        providers: [
            { provide: scheduler_1.Scheduler, useFactory: (deps, reads) => new scheduler_1.Scheduler(deps, reads), inject: [command_deps_provider_1.CommandDepsProvider, read_store_port_1.READ_STORE] },
            { provide: scheduler_lifecycle_1.SCHEDULER_INTERVAL_SECONDS, useFactory: (config) => config.schedulerIntervalSeconds, inject: [tokens_1.APP_CONFIG] },
            scheduler_lifecycle_1.SchedulerLifecycle,
        ],
        exports: [scheduler_1.Scheduler],
    })
], SchedulerModule);
/** Reads the loans and claims read models, which their own features keep. */
exports.schedulerFeature = { module: SchedulerModule, projections: [] };
//# sourceMappingURL=scheduler.feature.js.map