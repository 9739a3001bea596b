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
Object.defineProperty(exports, "__esModule", { value: true });
exports.DeliveriesQueryDto = exports.ReplayWebhookDto = exports.UpdateWebhookDto = exports.CreateWebhookDto = exports.LiveEventsDto = exports.EventFilterDto = exports.EVENT_TYPES = void 0;
const common_1 = require("@nestjs/common");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const event_catalogue_1 = require("../../../domain/catalogue/event-catalogue");
const fields_1 = require("../validation/fields");
const time_1 = require("../validation/time");
exports.EVENT_TYPES = event_catalogue_1.EVENT_CATALOGUE.map((entry) => entry.type);
const asList = (value, inQuery) => (inQuery && typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value);
/** In a query string a list is written `a,b,c`. */
const commaList = (inQuery) => (0, class_transformer_1.Transform)(({ value }) => asList(value, inQuery));
/** ISILs are compared upper-cased. */
const isilList = (inQuery) => (0, class_transformer_1.Transform)(({ value }) => {
    const list = asList(value, inQuery);
    return Array.isArray(list) ? list.map((item) => (typeof item === 'string' ? item.toUpperCase() : item)) : list;
});
const Types = (inQuery = false) => (0, common_1.applyDecorators)((0, fields_1.Optional)(), commaList(inQuery), (0, class_validator_1.IsArray)(), (0, class_validator_1.ArrayMaxSize)(100), (0, class_validator_1.IsIn)(exports.EVENT_TYPES, { each: true, message: 'each of types must be an event type (see docs/events.md), e.g. LoanShipped' }));
const Categories = (inQuery = false) => (0, common_1.applyDecorators)((0, fields_1.Optional)(), commaList(inQuery), (0, class_validator_1.IsArray)(), (0, class_validator_1.ArrayMaxSize)(20), (0, class_validator_1.IsIn)(event_catalogue_1.STREAM_CATEGORIES, { each: true, message: `each of categories must be one of ${event_catalogue_1.STREAM_CATEGORIES.join(', ')}` }));
const Partners = (inQuery = false) => (0, common_1.applyDecorators)((0, fields_1.Optional)(), isilList(inQuery), (0, class_validator_1.IsArray)(), (0, class_validator_1.ArrayMaxSize)(100), (0, fields_1.IsIsil)('partners', { each: true }));
/** The filters the live feed and webhooks share: an event must pass every one given; within one, any value. */
class EventFilterDto {
    /** Event types, e.g. `LoanShipped`. */
    types;
    /** Stream categories: partner, agreement, loan, exchange, rotation, claim, service, holdings. */
    categories;
    /** ISILs: events that involve at least one of these libraries. */
    partners;
}
exports.EventFilterDto = EventFilterDto;
__decorate([
    Types(),
    __metadata("design:type", Array)
], EventFilterDto.prototype, "types", void 0);
__decorate([
    Categories(),
    __metadata("design:type", Array)
], EventFilterDto.prototype, "categories", void 0);
__decorate([
    Partners(),
    __metadata("design:type", Array)
], EventFilterDto.prototype, "partners", void 0);
/** The same filters in a query string, comma-separated: `?types=LoanShipped,LoanReceived&categories=loan&partners=ID-JKPNRI`. */
class LiveEventsDto {
    types;
    categories;
    partners;
    /** Start after this position; a `Last-Event-ID` header wins over it. */
    after;
}
exports.LiveEventsDto = LiveEventsDto;
__decorate([
    Types(true),
    __metadata("design:type", Array)
], LiveEventsDto.prototype, "types", void 0);
__decorate([
    Categories(true),
    __metadata("design:type", Array)
], LiveEventsDto.prototype, "categories", void 0);
__decorate([
    Partners(true),
    __metadata("design:type", Array)
], LiveEventsDto.prototype, "partners", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, time_1.IsPosition)('after'),
    __metadata("design:type", String)
], LiveEventsDto.prototype, "after", void 0);
class CreateWebhookDto extends EventFilterDto {
    url;
}
exports.CreateWebhookDto = CreateWebhookDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(2048),
    __metadata("design:type", String)
], CreateWebhookDto.prototype, "url", void 0);
class UpdateWebhookDto extends EventFilterDto {
    url;
    /** `true` re-enables a disabled webhook where it stopped; `false` pauses it. */
    enabled;
}
exports.UpdateWebhookDto = UpdateWebhookDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(2048),
    __metadata("design:type", String)
], UpdateWebhookDto.prototype, "url", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], UpdateWebhookDto.prototype, "enabled", void 0);
class ReplayWebhookDto {
    /** Deliver again every wanted event after this position; `"0"` replays the whole log. */
    after;
}
exports.ReplayWebhookDto = ReplayWebhookDto;
__decorate([
    (0, time_1.IsPosition)('after'),
    __metadata("design:type", String)
], ReplayWebhookDto.prototype, "after", void 0);
class DeliveriesQueryDto {
    limit;
    /** The `next` of the previous page. */
    before;
}
exports.DeliveriesQueryDto = DeliveriesQueryDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(500),
    (0, fields_1.Example)(50),
    __metadata("design:type", Number)
], DeliveriesQueryDto.prototype, "limit", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, fields_1.Example)(1),
    __metadata("design:type", Number)
], DeliveriesQueryDto.prototype, "before", void 0);
//# sourceMappingURL=subscription.dto.js.map