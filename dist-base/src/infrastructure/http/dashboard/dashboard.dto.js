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
exports.LendingByMonthDto = exports.BalanceMatrixDto = exports.DEFAULT_MATRIX_TOP = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const fields_1 = require("../validation/fields");
const balance_dto_1 = require("../ledger/balance.dto");
exports.DEFAULT_MATRIX_TOP = 8;
/** One unit's partner × partner balances; `top` counterparties named per partner, the rest grouped. */
class BalanceMatrixDto extends balance_dto_1.BalanceTimeDto {
    unit;
    top;
    /** Only the postings made under this agreement. */
    agreement;
}
exports.BalanceMatrixDto = BalanceMatrixDto;
__decorate([
    (0, balance_dto_1.IsLedgerUnit)(),
    __metadata("design:type", String)
], BalanceMatrixDto.prototype, "unit", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(100),
    (0, fields_1.Example)(exports.DEFAULT_MATRIX_TOP),
    __metadata("design:type", Number)
], BalanceMatrixDto.prototype, "top", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], BalanceMatrixDto.prototype, "agreement", void 0);
/** Whole UTC days, both inclusive, counted per calendar month. */
class LendingByMonthDto extends fields_1.ReadYourWritesDto {
    agreement;
    from;
    to;
}
exports.LendingByMonthDto = LendingByMonthDto;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], LendingByMonthDto.prototype, "agreement", void 0);
__decorate([
    (0, fields_1.IsCalendarDate)('from'),
    __metadata("design:type", String)
], LendingByMonthDto.prototype, "from", void 0);
__decorate([
    (0, fields_1.IsCalendarDate)('to'),
    __metadata("design:type", String)
], LendingByMonthDto.prototype, "to", void 0);
//# sourceMappingURL=dashboard.dto.js.map