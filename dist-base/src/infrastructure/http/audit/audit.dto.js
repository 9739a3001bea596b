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
exports.ProofDto = exports.VerifyDto = exports.AuditWindowDto = void 0;
const class_validator_1 = require("class-validator");
const example_1 = require("../validation/example");
const time_1 = require("../validation/time");
/** The part of the log to read: positions `from` to `to`, both inclusive, both optional. */
class AuditWindowDto {
    from;
    to;
}
exports.AuditWindowDto = AuditWindowDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, time_1.IsPosition)('from'),
    __metadata("design:type", String)
], AuditWindowDto.prototype, "from", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, time_1.IsPosition)('to'),
    __metadata("design:type", String)
], AuditWindowDto.prototype, "to", void 0);
class VerifyDto extends AuditWindowDto {
    /** With `headHash`: a head kept from `GET /v1/audit/head`, which the log must still hold. */
    headPosition;
    headHash;
}
exports.VerifyDto = VerifyDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, time_1.IsPosition)('headPosition'),
    __metadata("design:type", String)
], VerifyDto.prototype, "headPosition", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^[0-9a-f]{64}$/, { message: 'headHash must be a SHA-256 hash in lower-case hex (64 characters)' }),
    (0, example_1.Example)('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'),
    __metadata("design:type", String)
], VerifyDto.prototype, "headHash", void 0);
class ProofDto {
    eventId;
}
exports.ProofDto = ProofDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(200),
    (0, example_1.Example)('0b5c7a44-62b4-4f6e-9d4e-4c1b0c1f8a11'),
    __metadata("design:type", String)
], ProofDto.prototype, "eventId", void 0);
//# sourceMappingURL=audit.dto.js.map