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
exports.BALANCE_HANDLERS = exports.GetTrialBalanceHandler = exports.GetBalancesHandler = exports.cutFor = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const ledger_1 = require("../../domain/ledger");
const balances_port_1 = require("../ports/balances.port");
const event_store_port_1 = require("../ports/event-store.port");
const projection_runner_1 = require("../projections/projection-runner");
const balance_messages_1 = require("./balance.messages");
const read_models_behind_1 = require("../projections/read-models-behind");
const clock_port_1 = require("../ports/clock.port");
const beyond_head_1 = require("./beyond-head");
const later = (a, b) => b === null ? a : a === undefined || BigInt(b) > BigInt(a) ? b : a;
/**
 * Fixes the cut and makes sure the read models hold all of it, so the same
 * "as of" always gives the same figures. The recorded time never decreases
 * in log order (the store stamps it as it gives the position), so an instant
 * already past names a prefix of the log as a position does: every event
 * recorded at or before it is in the log already, and waiting for the head
 * folds them all. A position after the head, or an instant not yet past,
 * could be answered differently later: refused with the head named
 * (BeyondHead). Without `asOf` the cut is the position the read models have
 * reached, so the answer says exactly which prefix of the log it sums even
 * while new events arrive. 503 read-models-behind when they do not get there
 * in time.
 */
const cutFor = async (runner, store, clock, { asOf, minPosition }) => {
    if (asOf === undefined) {
        await (0, read_models_behind_1.readModelsAt)(runner, minPosition);
        return { position: runner.status().position ?? '0' };
    }
    // The clock is read before the head: whatever commits after the head is recorded at or after `now`.
    const now = clock.now().toISOString();
    const head = await store.headPosition();
    const beyond = 'position' in asOf ? BigInt(asOf.position) > BigInt(head ?? '0') : asOf.instant >= now;
    if (beyond)
        throw new beyond_head_1.BeyondHead('position' in asOf ? `position ${asOf.position}` : asOf.instant, head, now);
    await (0, read_models_behind_1.readModelsAt)(runner, later(minPosition, 'position' in asOf ? asOf.position : head));
    return asOf;
};
exports.cutFor = cutFor;
let GetBalancesHandler = class GetBalancesHandler {
    ledger;
    runner;
    store;
    clock;
    constructor(ledger, runner, store, clock) {
        this.ledger = ledger;
        this.runner = runner;
        this.store = store;
        this.clock = clock;
    }
    async execute({ filter, time }) {
        const asOf = await (0, exports.cutFor)(this.runner, this.store, this.clock, time);
        return { asOf, balances: await this.ledger.balances(filter, asOf) };
    }
};
exports.GetBalancesHandler = GetBalancesHandler;
exports.GetBalancesHandler = GetBalancesHandler = __decorate([
    (0, cqrs_1.QueryHandler)(balance_messages_1.GetBalancesQuery),
    __param(0, (0, common_1.Inject)(balances_port_1.BALANCES)),
    __param(2, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(3, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __metadata("design:paramtypes", [Object, projection_runner_1.ProjectionRunner, Object, Object])
], GetBalancesHandler);
let GetTrialBalanceHandler = class GetTrialBalanceHandler {
    ledger;
    runner;
    store;
    clock;
    constructor(ledger, runner, store, clock) {
        this.ledger = ledger;
        this.runner = runner;
        this.store = store;
        this.clock = clock;
    }
    async execute({ time }) {
        const asOf = await (0, exports.cutFor)(this.runner, this.store, this.clock, time);
        const units = await this.ledger.trialBalance(asOf);
        // Computed, not asserted: a leaking unit shows as balanced: false with its total.
        return { asOf, units, balanced: units.every((unit) => (0, ledger_1.isZeroAmount)(unit.total)) };
    }
};
exports.GetTrialBalanceHandler = GetTrialBalanceHandler;
exports.GetTrialBalanceHandler = GetTrialBalanceHandler = __decorate([
    (0, cqrs_1.QueryHandler)(balance_messages_1.GetTrialBalanceQuery),
    __param(0, (0, common_1.Inject)(balances_port_1.BALANCES)),
    __param(2, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(3, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __metadata("design:paramtypes", [Object, projection_runner_1.ProjectionRunner, Object, Object])
], GetTrialBalanceHandler);
exports.BALANCE_HANDLERS = [GetBalancesHandler, GetTrialBalanceHandler];
//# sourceMappingURL=balance.handlers.js.map