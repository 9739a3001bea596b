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
exports.HistoryController = exports.ReadLogDto = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const history_queries_1 = require("../../../application/history/history.queries");
const errors_1 = require("../../../domain/shared/errors");
const roles_1 = require("../auth/roles");
const problem_1 = require("../problem/problem");
const fields_1 = require("../validation/fields");
const time_1 = require("../validation/time");
/** A category (lower-case letters, then digits as in `iso18626`), a hyphen, the id. */
const STREAM_ID = /^[a-z][a-z0-9]*-[A-Za-z0-9:/-]{1,64}$/;
class ReadLogDto extends fields_1.ReadYourWritesDto {
    after;
    limit;
    /** Comma-separated event types. */
    types;
    stream;
}
exports.ReadLogDto = ReadLogDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, time_1.IsPosition)('after'),
    __metadata("design:type", String)
], ReadLogDto.prototype, "after", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(1000),
    (0, fields_1.Example)(100),
    __metadata("design:type", Number)
], ReadLogDto.prototype, "limit", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(2000),
    (0, class_validator_1.Matches)(/^[A-Za-z][A-Za-z0-9]*(,[A-Za-z][A-Za-z0-9]*)*$/, { message: 'types must be event type names separated by commas' }),
    (0, fields_1.Example)('LoanRequested,LoanShipped'),
    __metadata("design:type", String)
], ReadLogDto.prototype, "types", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(STREAM_ID, { message: 'stream must be a stream id such as loan-<uuid>' }),
    (0, fields_1.Example)('partner-DE-1'),
    __metadata("design:type", String)
], ReadLogDto.prototype, "stream", void 0);
/** The log itself, for auditors who replay it and systems that follow it. */
let HistoryController = class HistoryController {
    queries;
    constructor(queries) {
        this.queries = queries;
    }
    /** The global log, oldest first; continue with `after=<next>`. */
    events({ after, limit, types, stream, minPosition }) {
        return this.queries.execute(new history_queries_1.ReadLogQuery(after ?? null, limit ?? 100, types ? types.split(',') : [], stream, minPosition));
    }
    /** Every event of one stream, in version order, with its hashes. */
    async stream(streamId, { minPosition }) {
        if (!STREAM_ID.test(streamId))
            throw new problem_1.BadInput([{ field: 'streamId', message: 'streamId must be a stream id such as loan-<uuid>' }]);
        const events = await this.queries.execute(new history_queries_1.ReadStreamQuery(streamId, minPosition));
        if (events.length === 0)
            throw new errors_1.NotFound('stream-not-found', `there is no stream ${streamId}`);
        return { streamId, version: events[events.length - 1].streamVersion, events };
    }
};
exports.HistoryController = HistoryController;
__decorate([
    (0, common_1.Get)('events'),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ReadLogDto]),
    __metadata("design:returntype", void 0)
], HistoryController.prototype, "events", null);
__decorate([
    (0, common_1.Get)('streams/:streamId'),
    __param(0, (0, common_1.Param)('streamId')),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.ReadYourWritesDto]),
    __metadata("design:returntype", Promise)
], HistoryController.prototype, "stream", null);
exports.HistoryController = HistoryController = __decorate([
    (0, common_1.Controller)('v1'),
    (0, roles_1.Roles)('coordinator', 'auditor', 'subscriber'),
    __metadata("design:paramtypes", [cqrs_1.QueryBus])
], HistoryController);
//# sourceMappingURL=history.controller.js.map