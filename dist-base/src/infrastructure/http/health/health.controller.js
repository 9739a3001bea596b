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
exports.HealthController = void 0;
const common_1 = require("@nestjs/common");
const terminus_1 = require("@nestjs/terminus");
const throttler_1 = require("@nestjs/throttler");
const clock_port_1 = require("../../../application/ports/clock.port");
const event_store_port_1 = require("../../../application/ports/event-store.port");
const projection_lag_1 = require("../../../application/projections/projection-lag");
const projection_runner_1 = require("../../../application/projections/projection-runner");
const subscriber_channels_1 = require("../../../application/subscriptions/subscriber-channels");
const tokens_1 = require("../../tokens");
const roles_1 = require("../auth/roles");
let HealthController = class HealthController {
    health;
    indicator;
    store;
    runner;
    clock;
    channels;
    config;
    constructor(health, indicator, store, runner, clock, channels, config) {
        this.health = health;
        this.indicator = indicator;
        this.store = store;
        this.runner = runner;
        this.clock = clock;
        this.channels = channels;
        this.config = config;
    }
    /** The process is up and serving HTTP. */
    live() {
        return this.health.check([]);
    }
    /**
     * The event store answers, and every projection and subscriber channel
     * follows the log: not ready while one is stuck or further behind than
     * LEDGER_READY_MAX_LAG_EVENTS / _SECONDS, which it names. A disabled or
     * failing webhook is reported but does not count: its receiver is at fault,
     * and taking this instance out of service would not bring it back.
     */
    ready() {
        return this.health.check([
            async () => {
                const check = this.indicator.check('eventStore');
                return (await this.store.ping()) ? check.up() : check.down({ message: 'the event store does not answer' });
            },
            async () => {
                const check = this.indicator.check('projections');
                const status = this.runner.status();
                const stuck = status.projections.flatMap(({ stuckAt }) => stuckAt ? [{ projection: stuckAt.projection, position: stuckAt.position, eventId: stuckAt.eventId, type: stuckAt.type, error: stuckAt.error }] : []);
                // How far behind the log each read model is, in events and in the age of the oldest it has not folded.
                const lags = await (0, projection_lag_1.projectionLags)(this.runner, this.store, this.clock);
                const rebuilding = new Set(status.projections.filter(({ state }) => state === 'rebuilding').map(({ name }) => name));
                const behind = Object.fromEntries(lags.map(({ projection, events, seconds, stuck: isStuck }) => [projection, { events, seconds, stuck: isStuck }]));
                // A read model being rebuilt is folded beside the one that serves: its distance from the head is expected.
                const tooFarBehind = lags.filter((lag) => !rebuilding.has(lag.projection) && this.beyondBound(lag)).map((lag) => lag.projection);
                const details = { position: status.position, running: status.running, stuck, behind, tooFarBehind, bound: this.bound() };
                return status.running && status.error === null && stuck.length === 0 && tooFarBehind.length === 0
                    ? check.up(details)
                    : check.down({ ...details, error: status.error });
            },
            async () => {
                const check = this.indicator.check('subscribers');
                const lags = await this.channels.lags();
                const channels = Object.fromEntries(lags.map(({ channel, ...lag }) => [channel, lag]));
                const counted = lags.filter((lag) => lag.enabled && !lag.failing);
                const stuck = counted.filter((lag) => lag.stuck).map((lag) => lag.channel);
                const tooFarBehind = counted.filter((lag) => this.beyondBound(lag)).map((lag) => lag.channel);
                const details = { liveClients: this.channels.liveClients(), channels, stuck, tooFarBehind, bound: this.bound() };
                return stuck.length === 0 && tooFarBehind.length === 0 ? check.up(details) : check.down(details);
            },
        ]);
    }
    bound() {
        return { events: this.config.readyMaxLagEvents, seconds: this.config.readyMaxLagSeconds };
    }
    beyondBound({ events, seconds }) {
        const { readyMaxLagEvents, readyMaxLagSeconds } = this.config;
        return (readyMaxLagEvents !== null && events > readyMaxLagEvents) || (readyMaxLagSeconds !== null && seconds > readyMaxLagSeconds);
    }
};
exports.HealthController = HealthController;
__decorate([
    (0, common_1.Get)('live'),
    (0, terminus_1.HealthCheck)(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "live", null);
__decorate([
    (0, common_1.Get)('ready'),
    (0, terminus_1.HealthCheck)(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "ready", null);
exports.HealthController = HealthController = __decorate([
    (0, common_1.Controller)('health'),
    (0, roles_1.Public)(),
    (0, throttler_1.SkipThrottle)(),
    __param(2, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(4, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __param(6, (0, common_1.Inject)(tokens_1.APP_CONFIG)),
    __metadata("design:paramtypes", [terminus_1.HealthCheckService,
        terminus_1.HealthIndicatorService, Object, projection_runner_1.ProjectionRunner, Object, subscriber_channels_1.SubscriberChannels, Object])
], HealthController);
//# sourceMappingURL=health.controller.js.map