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
exports.ListExchangesDto = exports.ExchangeReasonDto = exports.ProposeExchangeDto = exports.ExchangeItemDto = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const exchanges_1 = require("../../../domain/exchanges");
const fields_1 = require("../validation/fields");
/** A publication offered or requested; pages and price are for the librarians only, an exchange is one for one. */
class ExchangeItemDto {
    title;
    isbn;
    author;
    publisher;
    year;
    pages;
    price;
    note;
}
exports.ExchangeItemDto = ExchangeItemDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(500),
    __metadata("design:type", String)
], ExchangeItemDto.prototype, "title", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsIsbnText)(),
    __metadata("design:type", String)
], ExchangeItemDto.prototype, "isbn", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(300),
    __metadata("design:type", String)
], ExchangeItemDto.prototype, "author", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(300),
    __metadata("design:type", String)
], ExchangeItemDto.prototype, "publisher", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1000),
    (0, class_validator_1.Max)(2999),
    __metadata("design:type", Number)
], ExchangeItemDto.prototype, "year", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(100_000),
    __metadata("design:type", Number)
], ExchangeItemDto.prototype, "pages", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => fields_1.MoneyDto),
    __metadata("design:type", fields_1.MoneyDto)
], ExchangeItemDto.prototype, "price", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(1000),
    __metadata("design:type", String)
], ExchangeItemDto.prototype, "note", void 0);
/** The proposer is the library of the key that asks; equal counts are a domain rule (exchange-not-one-for-one). */
class ProposeExchangeDto {
    agreementId;
    counterpart;
    offered;
    requested;
}
exports.ProposeExchangeDto = ProposeExchangeDto;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], ProposeExchangeDto.prototype, "agreementId", void 0);
__decorate([
    (0, fields_1.IsIsil)('counterpart'),
    __metadata("design:type", String)
], ProposeExchangeDto.prototype, "counterpart", void 0);
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMinSize)(1),
    (0, class_validator_1.ArrayMaxSize)(exchanges_1.MAX_EXCHANGE_ITEMS),
    (0, class_validator_1.ValidateNested)({ each: true }),
    (0, class_transformer_1.Type)(() => ExchangeItemDto),
    __metadata("design:type", Array)
], ProposeExchangeDto.prototype, "offered", void 0);
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMinSize)(1),
    (0, class_validator_1.ArrayMaxSize)(exchanges_1.MAX_EXCHANGE_ITEMS),
    (0, class_validator_1.ValidateNested)({ each: true }),
    (0, class_transformer_1.Type)(() => ExchangeItemDto),
    __metadata("design:type", Array)
], ProposeExchangeDto.prototype, "requested", void 0);
class ExchangeReasonDto {
    reason;
}
exports.ExchangeReasonDto = ExchangeReasonDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(1000),
    __metadata("design:type", String)
], ExchangeReasonDto.prototype, "reason", void 0);
/** Every status, so a new one cannot be forgotten here. */
const STATUSES = Object.keys({
    proposed: true, accepted: true, completed: true, declined: true, cancelled: true,
});
class ListExchangesDto extends fields_1.PageQueryDto {
    proposer;
    counterpart;
    status;
    agreementId;
}
exports.ListExchangesDto = ListExchangesDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, fields_1.IsIsil)('proposer'),
    __metadata("design:type", String)
], ListExchangesDto.prototype, "proposer", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, fields_1.IsIsil)('counterpart'),
    __metadata("design:type", String)
], ListExchangesDto.prototype, "counterpart", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(STATUSES),
    __metadata("design:type", String)
], ListExchangesDto.prototype, "status", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], ListExchangesDto.prototype, "agreementId", void 0);
//# sourceMappingURL=exchange.dto.js.map