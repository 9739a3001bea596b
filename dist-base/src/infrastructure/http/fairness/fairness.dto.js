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
exports.SuggestLendersDto = exports.FairnessReportDto = exports.REPORT_FORMATS = void 0;
const class_validator_1 = require("class-validator");
const fields_1 = require("../validation/fields");
exports.REPORT_FORMATS = ['json', 'csv'];
/** Whole UTC days, both inclusive: `from=2025-01-01&to=2025-12-31` is the year 2025. */
class FairnessReportDto extends fields_1.ReadYourWritesDto {
    agreement;
    from;
    to;
    format;
}
exports.FairnessReportDto = FairnessReportDto;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], FairnessReportDto.prototype, "agreement", void 0);
__decorate([
    (0, fields_1.IsCalendarDate)('from'),
    __metadata("design:type", String)
], FairnessReportDto.prototype, "from", void 0);
__decorate([
    (0, fields_1.IsCalendarDate)('to'),
    __metadata("design:type", String)
], FairnessReportDto.prototype, "to", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.REPORT_FORMATS),
    __metadata("design:type", String)
], FairnessReportDto.prototype, "format", void 0);
class SuggestLendersDto extends fields_1.ReadYourWritesDto {
    /** The shape of an ISBN-10 or -13; the check digit is the domain's to judge. */
    isbn;
    borrower;
}
exports.SuggestLendersDto = SuggestLendersDto;
__decorate([
    (0, fields_1.IsIsbnShape)('isbn'),
    __metadata("design:type", String)
], SuggestLendersDto.prototype, "isbn", void 0);
__decorate([
    (0, fields_1.IsIsil)('borrower'),
    __metadata("design:type", String)
], SuggestLendersDto.prototype, "borrower", void 0);
//# sourceMappingURL=fairness.dto.js.map