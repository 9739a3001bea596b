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
exports.WithdrawHoldingsDto = exports.RegisterHoldingsDto = exports.HoldingItemDto = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const holdings_1 = require("../../../domain/holdings");
const fields_1 = require("../validation/fields");
class HoldingItemDto {
    isbn;
    title;
    author;
    year;
    subjects;
    acquiredOn;
}
exports.HoldingItemDto = HoldingItemDto;
__decorate([
    (0, fields_1.IsIsbnShape)('isbn'),
    __metadata("design:type", String)
], HoldingItemDto.prototype, "isbn", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(500),
    (0, fields_1.NotBlank)('title'),
    __metadata("design:type", String)
], HoldingItemDto.prototype, "title", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(300),
    (0, fields_1.NotBlank)('author'),
    __metadata("design:type", String)
], HoldingItemDto.prototype, "author", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(2999),
    __metadata("design:type", Number)
], HoldingItemDto.prototype, "year", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMaxSize)(holdings_1.MAX_SUBJECTS_PER_ITEM),
    (0, class_validator_1.IsString)({ each: true }),
    (0, fields_1.NotBlank)('each of subjects', { each: true }),
    (0, class_validator_1.MaxLength)(100, { each: true }),
    __metadata("design:type", Array)
], HoldingItemDto.prototype, "subjects", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsCalendarDate)('acquiredOn'),
    __metadata("design:type", String)
], HoldingItemDto.prototype, "acquiredOn", void 0);
/**
 * Up to 10,000 titles in one call. Such a body is larger than the default
 * 1 MB limit: raise LEDGER_BODY_LIMIT_BYTES (e.g. 8388608) for bulk loads.
 */
class RegisterHoldingsDto {
    /** Left out: the key's own library. A coordinator must name it. */
    isil;
    items;
}
exports.RegisterHoldingsDto = RegisterHoldingsDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsIsil)('isil'),
    __metadata("design:type", String)
], RegisterHoldingsDto.prototype, "isil", void 0);
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMinSize)(1),
    (0, class_validator_1.ArrayMaxSize)(holdings_1.MAX_ITEMS_PER_COMMAND),
    (0, class_validator_1.IsObject)({ each: true }),
    (0, class_validator_1.ValidateNested)({ each: true }),
    (0, class_transformer_1.Type)(() => HoldingItemDto),
    __metadata("design:type", Array)
], RegisterHoldingsDto.prototype, "items", void 0);
class WithdrawHoldingsDto {
    isil;
    isbns;
}
exports.WithdrawHoldingsDto = WithdrawHoldingsDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsIsil)('isil'),
    __metadata("design:type", String)
], WithdrawHoldingsDto.prototype, "isil", void 0);
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMinSize)(1),
    (0, class_validator_1.ArrayMaxSize)(holdings_1.MAX_ITEMS_PER_COMMAND),
    (0, fields_1.IsIsbnShape)('each of isbns', { each: true }),
    __metadata("design:type", Array)
], WithdrawHoldingsDto.prototype, "isbns", void 0);
//# sourceMappingURL=holdings.dto.js.map