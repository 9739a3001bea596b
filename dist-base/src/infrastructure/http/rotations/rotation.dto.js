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
exports.ListRotationsDto = exports.RotationReasonDto = exports.ReportMissingDto = exports.PlanRotationDto = exports.RotationStopDto = exports.RotationItemDto = exports.MAX_ITINERARY_STOPS = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const rotations_1 = require("../../../domain/rotations");
const fields_1 = require("../validation/fields");
/** Longer itineraries than this are not rotations but loans. */
exports.MAX_ITINERARY_STOPS = 100;
/** Something besides spaces: ids are trimmed by the domain. */
const HAS_TEXT = /\S/;
/** One item of the batch, by the owner's own id (barcode, accession number). */
class RotationItemDto {
    itemId;
    title;
    isbn;
}
exports.RotationItemDto = RotationItemDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(HAS_TEXT, { message: 'itemId must not be empty' }),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], RotationItemDto.prototype, "itemId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(500),
    __metadata("design:type", String)
], RotationItemDto.prototype, "title", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsIsbnText)(),
    __metadata("design:type", String)
], RotationItemDto.prototype, "isbn", void 0);
class RotationStopDto {
    host;
    days;
}
exports.RotationStopDto = RotationStopDto;
__decorate([
    (0, fields_1.IsIsil)('host'),
    __metadata("design:type", String)
], RotationStopDto.prototype, "host", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(rotations_1.MAX_HOST_DAYS),
    __metadata("design:type", Number)
], RotationStopDto.prototype, "days", void 0);
/** The owner is the library of the key that asks. */
class PlanRotationDto {
    agreementId;
    items;
    itinerary;
}
exports.PlanRotationDto = PlanRotationDto;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], PlanRotationDto.prototype, "agreementId", void 0);
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMinSize)(1),
    (0, class_validator_1.ArrayMaxSize)(rotations_1.MAX_ROTATION_ITEMS),
    (0, class_validator_1.ValidateNested)({ each: true }),
    (0, class_transformer_1.Type)(() => RotationItemDto),
    __metadata("design:type", Array)
], PlanRotationDto.prototype, "items", void 0);
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMinSize)(1),
    (0, class_validator_1.ArrayMaxSize)(exports.MAX_ITINERARY_STOPS),
    (0, class_validator_1.ValidateNested)({ each: true }),
    (0, class_transformer_1.Type)(() => RotationStopDto),
    __metadata("design:type", Array)
], PlanRotationDto.prototype, "itinerary", void 0);
class ReportMissingDto {
    itemIds;
}
exports.ReportMissingDto = ReportMissingDto;
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMinSize)(1),
    (0, class_validator_1.ArrayMaxSize)(rotations_1.MAX_ROTATION_ITEMS),
    (0, class_validator_1.IsString)({ each: true }),
    (0, class_validator_1.Matches)(HAS_TEXT, { each: true, message: 'each value in itemIds must not be empty' }),
    (0, class_validator_1.MaxLength)(200, { each: true }),
    __metadata("design:type", Array)
], ReportMissingDto.prototype, "itemIds", void 0);
class RotationReasonDto {
    reason;
}
exports.RotationReasonDto = RotationReasonDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(1000),
    __metadata("design:type", String)
], RotationReasonDto.prototype, "reason", void 0);
/** Every status, so a new one cannot be forgotten here. */
const STATUSES = Object.keys({
    planned: true, 'in-transit': true, 'at-host': true, completed: true, cancelled: true,
});
class ListRotationsDto extends fields_1.PageQueryDto {
    owner;
    status;
    agreementId;
    holder;
}
exports.ListRotationsDto = ListRotationsDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, fields_1.IsIsil)('owner'),
    __metadata("design:type", String)
], ListRotationsDto.prototype, "owner", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(STATUSES),
    __metadata("design:type", String)
], ListRotationsDto.prototype, "status", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], ListRotationsDto.prototype, "agreementId", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, fields_1.IsIsil)('holder'),
    __metadata("design:type", String)
], ListRotationsDto.prototype, "holder", void 0);
//# sourceMappingURL=rotation.dto.js.map