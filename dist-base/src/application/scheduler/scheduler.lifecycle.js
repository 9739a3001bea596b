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
exports.SchedulerLifecycle = exports.SCHEDULER_INTERVAL_SECONDS = void 0;
const common_1 = require("@nestjs/common");
const leader_election_port_1 = require("../ports/leader-election.port");
const scheduler_1 = require("./scheduler");
/** Seconds between runs in the service; 0 turns the in-service scheduler off (run it from the CLI instead). */
exports.SCHEDULER_INTERVAL_SECONDS = Symbol('SchedulerIntervalSeconds');
/**
 * Runs the scheduler in the service on an interval. The first run comes one
 * interval after start, once the read models have caught up; a run still
 * going when the next is due is not doubled; shutdown waits for it before the
 * store closes. With several instances it runs on the elected one.
 */
let SchedulerLifecycle = class SchedulerLifecycle {
    scheduler;
    intervalSeconds;
    election;
    logger = new common_1.Logger('Scheduler');
    timer;
    running;
    candidacy;
    constructor(scheduler, intervalSeconds, election) {
        this.scheduler = scheduler;
        this.intervalSeconds = intervalSeconds;
        this.election = election;
    }
    async onApplicationBootstrap() {
        if (this.intervalSeconds <= 0) {
            this.logger.log('in-service scheduler is off (LEDGER_SCHEDULER_INTERVAL_SECONDS=0)');
            return;
        }
        this.candidacy = await this.election.campaign('scheduler', {
            lead: async () => {
                this.timer = setInterval(() => this.tick(), this.intervalSeconds * 1000).unref();
            },
            stepDown: () => this.halt(),
        });
    }
    async beforeApplicationShutdown() {
        await this.candidacy?.withdraw();
        await this.halt();
    }
    async halt() {
        clearInterval(this.timer);
        this.timer = undefined;
        await this.running;
    }
    tick() {
        this.running ??= this.scheduler
            .run()
            .then((run) => {
            const written = run.loansMarkedOverdue.length + run.claimsExpired.length;
            if (written > 0 || run.skipped.length > 0) {
                this.logger.log(`${run.loansMarkedOverdue.length} loans overdue, ${run.claimsExpired.length} claims expired, ${run.skipped.length} skipped`);
            }
        })
            .catch((error) => this.logger.error(`scheduler run failed: ${error instanceof Error ? error.stack : String(error)}`))
            .finally(() => {
            this.running = undefined;
        });
    }
};
exports.SchedulerLifecycle = SchedulerLifecycle;
exports.SchedulerLifecycle = SchedulerLifecycle = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, common_1.Inject)(exports.SCHEDULER_INTERVAL_SECONDS)),
    __param(2, (0, common_1.Inject)(leader_election_port_1.LEADER_ELECTION)),
    __metadata("design:paramtypes", [scheduler_1.Scheduler, Number, Object])
], SchedulerLifecycle);
//# sourceMappingURL=scheduler.lifecycle.js.map