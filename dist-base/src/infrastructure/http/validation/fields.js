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
exports.NoBodyDto = exports.PageQueryDto = exports.ReadYourWritesDto = exports.DEFAULT_PAGE_SIZE = exports.MoneyDto = exports.HasAtMostDecimals = exports.IsIsbnText = exports.IsIsbnShape = exports.IsCalendarDate = exports.NotBlank = exports.IsIsil = exports.Optional = exports.Example = void 0;
const common_1 = require("@nestjs/common");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const class_validator_jsonschema_1 = require("class-validator-jsonschema");
const dates_1 = require("../../../domain/shared/dates");
const isbn_1 = require("../../../domain/shared/isbn");
const isil_1 = require("../../../domain/shared/isil");
const money_1 = require("../../../domain/shared/money");
const example_1 = require("./example");
Object.defineProperty(exports, "Example", { enumerable: true, get: function () { return example_1.Example; } });
const time_1 = require("./time");
/*
 * The rules DTO fields share, so each is written, and worded, once. A field's
 * messages are listed in the order its rules are applied: where a decorator
 * bundles rules, that is the order most DTOs stacked them in before.
 */
/** Optional, but never null: an absent field is left out, a null one is refused by the rules that follow. */
const Optional = () => (0, class_validator_1.ValidateIf)((_, value) => value !== undefined);
exports.Optional = Optional;
const upperCased = (value) => (typeof value === 'string' ? (0, isil_1.normalIsil)(value) : value);
/**
 * An ISIL (ISO 15511), refused naming the field; `{ each: true }` for a list
 * of them. Upper-cased here, once, so nothing behind the DTO spells it twice.
 */
const IsIsil = (field = 'isil', options = {}) => (0, common_1.applyDecorators)((0, class_transformer_1.Transform)(({ value }) => (Array.isArray(value) ? value.map(upperCased) : upperCased(value))), (0, class_validator_1.Matches)(isil_1.ISIL_PATTERN, { ...options, message: `${field} ${isil_1.ISIL_MESSAGE}` }), (0, class_validator_1.MaxLength)(16, options), (0, class_validator_1.IsString)(options), (0, example_1.Example)(options.each ? ['DE-1', 'ID-JKPNRI'] : 'DE-1'));
exports.IsIsil = IsIsil;
/** Text with at least one character that is not a space. */
const NotBlank = (field, options = {}) => (0, class_validator_1.Matches)(/\S/, { ...options, message: `${field} must not be blank` });
exports.NotBlank = NotBlank;
/** A real calendar day written YYYY-MM-DD: 2025-02-30 is refused, not rolled over. */
const IsCalendarDate = (field) => (0, common_1.applyDecorators)((0, class_validator_1.IsString)(), (0, class_validator_1.Matches)(/^\d{4}-\d{2}-\d{2}$/, { message: `${field} must be a date, YYYY-MM-DD` }), (0, class_validator_1.ValidateBy)({ name: 'isCalendarDate', validator: { validate: dates_1.isCalendarDate, defaultMessage: () => `${field} must be a real calendar date, YYYY-MM-DD` } }), 
// The whole schema, not merged: the custom rule on a `string | null` field would otherwise point at a missing `Object` schema.
(0, class_validator_jsonschema_1.JSONSchema)(() => ({ type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', example: '2025-03-01' })));
exports.IsCalendarDate = IsCalendarDate;
/** The shape of an ISBN-10 or -13, with or without hyphens or spaces; check digits are the domain's to judge. */
const IsIsbnShape = (field, options = {}) => (0, common_1.applyDecorators)((0, class_validator_1.Matches)(/^[0-9Xx\- ]{10,17}$/, { ...options, message: `${field} must be an ISBN-10 or ISBN-13, e.g. 978-0-306-40615-7` }), (0, class_validator_1.MaxLength)(17, options), (0, class_validator_1.IsString)(options), (0, example_1.Example)(options.each ? ['978-0-306-40615-7'] : '978-0-306-40615-7'));
exports.IsIsbnShape = IsIsbnShape;
/** An ISBN-10 or ISBN-13 the ledger can normalise, checked here so a bad one never reaches a handler. */
const IsIsbnText = () => (0, common_1.applyDecorators)((0, class_validator_1.ValidateBy)({
    name: 'isIsbn',
    validator: { validate: (value) => (0, isbn_1.isIsbn)(value), defaultMessage: (args) => `${args?.property} must be a valid ISBN-10 or ISBN-13` },
}), (0, class_validator_1.IsString)(), (0, example_1.Example)('9780306406157'));
exports.IsIsbnText = IsIsbnText;
/**
 * A number written with at most `places` decimals. class-validator's
 * `maxDecimalPlaces` throws on a number JavaScript writes with an exponent (1e-7).
 */
const HasAtMostDecimals = (field, places) => (0, class_validator_1.ValidateBy)({
    name: 'hasAtMostDecimals',
    validator: {
        validate: (value) => typeof value === 'number' && new RegExp(`^-?\\d+(\\.\\d{1,${places}})?$`).test(String(value)),
        defaultMessage: () => `${field} must be a number with at most ${places} decimal places, e.g. 1.25`,
    },
});
exports.HasAtMostDecimals = HasAtMostDecimals;
class MoneyDto {
    amount;
    currency;
}
exports.MoneyDto = MoneyDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(money_1.MONEY_AMOUNT, { message: 'amount must be a non-negative decimal such as "12.50"' }),
    __metadata("design:type", String)
], MoneyDto.prototype, "amount", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(money_1.CURRENCY_CODE, { message: 'currency must be an ISO 4217 code such as "EUR"' }),
    __metadata("design:type", String)
], MoneyDto.prototype, "currency", void 0);
/** How many items a page holds when the query does not say. */
exports.DEFAULT_PAGE_SIZE = 50;
/** Read your own writes: every query first waits until the read models have folded this position (a command's answer gives it). */
class ReadYourWritesDto {
    minPosition;
}
exports.ReadYourWritesDto = ReadYourWritesDto;
__decorate([
    (0, exports.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, time_1.IsPosition)('minPosition'),
    __metadata("design:type", String)
], ReadYourWritesDto.prototype, "minPosition", void 0);
/** The paging every list takes; a list DTO extends it, so its own filters are checked (and named) first. */
class PageQueryDto extends ReadYourWritesDto {
    limit;
    cursor;
}
exports.PageQueryDto = PageQueryDto;
__decorate([
    (0, exports.Optional)(),
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(500),
    (0, example_1.Example)(exports.DEFAULT_PAGE_SIZE),
    __metadata("design:type", Number)
], PageQueryDto.prototype, "limit", void 0);
__decorate([
    (0, exports.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(200),
    (0, example_1.Example)('WzEsIngiXQ', 'the `next` of the page before, as given'),
    __metadata("design:type", String)
], PageQueryDto.prototype, "cursor", void 0);
/** A step that needs nothing but the id in the path; whitelisting still refuses any field sent to it. */
class NoBodyDto {
}
exports.NoBodyDto = NoBodyDto;
//# sourceMappingURL=fields.js.map