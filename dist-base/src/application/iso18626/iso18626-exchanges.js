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
exports.Iso18626Exchanges = void 0;
const common_1 = require("@nestjs/common");
const loans_1 = require("../../domain/loans");
const streams_1 = require("../cooperation/streams");
const event_store_port_1 = require("../ports/event-store.port");
const projection_runner_1 = require("../projections/projection-runner");
const read_models_behind_1 = require("../projections/read-models-behind");
/** The ISO 18626 messages of a loan, read from its `iso18626-` stream (always current). */
let Iso18626Exchanges = class Iso18626Exchanges {
    store;
    runner;
    constructor(store, runner) {
        this.store = store;
        this.runner = runner;
    }
    /** `minPosition` is taken as by every query (the messages themselves are read from the log, current already). */
    async of(loanId, minPosition) {
        await (0, read_models_behind_1.readModelsAt)(this.runner, minPosition);
        const [loan, kept] = await Promise.all([this.store.readDurableStream(streams_1.streams.loan(loanId)), this.store.readDurableStream(streams_1.streams.iso18626(loanId))]);
        if (loan.length === 0)
            throw new loans_1.LoanNotFound(loanId);
        const events = kept;
        const messages = events.map((event) => {
            const common = {
                eventId: event.eventId, position: event.position, recordedAt: event.metadata.recordedAt,
                kind: event.data.kind, version: event.data.version, message: event.data.message, confirmation: event.data.confirmation,
            };
            return event.type === 'Iso18626MessageReceived'
                ? { direction: 'in', ...common, partner: event.data.from, messageStatus: 'OK' }
                : { direction: 'out', ...common, partner: event.data.to, messageStatus: event.data.messageStatus, causedBy: event.data.causedBy };
        });
        const requestingAgencyRequestId = events.find((e) => e.data.requestingAgencyRequestId)?.data.requestingAgencyRequestId ?? (events.length === 0 ? loanId : null);
        const supplyingAgencyRequestId = events.find((e) => e.data.supplyingAgencyRequestId)?.data.supplyingAgencyRequestId ?? null;
        return { loanId, requestingAgencyRequestId, supplyingAgencyRequestId, messages };
    }
};
exports.Iso18626Exchanges = Iso18626Exchanges;
exports.Iso18626Exchanges = Iso18626Exchanges = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __metadata("design:paramtypes", [Object, projection_runner_1.ProjectionRunner])
], Iso18626Exchanges);
//# sourceMappingURL=iso18626-exchanges.js.map