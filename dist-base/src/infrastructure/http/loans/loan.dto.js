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
exports.ListLoansDto = exports.RecallLoanDto = exports.DeclineLoanDto = exports.ReasonDto = exports.RequestLoanDto = exports.LoanItemDto = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const fields_1 = require("../validation/fields");
class LoanItemDto {
    title;
    isbn;
    author;
    publisher;
    year;
    note;
}
exports.LoanItemDto = LoanItemDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(500),
    __metadata("design:type", String)
], LoanItemDto.prototype, "title", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsIsbnShape)('isbn'),
    __metadata("design:type", String)
], LoanItemDto.prototype, "isbn", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(300),
    __metadata("design:type", String)
], LoanItemDto.prototype, "author", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(300),
    __metadata("design:type", String)
], LoanItemDto.prototype, "publisher", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1000),
    (0, class_validator_1.Max)(2999),
    __metadata("design:type", Number)
], LoanItemDto.prototype, "year", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(1000),
    __metadata("design:type", String)
], LoanItemDto.prototype, "note", void 0);
class RequestLoanDto {
    lender;
    agreementId;
    item;
}
exports.RequestLoanDto = RequestLoanDto;
__decorate([
    (0, fields_1.IsIsil)('lender'),
    __metadata("design:type", String)
], RequestLoanDto.prototype, "lender", void 0);
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], RequestLoanDto.prototype, "agreementId", void 0);
__decorate([
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => LoanItemDto),
    __metadata("design:type", LoanItemDto)
], RequestLoanDto.prototype, "item", void 0);
class ReasonDto {
    reason;
}
exports.ReasonDto = ReasonDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(1000),
    __metadata("design:type", String)
], ReasonDto.prototype, "reason", void 0);
class DeclineLoanDto {
    reason;
}
exports.DeclineLoanDto = DeclineLoanDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(1000),
    __metadata("design:type", String)
], DeclineLoanDto.prototype, "reason", void 0);
class RecallLoanDto extends ReasonDto {
    dueOn;
}
exports.RecallLoanDto = RecallLoanDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsCalendarDate)('dueOn'),
    __metadata("design:type", String)
], RecallLoanDto.prototype, "dueOn", void 0);
const STATUSES = ['requested', 'accepted', 'shipped', 'on-loan', 'returning', 'checked-in', 'declined', 'cancelled', 'lost'];
class ListLoansDto extends fields_1.PageQueryDto {
    borrower;
    lender;
    status;
}
exports.ListLoansDto = ListLoansDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsIsil)('borrower'),
    __metadata("design:type", String)
], ListLoansDto.prototype, "borrower", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsIsil)('lender'),
    __metadata("design:type", String)
], ListLoansDto.prototype, "lender", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsIn)(STATUSES),
    __metadata("design:type", String)
], ListLoansDto.prototype, "status", void 0);
//# sourceMappingURL=loan.dto.js.map