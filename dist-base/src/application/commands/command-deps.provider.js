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
exports.CommandDepsProvider = void 0;
const common_1 = require("@nestjs/common");
const clock_port_1 = require("../ports/clock.port");
const event_store_port_1 = require("../ports/event-store.port");
const ids_port_1 = require("../ports/ids.port");
const ledger_metrics_1 = require("../operations/ledger-metrics");
/** What every command handler needs, injected once. */
let CommandDepsProvider = class CommandDepsProvider {
    store;
    clock;
    ids;
    metrics;
    constructor(store, clock, ids, metrics) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.metrics = metrics;
    }
};
exports.CommandDepsProvider = CommandDepsProvider;
exports.CommandDepsProvider = CommandDepsProvider = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(1, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __param(2, (0, common_1.Inject)(ids_port_1.IDS)),
    __metadata("design:paramtypes", [Object, Object, Object, ledger_metrics_1.LedgerMetrics])
], CommandDepsProvider);
//# sourceMappingURL=command-deps.provider.js.map