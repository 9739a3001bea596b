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
exports.SealerLifecycle = exports.SEAL_SCHEDULE = void 0;
const common_1 = require("@nestjs/common");
const final_work_1 = require("../jobs/final-work");
const event_store_port_1 = require("../ports/event-store.port");
const leader_election_port_1 = require("../ports/leader-election.port");
const seal_1 = require("./seal");
const sealer_1 = require("./sealer");
exports.SEAL_SCHEDULE = Symbol('SealSchedule');
/**
 * Runs the sealer, a singleton job: at start it seals what is unsealed, then
 * seals every `everyEvents` events, every `intervalSeconds` when anything was
 * recorded, and once more at shutdown (after HTTP has closed, before the store
 * does: see FinalWork). Seals never run two at a time here; with several
 * instances only the elected one seals (and should two ever race, the
 * expected version on the seal stream lets one through).
 */
let SealerLifecycle = class SealerLifecycle {
    sealer;
    store;
    schedule;
    finalWork;
    election;
    logger = new common_1.Logger('Sealer');
    timer;
    subscription;
    running = Promise.resolve();
    sinceSeal = 0;
    candidacy;
    constructor(sealer, store, schedule, finalWork, election) {
        this.sealer = sealer;
        this.store = store;
        this.schedule = schedule;
        this.finalWork = finalWork;
        this.election = election;
    }
    async onApplicationBootstrap() {
        this.candidacy = await this.election.campaign('sealer', { lead: () => this.start(), stepDown: () => this.halt() });
        this.finalWork.add('the last seal', async () => {
            if (this.candidacy?.isLeader())
                await this.stop();
            await this.candidacy?.withdraw();
        });
    }
    async start() {
        this.seal();
        await this.running;
        this.subscription = this.store.subscribe(await this.store.headPosition()).subscribe((event) => {
            if ((0, seal_1.isSeal)(event))
                return;
            this.sinceSeal += 1;
            if (this.sinceSeal >= this.schedule.everyEvents)
                this.seal();
        });
        if (this.schedule.intervalSeconds > 0)
            this.timer = setInterval(() => this.seal(), this.schedule.intervalSeconds * 1000).unref();
    }
    /** Stops following the log, waits for a seal in progress, and seals the rest. */
    async stop() {
        await this.halt();
        this.seal();
        await this.running;
    }
    /** Stops following the log and waits for a seal in progress (another instance seals from now on). */
    async halt() {
        clearInterval(this.timer);
        this.timer = undefined;
        this.subscription?.unsubscribe();
        this.subscription = undefined;
        await this.running;
    }
    /** Queues one run that seals everything unsealed. */
    seal() {
        this.sinceSeal = 0;
        this.running = this.running
            .then(() => this.sealer.sealAll())
            .then((written) => {
            if (written > 0)
                this.logger.log({ event: 'seal.written', seals: written }, `${written} seal${written === 1 ? '' : 's'} written`);
        })
            .catch((error) => this.logger.error({ event: 'seal.failed', err: error }, `sealing failed: ${error instanceof Error ? error.stack : String(error)}`));
    }
};
exports.SealerLifecycle = SealerLifecycle;
exports.SealerLifecycle = SealerLifecycle = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(2, (0, common_1.Inject)(exports.SEAL_SCHEDULE)),
    __param(4, (0, common_1.Inject)(leader_election_port_1.LEADER_ELECTION)),
    __metadata("design:paramtypes", [sealer_1.Sealer, Object, Object, final_work_1.FinalWork, Object])
], SealerLifecycle);
//# sourceMappingURL=sealer.lifecycle.js.map