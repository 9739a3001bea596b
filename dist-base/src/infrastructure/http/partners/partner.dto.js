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
exports.ListPartnersDto = exports.OptionalReasonDto = exports.SuspendPartnerDto = exports.UpdatePartnerProfileDto = exports.RegisterPartnerDto = void 0;
const common_1 = require("@nestjs/common");
const class_validator_1 = require("class-validator");
const fields_1 = require("../validation/fields");
const IsCountry = () => (0, common_1.applyDecorators)((0, class_validator_1.Matches)(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as "ID"' }), (0, class_validator_1.IsString)(), (0, fields_1.Example)('ID'));
class RegisterPartnerDto {
    isil;
    name;
    country;
    city;
    contactEmail;
    focalPoint;
}
exports.RegisterPartnerDto = RegisterPartnerDto;
__decorate([
    (0, fields_1.IsIsil)('isil'),
    __metadata("design:type", String)
], RegisterPartnerDto.prototype, "isil", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(300),
    (0, fields_1.NotBlank)('name'),
    __metadata("design:type", String)
], RegisterPartnerDto.prototype, "name", void 0);
__decorate([
    (0, fields_1.Optional)(),
    IsCountry(),
    __metadata("design:type", String)
], RegisterPartnerDto.prototype, "country", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(200),
    (0, fields_1.NotBlank)('city'),
    __metadata("design:type", String)
], RegisterPartnerDto.prototype, "city", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(254),
    (0, class_validator_1.IsEmail)(),
    __metadata("design:type", String)
], RegisterPartnerDto.prototype, "contactEmail", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], RegisterPartnerDto.prototype, "focalPoint", void 0);
/** Only the fields sent change; only a coordinator may change `focalPoint`. */
class UpdatePartnerProfileDto {
    name;
    country;
    city;
    contactEmail;
    focalPoint;
}
exports.UpdatePartnerProfileDto = UpdatePartnerProfileDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(300),
    (0, fields_1.NotBlank)('name'),
    __metadata("design:type", String)
], UpdatePartnerProfileDto.prototype, "name", void 0);
__decorate([
    (0, fields_1.Optional)(),
    IsCountry(),
    __metadata("design:type", String)
], UpdatePartnerProfileDto.prototype, "country", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(200),
    (0, fields_1.NotBlank)('city'),
    __metadata("design:type", String)
], UpdatePartnerProfileDto.prototype, "city", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(254),
    (0, class_validator_1.IsEmail)(),
    __metadata("design:type", String)
], UpdatePartnerProfileDto.prototype, "contactEmail", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], UpdatePartnerProfileDto.prototype, "focalPoint", void 0);
class SuspendPartnerDto {
    reason;
}
exports.SuspendPartnerDto = SuspendPartnerDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(1000),
    (0, fields_1.NotBlank)('reason'),
    __metadata("design:type", String)
], SuspendPartnerDto.prototype, "reason", void 0);
class OptionalReasonDto {
    reason;
}
exports.OptionalReasonDto = OptionalReasonDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(1000),
    (0, fields_1.NotBlank)('reason'),
    __metadata("design:type", String)
], OptionalReasonDto.prototype, "reason", void 0);
const STATUSES = ['active', 'suspended', 'left'];
class ListPartnersDto extends fields_1.PageQueryDto {
    status;
    country;
}
exports.ListPartnersDto = ListPartnersDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(STATUSES),
    __metadata("design:type", String)
], ListPartnersDto.prototype, "status", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    IsCountry(),
    __metadata("design:type", String)
], ListPartnersDto.prototype, "country", void 0);
//# sourceMappingURL=partner.dto.js.map