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
exports.ListAgreementsDto = exports.TerminateAgreementDto = exports.AmendAgreementDto = exports.WithdrawFromAgreementDto = exports.JoinAgreementDto = exports.EstablishAgreementDto = exports.TermsAmendmentDto = exports.TermsDto = exports.MAX_SUBJECT_LENGTH = exports.MAX_SUBJECTS = void 0;
const common_1 = require("@nestjs/common");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const class_validator_jsonschema_1 = require("class-validator-jsonschema");
const agreements_1 = require("../../../domain/agreements");
const cooperation_1 = require("../../../domain/shared/cooperation");
const isil_1 = require("../../../domain/shared/isil");
const fields_1 = require("../validation/fields");
/** How many subjects one member may take on, and how long one may be written. */
exports.MAX_SUBJECTS = 100;
exports.MAX_SUBJECT_LENGTH = 20;
const SUBJECT_MESSAGE = 'must be a DDC class such as "5", "510", "512.7" or a range such as "780-789"';
/** A nested object (never an array or a scalar), validated by its own DTO. */
const Nested = (type) => (0, common_1.applyDecorators)((0, class_validator_1.IsObject)(), (0, class_validator_1.ValidateNested)(), (0, class_transformer_1.Type)(type));
const Forms = () => (0, common_1.applyDecorators)((0, class_validator_1.IsArray)(), (0, class_validator_1.ArrayMinSize)(1), (0, class_validator_1.ArrayMaxSize)(cooperation_1.COOPERATION_FORMS.length), (0, class_validator_1.IsIn)(cooperation_1.COOPERATION_FORMS, { each: true }), (0, class_validator_1.ArrayUnique)({ message: 'forms must name each form once' }));
const isSubjectText = (value) => typeof value === 'string' && value.length <= exports.MAX_SUBJECT_LENGTH && (0, agreements_1.isSubject)(value.trim());
/** Why a member's list of subjects is refused, or null when it is fine. */
const subjectListProblem = (list, field) => {
    if (!Array.isArray(list))
        return `${field} must be a list of subjects`;
    if (list.length > exports.MAX_SUBJECTS)
        return `${field} must hold at most ${exports.MAX_SUBJECTS} subjects`;
    const bad = list.findIndex((subject) => !isSubjectText(subject));
    return bad < 0 ? null : `${field}[${bad}] ${SUBJECT_MESSAGE}, in at most ${exports.MAX_SUBJECT_LENGTH} characters`;
};
/** Why a map of member ISIL to subjects is refused, or null when it is fine. */
const subjectsProblem = (value, field) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return `${field} must map member ISILs to lists of subjects, e.g. {"DE-1": ["000-499"]}`;
    }
    const entries = Object.entries(value);
    if (entries.length > agreements_1.MAX_MEMBERS)
        return `${field} may name at most ${agreements_1.MAX_MEMBERS} members`;
    for (const [key, list] of entries) {
        if (!(0, isil_1.isIsil)(key))
            return `${field} key "${key.slice(0, 20)}" ${isil_1.ISIL_MESSAGE}`;
        const problem = subjectListProblem(list, `${field}.${key}`);
        if (problem !== null)
            return problem;
    }
    return null;
};
const SUBJECT_LIST_SCHEMA = {
    type: 'array',
    maxItems: exports.MAX_SUBJECTS,
    items: { type: 'string', maxLength: exports.MAX_SUBJECT_LENGTH, description: 'a DDC class such as "512.7" or a range such as "780-789"' },
    example: ['000-499'],
};
/** A custom rule whose message says exactly what is wrong, naming the part of the field. */
const Rule = (name, problem) => (0, class_validator_1.ValidateBy)({
    name,
    validator: {
        validate: (value, args) => problem(value, args?.property ?? name) === null,
        defaultMessage: (args) => problem(args?.value, args?.property ?? name) ?? `${args?.property ?? name} is not valid`,
    },
});
/** Division of labour: an object keyed by member ISIL, each value a list of DDC subjects. */
const SubjectsByMember = () => (0, common_1.applyDecorators)(Rule('subjectsByMember', subjectsProblem), 
// The rule is custom: without a schema the document would point at a `Object` schema that does not exist.
(0, class_validator_jsonschema_1.JSONSchema)(() => ({ type: 'object', additionalProperties: SUBJECT_LIST_SCHEMA, example: { 'DE-1': ['000-499'], 'ID-JKPNRI': ['900-999'] } })));
/** One member's subjects. */
const SubjectList = () => (0, common_1.applyDecorators)(Rule('subjectList', subjectListProblem), (0, class_validator_jsonschema_1.JSONSchema)(() => SUBJECT_LIST_SCHEMA));
class TermsDto {
    loanPeriodDays;
    maxRenewals;
    feePerLoan;
    lostItemCompensation;
    goalRatio;
    claimHoldDays;
}
exports.TermsDto = TermsDto;
__decorate([
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(365),
    __metadata("design:type", Number)
], TermsDto.prototype, "loanPeriodDays", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(20),
    __metadata("design:type", Number)
], TermsDto.prototype, "maxRenewals", void 0);
__decorate([
    (0, fields_1.Optional)(),
    Nested(() => fields_1.MoneyDto),
    __metadata("design:type", fields_1.MoneyDto)
], TermsDto.prototype, "feePerLoan", void 0);
__decorate([
    (0, fields_1.Optional)(),
    Nested(() => fields_1.MoneyDto),
    __metadata("design:type", fields_1.MoneyDto)
], TermsDto.prototype, "lostItemCompensation", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({ allowNaN: false, allowInfinity: false }),
    (0, class_validator_1.IsPositive)(),
    (0, class_validator_1.Max)(agreements_1.MAX_GOAL_RATIO),
    __metadata("design:type", Number)
], TermsDto.prototype, "goalRatio", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(3650),
    __metadata("design:type", Number)
], TermsDto.prototype, "claimHoldDays", void 0);
/** Terms to change; `null` removes the fee or the compensation. */
class TermsAmendmentDto {
    loanPeriodDays;
    maxRenewals;
    feePerLoan;
    lostItemCompensation;
    goalRatio;
    claimHoldDays;
}
exports.TermsAmendmentDto = TermsAmendmentDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(365),
    __metadata("design:type", Number)
], TermsAmendmentDto.prototype, "loanPeriodDays", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(20),
    __metadata("design:type", Number)
], TermsAmendmentDto.prototype, "maxRenewals", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    Nested(() => fields_1.MoneyDto),
    __metadata("design:type", Object)
], TermsAmendmentDto.prototype, "feePerLoan", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    Nested(() => fields_1.MoneyDto),
    __metadata("design:type", Object)
], TermsAmendmentDto.prototype, "lostItemCompensation", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsNumber)({ allowNaN: false, allowInfinity: false }),
    (0, class_validator_1.IsPositive)(),
    (0, class_validator_1.Max)(agreements_1.MAX_GOAL_RATIO),
    __metadata("design:type", Number)
], TermsAmendmentDto.prototype, "goalRatio", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(3650),
    __metadata("design:type", Number)
], TermsAmendmentDto.prototype, "claimHoldDays", void 0);
class EstablishAgreementDto {
    title;
    focalPoint;
    members;
    forms;
    startsOn;
    endsOn;
    terms;
    subjects;
}
exports.EstablishAgreementDto = EstablishAgreementDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(300),
    (0, fields_1.NotBlank)('title'),
    __metadata("design:type", String)
], EstablishAgreementDto.prototype, "title", void 0);
__decorate([
    (0, fields_1.IsIsil)('focalPoint'),
    __metadata("design:type", String)
], EstablishAgreementDto.prototype, "focalPoint", void 0);
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMinSize)(2),
    (0, class_validator_1.ArrayMaxSize)(agreements_1.MAX_MEMBERS),
    (0, fields_1.IsIsil)('each of members', { each: true }),
    (0, class_validator_1.ArrayUnique)({ message: 'members must name each library once' }),
    __metadata("design:type", Array)
], EstablishAgreementDto.prototype, "members", void 0);
__decorate([
    Forms(),
    __metadata("design:type", Array)
], EstablishAgreementDto.prototype, "forms", void 0);
__decorate([
    (0, fields_1.IsCalendarDate)('startsOn'),
    __metadata("design:type", String)
], EstablishAgreementDto.prototype, "startsOn", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsCalendarDate)('endsOn'),
    __metadata("design:type", String)
], EstablishAgreementDto.prototype, "endsOn", void 0);
__decorate([
    Nested(() => TermsDto),
    __metadata("design:type", TermsDto)
], EstablishAgreementDto.prototype, "terms", void 0);
__decorate([
    (0, fields_1.Optional)(),
    SubjectsByMember(),
    __metadata("design:type", Object)
], EstablishAgreementDto.prototype, "subjects", void 0);
class JoinAgreementDto {
    isil;
    subjects;
}
exports.JoinAgreementDto = JoinAgreementDto;
__decorate([
    (0, fields_1.IsIsil)('isil'),
    __metadata("design:type", String)
], JoinAgreementDto.prototype, "isil", void 0);
__decorate([
    (0, fields_1.Optional)(),
    SubjectList(),
    __metadata("design:type", Array)
], JoinAgreementDto.prototype, "subjects", void 0);
class WithdrawFromAgreementDto {
    reason;
}
exports.WithdrawFromAgreementDto = WithdrawFromAgreementDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(1000),
    (0, fields_1.NotBlank)('reason'),
    __metadata("design:type", String)
], WithdrawFromAgreementDto.prototype, "reason", void 0);
/** Parts left out stay as they are; `endsOn: null` makes the agreement open-ended. */
class AmendAgreementDto {
    terms;
    forms;
    endsOn;
    subjects;
    focalPoint;
}
exports.AmendAgreementDto = AmendAgreementDto;
__decorate([
    (0, fields_1.Optional)(),
    Nested(() => TermsAmendmentDto),
    __metadata("design:type", TermsAmendmentDto)
], AmendAgreementDto.prototype, "terms", void 0);
__decorate([
    (0, fields_1.Optional)(),
    Forms(),
    __metadata("design:type", Array)
], AmendAgreementDto.prototype, "forms", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, fields_1.IsCalendarDate)('endsOn'),
    __metadata("design:type", Object)
], AmendAgreementDto.prototype, "endsOn", void 0);
__decorate([
    (0, fields_1.Optional)(),
    SubjectsByMember(),
    __metadata("design:type", Object)
], AmendAgreementDto.prototype, "subjects", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsIsil)('focalPoint'),
    __metadata("design:type", String)
], AmendAgreementDto.prototype, "focalPoint", void 0);
class TerminateAgreementDto {
    reason;
    terminatedOn;
}
exports.TerminateAgreementDto = TerminateAgreementDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(1000),
    (0, fields_1.NotBlank)('reason'),
    __metadata("design:type", String)
], TerminateAgreementDto.prototype, "reason", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, fields_1.IsCalendarDate)('terminatedOn'),
    __metadata("design:type", String)
], TerminateAgreementDto.prototype, "terminatedOn", void 0);
const STATUSES = ['active', 'terminated'];
class ListAgreementsDto extends fields_1.PageQueryDto {
    status;
    focalPoint;
}
exports.ListAgreementsDto = ListAgreementsDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(STATUSES),
    __metadata("design:type", Object)
], ListAgreementsDto.prototype, "status", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, fields_1.IsIsil)('focalPoint'),
    __metadata("design:type", String)
], ListAgreementsDto.prototype, "focalPoint", void 0);
//# sourceMappingURL=agreement.dto.js.map