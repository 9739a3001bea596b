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
exports.LiveEventsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const event_store_port_1 = require("../../../application/ports/event-store.port");
const event_filter_1 = require("../../../application/subscriptions/event-filter");
const log_fan_out_1 = require("../../../application/subscriptions/log-fan-out");
const tokens_1 = require("../../tokens");
const roles_1 = require("../auth/roles");
const problem_1 = require("../problem/problem");
const time_1 = require("../validation/time");
const live_stream_1 = require("./live-stream");
const subscription_dto_1 = require("./subscription.dto");
const live_streams_1 = require("./live-streams");
/** The reconnection delay a client is told to wait after a cut. */
const RETRY_MS = 1000;
/** Server-Sent Events: every new event as a CloudEvent, resumable with Last-Event-ID. */
let LiveEventsController = class LiveEventsController {
    store;
    config;
    log;
    streams;
    logger = new common_1.Logger('LiveEvents');
    constructor(store, config, log, streams) {
        this.store = store;
        this.config = config;
        this.log = log;
        this.streams = streams;
    }
    /**
     * `id:` is the event's position, `event:` its type, `data:` the CloudEvent.
     * Without `after` or `Last-Event-ID` the feed starts at the head of the log.
     * A librarian sees only the events that involve its own library.
     */
    async live(query, lastEventId, viewer, reply) {
        const resumeFrom = lastEventId === undefined || lastEventId === '' ? undefined : (0, time_1.readPosition)(lastEventId);
        if (resumeFrom === null)
            throw new problem_1.BadInput([{ field: 'Last-Event-ID', message: 'Last-Event-ID must be a global position (digits, e.g. 1042)' }]);
        const after = resumeFrom ?? query.after ?? (await this.store.headPosition());
        const filter = { types: query.types ?? [], categories: query.categories ?? [], partners: query.partners ?? [] };
        const { sseHeartbeatSeconds, sseBufferBytes } = this.config.subscriptions;
        reply.hijack();
        reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
        const stream = new live_stream_1.LiveStream(reply.raw, {
            log: this.log,
            heartbeatMs: sseHeartbeatSeconds * 1000,
            bufferBytes: sseBufferBytes,
            retryMs: RETRY_MS,
            onError: (error) => this.logger.warn({ reqId: reply.request.id }, `live feed ended on an error: ${error instanceof Error ? error.message : String(error)}`),
        }, (0, event_filter_1.matches)(filter, viewer), after);
        this.streams.track(stream);
    }
};
exports.LiveEventsController = LiveEventsController;
__decorate([
    (0, common_1.Get)('live'),
    (0, swagger_1.ApiProduces)('text/event-stream'),
    (0, swagger_1.ApiHeader)({ name: 'Last-Event-ID', required: false, description: 'The id (position) of the last event received: the feed resumes after it.' }),
    __param(0, (0, common_1.Query)()),
    __param(1, (0, common_1.Headers)('last-event-id')),
    __param(2, (0, roles_1.Acting)()),
    __param(3, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [subscription_dto_1.LiveEventsDto, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], LiveEventsController.prototype, "live", null);
exports.LiveEventsController = LiveEventsController = __decorate([
    (0, common_1.Controller)('v1/events'),
    (0, roles_1.Roles)('coordinator', 'auditor', 'subscriber', 'librarian'),
    __param(0, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(1, (0, common_1.Inject)(tokens_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, Object, log_fan_out_1.LogFanOut,
        live_streams_1.LiveStreams])
], LiveEventsController);
//# sourceMappingURL=live-events.controller.js.map