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
exports.ListServicesDto = exports.VoidServiceDto = exports.RenderServiceDto = void 0;
const class_validator_1 = require("class-validator");
const services_projection_1 = require("../../../application/services/services.projection");
const services_1 = require("../../../domain/services");
const fields_1 = require("../validation/fields");
class RenderServiceDto {
    agreementId;
    recipient;
    kind;
    units;
    unit;
    renderedOn;
    note;
}
exports.RenderServiceDto = RenderServiceDto;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], RenderServiceDto.prototype, "agreementId", void 0);
__decorate([
    (0, fields_1.IsIsil)('recipient'),
    __metadata("design:type", String)
], RenderServiceDto.prototype, "recipient", void 0);
__decorate([
    (0, class_validator_1.IsIn)(services_1.SERVICE_KINDS),
    __metadata("design:type", String)
], RenderServiceDto.prototype, "kind", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({ allowNaN: false, allowInfinity: false }),
    (0, fields_1.HasAtMostDecimals)('units', 2),
    (0, class_validator_1.IsPositive)(),
    (0, class_validator_1.Max)(services_1.MAX_UNITS),
    __metadata("design:type", Number)
], RenderServiceDto.prototype, "units", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(50),
    (0, fields_1.NotBlank)('unit'),
    __metadata("design:type", String)
], RenderServiceDto.prototype, "unit", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsCalendarDate)('renderedOn'),
    __metadata("design:type", String)
], RenderServiceDto.prototype, "renderedOn", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(1000),
    (0, fields_1.NotBlank)('note'),
    __metadata("design:type", String)
], RenderServiceDto.prototype, "note", void 0);
class VoidServiceDto {
    reason;
}
exports.VoidServiceDto = VoidServiceDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(1000),
    (0, fields_1.NotBlank)('reason'),
    __metadata("design:type", String)
], VoidServiceDto.prototype, "reason", void 0);
class ListServicesDto extends fields_1.PageQueryDto {
    provider;
    recipient;
    kind;
    agreementId;
    status;
}
exports.ListServicesDto = ListServicesDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, fields_1.IsIsil)('provider'),
    __metadata("design:type", String)
], ListServicesDto.prototype, "provider", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, fields_1.IsIsil)('recipient'),
    __metadata("design:type", String)
], ListServicesDto.prototype, "recipient", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(services_1.SERVICE_KINDS),
    __metadata("design:type", String)
], ListServicesDto.prototype, "kind", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], ListServicesDto.prototype, "agreementId", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(services_projection_1.SERVICE_STATUSES),
    __metadata("design:type", String)
], ListServicesDto.prototype, "status", void 0);
//# sourceMappingURL=service.dto.js.map