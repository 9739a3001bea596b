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
exports.HISTORY_HANDLERS = exports.ReadStreamHandler = exports.ReadLogHandler = exports.ReadStreamQuery = exports.ReadLogQuery = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const event_store_port_1 = require("../ports/event-store.port");
const projection_runner_1 = require("../projections/projection-runner");
const read_models_behind_1 = require("../projections/read-models-behind");
/** The global log, oldest first, from a position, optionally narrowed to some types or one stream. */
class ReadLogQuery extends cqrs_1.Query {
    after;
    limit;
    types;
    streamId;
    minPosition;
    constructor(after, limit, types, streamId, minPosition) {
        super();
        this.after = after;
        this.limit = limit;
        this.types = types;
        this.streamId = streamId;
        this.minPosition = minPosition;
    }
}
exports.ReadLogQuery = ReadLogQuery;
class ReadStreamQuery extends cqrs_1.Query {
    streamId;
    minPosition;
    constructor(streamId, minPosition) {
        super();
        this.streamId = streamId;
        this.minPosition = minPosition;
    }
}
exports.ReadStreamQuery = ReadStreamQuery;
/** How far one page may scan when filters leave most events out. */
const SCAN_LIMIT = 10_000;
let ReadLogHandler = class ReadLogHandler {
    store;
    runner;
    constructor(store, runner) {
        this.store = store;
        this.runner = runner;
    }
    /**
     * `next` is the position to continue after, null once the log is read to
     * its end (as every list ends); with filters a page may be short but is
     * never silently truncated. A follower resumes from the last position it saw.
     */
    async execute({ after, limit, types, streamId, minPosition }) {
        await (0, read_models_behind_1.readModelsAt)(this.runner, minPosition);
        const wanted = (event) => (types.length === 0 || types.includes(event.type)) && (!streamId || event.streamId === streamId);
        const items = [];
        let cursor = after;
        let scanned = 0;
        while (items.length < limit && scanned < SCAN_LIMIT) {
            const batch = await this.store.readAll({ after: cursor, limit: Math.min(1000, SCAN_LIMIT - scanned) });
            if (batch.length === 0)
                return { items, next: null };
            for (const event of batch) {
                cursor = event.position;
                if (wanted(event))
                    items.push(event);
                if (items.length === limit)
                    break;
            }
            scanned += batch.length;
        }
        return { items, next: cursor };
    }
};
exports.ReadLogHandler = ReadLogHandler;
exports.ReadLogHandler = ReadLogHandler = __decorate([
    (0, cqrs_1.QueryHandler)(ReadLogQuery),
    __param(0, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __metadata("design:paramtypes", [Object, projection_runner_1.ProjectionRunner])
], ReadLogHandler);
let ReadStreamHandler = class ReadStreamHandler {
    store;
    runner;
    constructor(store, runner) {
        this.store = store;
        this.runner = runner;
    }
    async execute({ streamId, minPosition }) {
        await (0, read_models_behind_1.readModelsAt)(this.runner, minPosition);
        return this.store.readDurableStream(streamId);
    }
};
exports.ReadStreamHandler = ReadStreamHandler;
exports.ReadStreamHandler = ReadStreamHandler = __decorate([
    (0, cqrs_1.QueryHandler)(ReadStreamQuery),
    __param(0, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __metadata("design:paramtypes", [Object, projection_runner_1.ProjectionRunner])
], ReadStreamHandler);
exports.HISTORY_HANDLERS = [ReadLogHandler, ReadStreamHandler];
//# sourceMappingURL=history.queries.js.map