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
exports.ListClaimsDto = exports.FulfilClaimDto = exports.TransferClaimDto = exports.ReleaseClaimDto = exports.ClaimAcquisitionDto = void 0;
const class_validator_1 = require("class-validator");
const claims_projection_1 = require("../../../application/claims/claims.projection");
const fields_1 = require("../validation/fields");
class ClaimAcquisitionDto {
    agreementId;
    isbn;
    title;
    /** Dewey numbers, e.g. "512" or "780.92"; the domain checks the notation. */
    subjects;
    overrideReason;
}
exports.ClaimAcquisitionDto = ClaimAcquisitionDto;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], ClaimAcquisitionDto.prototype, "agreementId", void 0);
__decorate([
    (0, fields_1.IsIsbnShape)('isbn'),
    __metadata("design:type", String)
], ClaimAcquisitionDto.prototype, "isbn", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(500),
    (0, fields_1.NotBlank)('title'),
    __metadata("design:type", String)
], ClaimAcquisitionDto.prototype, "title", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMaxSize)(50),
    (0, class_validator_1.IsString)({ each: true }),
    (0, class_validator_1.MaxLength)(32, { each: true }),
    __metadata("design:type", Array)
], ClaimAcquisitionDto.prototype, "subjects", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(1000),
    (0, fields_1.NotBlank)('overrideReason'),
    __metadata("design:type", String)
], ClaimAcquisitionDto.prototype, "overrideReason", void 0);
class ReleaseClaimDto {
    reason;
}
exports.ReleaseClaimDto = ReleaseClaimDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(1000),
    (0, fields_1.NotBlank)('reason'),
    __metadata("design:type", String)
], ReleaseClaimDto.prototype, "reason", void 0);
class TransferClaimDto {
    to;
}
exports.TransferClaimDto = TransferClaimDto;
__decorate([
    (0, fields_1.IsIsil)('to'),
    __metadata("design:type", String)
], TransferClaimDto.prototype, "to", void 0);
/** Fulfilment needs nothing but the title in the path. */
class FulfilClaimDto {
}
exports.FulfilClaimDto = FulfilClaimDto;
class ListClaimsDto extends fields_1.PageQueryDto {
    claimant;
    status;
    agreementId;
    outsideDivisionOfLabour;
}
exports.ListClaimsDto = ListClaimsDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, fields_1.IsIsil)('claimant'),
    __metadata("design:type", String)
], ListClaimsDto.prototype, "claimant", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(claims_projection_1.CLAIM_STATUSES),
    __metadata("design:type", String)
], ListClaimsDto.prototype, "status", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], ListClaimsDto.prototype, "agreementId", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(['true', 'false']),
    __metadata("design:type", String)
], ListClaimsDto.prototype, "outsideDivisionOfLabour", void 0);
//# sourceMappingURL=claim.dto.js.map