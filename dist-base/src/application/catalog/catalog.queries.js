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
exports.CATALOG_HANDLERS = exports.NewAcquisitionsHandler = exports.SearchCatalogHandler = exports.NewAcquisitionsQuery = exports.SearchCatalogQuery = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const cooperation_facts_1 = require("../cooperation/cooperation-facts");
const read_store_port_1 = require("../ports/read-store.port");
const projection_runner_1 = require("../projections/projection-runner");
const read_models_behind_1 = require("../projections/read-models-behind");
/** The union catalogue: one title by ISBN-13, or the titles whose title has every word. */
class SearchCatalogQuery extends cqrs_1.Query {
    search;
    limit;
    after;
    minPosition;
    constructor(search, limit, after, minPosition) {
        super();
        this.search = search;
        this.limit = limit;
        this.after = after;
        this.minPosition = minPosition;
    }
}
exports.SearchCatalogQuery = SearchCatalogQuery;
/** Titles acquired by any partner at or after an instant. */
class NewAcquisitionsQuery extends cqrs_1.Query {
    since;
    limit;
    after;
    minPosition;
    constructor(since, limit, after, minPosition) {
        super();
        this.since = since;
        this.limit = limit;
        this.after = after;
        this.minPosition = minPosition;
    }
}
exports.NewAcquisitionsQuery = NewAcquisitionsQuery;
let SearchCatalogHandler = class SearchCatalogHandler {
    reads;
    runner;
    constructor(reads, runner) {
        this.reads = reads;
        this.runner = runner;
    }
    async execute({ search, limit, after, minPosition }) {
        await (0, read_models_behind_1.readModelsAt)(this.runner, minPosition);
        if (search.isbn13 !== undefined) {
            const entry = await this.reads.get(cooperation_facts_1.CATALOG_PROJECTION, search.isbn13);
            return { items: entry ? [entry] : [], next: null };
        }
        const words = search.words?.length ? { field: 'title', words: search.words } : undefined;
        return this.reads.list(cooperation_facts_1.CATALOG_PROJECTION, { where: {}, ...(words ? { words } : {}), limit, after });
    }
};
exports.SearchCatalogHandler = SearchCatalogHandler;
exports.SearchCatalogHandler = SearchCatalogHandler = __decorate([
    (0, cqrs_1.QueryHandler)(SearchCatalogQuery),
    __param(0, (0, common_1.Inject)(read_store_port_1.READ_STORE)),
    __metadata("design:paramtypes", [Object, projection_runner_1.ProjectionRunner])
], SearchCatalogHandler);
let NewAcquisitionsHandler = class NewAcquisitionsHandler {
    reads;
    runner;
    constructor(reads, runner) {
        this.reads = reads;
        this.runner = runner;
    }
    async execute({ since, limit, after, minPosition }) {
        await (0, read_models_behind_1.readModelsAt)(this.runner, minPosition);
        return this.reads.list(cooperation_facts_1.CATALOG_PROJECTION, { where: {}, atLeast: { lastAcquiredAt: since }, limit, after });
    }
};
exports.NewAcquisitionsHandler = NewAcquisitionsHandler;
exports.NewAcquisitionsHandler = NewAcquisitionsHandler = __decorate([
    (0, cqrs_1.QueryHandler)(NewAcquisitionsQuery),
    __param(0, (0, common_1.Inject)(read_store_port_1.READ_STORE)),
    __metadata("design:paramtypes", [Object, projection_runner_1.ProjectionRunner])
], NewAcquisitionsHandler);
exports.CATALOG_HANDLERS = [SearchCatalogHandler, NewAcquisitionsHandler];
//# sourceMappingURL=catalog.queries.js.map