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
exports.DOCUMENT_QUERY_HANDLERS = exports.ListDocumentsHandler = exports.GetDocumentHandler = exports.ListDocumentsQuery = exports.GetDocumentQuery = exports.documentReadModel = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const input_1 = require("../../domain/shared/input");
const event_store_port_1 = require("../ports/event-store.port");
const read_store_port_1 = require("../ports/read-store.port");
const projection_runner_1 = require("../projections/projection-runner");
const read_models_behind_1 = require("../projections/read-models-behind");
const documentReadModel = (projection, streamOf) => ({
    projection,
    streamOf,
});
exports.documentReadModel = documentReadModel;
/** One document by id, once the read models hold `minPosition`. */
class GetDocumentQuery extends cqrs_1.Query {
    readModel;
    id;
    minPosition;
    constructor(readModel, id, minPosition) {
        super();
        this.readModel = readModel;
        this.id = id;
        this.minPosition = minPosition;
    }
}
exports.GetDocumentQuery = GetDocumentQuery;
/** A page of documents matching equality filters, once the read models hold `minPosition`. */
class ListDocumentsQuery extends cqrs_1.Query {
    readModel;
    filter;
    limit;
    after;
    minPosition;
    constructor(readModel, filter, limit, after, minPosition) {
        super();
        this.readModel = readModel;
        this.filter = filter;
        this.limit = limit;
        this.after = after;
        this.minPosition = minPosition;
    }
}
exports.ListDocumentsQuery = ListDocumentsQuery;
/**
 * A document not there yet whose stream has events is one the read models
 * have not folded: it waits for the stream's last event (the same wait and
 * 503 as `minPosition`) rather than answering 404 for what was written.
 */
let GetDocumentHandler = class GetDocumentHandler {
    reads;
    store;
    runner;
    constructor(reads, store, runner) {
        this.reads = reads;
        this.store = store;
        this.runner = runner;
    }
    async execute({ readModel, id, minPosition }) {
        await (0, read_models_behind_1.readModelsAt)(this.runner, minPosition);
        const found = await this.reads.get(readModel.projection, id);
        if (found !== null)
            return found;
        const written = (await this.store.readDurableStream(readModel.streamOf(id))).at(-1);
        if (written === undefined)
            return null;
        await (0, read_models_behind_1.readModelsAt)(this.runner, written.position);
        return this.reads.get(readModel.projection, id);
    }
};
exports.GetDocumentHandler = GetDocumentHandler;
exports.GetDocumentHandler = GetDocumentHandler = __decorate([
    (0, cqrs_1.QueryHandler)(GetDocumentQuery),
    __param(0, (0, common_1.Inject)(read_store_port_1.READ_STORE)),
    __param(1, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __metadata("design:paramtypes", [Object, Object, projection_runner_1.ProjectionRunner])
], GetDocumentHandler);
let ListDocumentsHandler = class ListDocumentsHandler {
    reads;
    runner;
    constructor(reads, runner) {
        this.reads = reads;
        this.runner = runner;
    }
    async execute({ readModel, filter, limit, after, minPosition }) {
        await (0, read_models_behind_1.readModelsAt)(this.runner, minPosition);
        const where = (0, input_1.withoutUndefined)(filter);
        return this.reads.list(readModel.projection, { where, limit, after });
    }
};
exports.ListDocumentsHandler = ListDocumentsHandler;
exports.ListDocumentsHandler = ListDocumentsHandler = __decorate([
    (0, cqrs_1.QueryHandler)(ListDocumentsQuery),
    __param(0, (0, common_1.Inject)(read_store_port_1.READ_STORE)),
    __metadata("design:paramtypes", [Object, projection_runner_1.ProjectionRunner])
], ListDocumentsHandler);
exports.DOCUMENT_QUERY_HANDLERS = [GetDocumentHandler, ListDocumentsHandler];
//# sourceMappingURL=document.queries.js.map