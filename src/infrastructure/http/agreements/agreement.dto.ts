import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDateString, IsIn, IsInt, IsNumber, IsObject, IsOptional,
  IsPositive, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf, ValidateNested, type ValidationOptions,
} from 'class-validator';
import { MAX_GOAL_RATIO, MAX_MEMBERS, isSubject } from '../../../domain/agreements';
import { COOPERATION_FORMS, type CooperationForm } from '../../../domain/shared/cooperation';
import { ISIL_PATTERN, isIsil } from '../../../domain/shared/isil';
import { CURRENCY_CODE, MONEY_AMOUNT } from '../../../domain/shared/money';

const ISIL_MESSAGE = 'must be an ISIL (ISO 15511), e.g. ID-JKPNRI';
const NOT_BLANK = /\S/;
/** How many subjects one member may take on, and how long one may be written. */
export const MAX_SUBJECTS = 100;
export const MAX_SUBJECT_LENGTH = 20;
const SUBJECT_MESSAGE = 'must be a DDC class such as "5", "510", "512.7" or a range such as "780-789"';

/** Optional, but when sent it must be a value: `null` is refused like any other wrong type. */
const Optional = () => ValidateIf((_object, value) => value !== undefined);

/** A nested object (never an array or a scalar), validated by its own DTO. */
const Nested = (type: () => new () => object) => applyDecorators(IsObject(), ValidateNested(), Type(type));

const Isil = (field: string, options: ValidationOptions = {}) =>
  applyDecorators(IsString(options), MaxLength(16, options), Matches(ISIL_PATTERN, { ...options, message: `${field} ${ISIL_MESSAGE}` }));

const CalendarDate = (field: string) =>
  applyDecorators(
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${field} must be a date, YYYY-MM-DD` }),
    IsDateString({ strict: true }, { message: `${field} must be a real calendar date, YYYY-MM-DD` }),
  );

const Forms = () =>
  applyDecorators(
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(COOPERATION_FORMS.length),
    IsIn(COOPERATION_FORMS, { each: true }),
    ArrayUnique({ message: 'forms must name each form once' }),
  );

const isSubjectText = (value: unknown): boolean =>
  typeof value === 'string' && value.length <= MAX_SUBJECT_LENGTH && isSubject(value.trim());

/** Why a member's list of subjects is refused, or null when it is fine. */
const subjectListProblem = (list: unknown, field: string): string | null => {
  if (!Array.isArray(list)) return `${field} must be a list of subjects`;
  if (list.length > MAX_SUBJECTS) return `${field} must hold at most ${MAX_SUBJECTS} subjects`;
  const bad = list.findIndex((subject) => !isSubjectText(subject));
  return bad < 0 ? null : `${field}[${bad}] ${SUBJECT_MESSAGE}, in at most ${MAX_SUBJECT_LENGTH} characters`;
};

/** Why a map of member ISIL to subjects is refused, or null when it is fine. */
const subjectsProblem = (value: unknown, field: string): string | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${field} must map member ISILs to lists of subjects, e.g. {"DE-1": ["000-499"]}`;
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_MEMBERS) return `${field} may name at most ${MAX_MEMBERS} members`;
  for (const [key, list] of entries) {
    if (!isIsil(key)) return `${field} key "${key.slice(0, 20)}" ${ISIL_MESSAGE}`;
    const problem = subjectListProblem(list, `${field}.${key}`);
    if (problem !== null) return problem;
  }
  return null;
};

/** A custom rule whose message says exactly what is wrong, naming the part of the field. */
const Rule = (name: string, problem: (value: unknown, field: string) => string | null) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args) => problem(value, args?.property ?? name) === null,
      defaultMessage: (args) => problem(args?.value, args?.property ?? name) ?? `${args?.property ?? name} is not valid`,
    },
  });

/** Division of labour: an object keyed by member ISIL, each value a list of DDC subjects. */
const SubjectsByMember = () => Rule('subjectsByMember', subjectsProblem);

/** One member's subjects. */
const SubjectList = () => Rule('subjectList', subjectListProblem);

export class MoneyDto {
  @IsString() @Matches(MONEY_AMOUNT, { message: 'amount must be a non-negative decimal such as "12.50"' }) amount!: string;
  @IsString() @Matches(CURRENCY_CODE, { message: 'currency must be an ISO 4217 code such as "EUR"' }) currency!: string;
}

export class TermsDto {
  @IsInt() @Min(1) @Max(365) loanPeriodDays!: number;
  @IsInt() @Min(0) @Max(20) maxRenewals!: number;
  @Optional() @Nested(() => MoneyDto) feePerLoan?: MoneyDto;
  @Optional() @Nested(() => MoneyDto) lostItemCompensation?: MoneyDto;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive() @Max(MAX_GOAL_RATIO) goalRatio!: number;
  @IsInt() @Min(1) @Max(3650) claimHoldDays!: number;
}

/** Terms to change; `null` removes the fee or the compensation. */
export class TermsAmendmentDto {
  @Optional() @IsInt() @Min(1) @Max(365) loanPeriodDays?: number;
  @Optional() @IsInt() @Min(0) @Max(20) maxRenewals?: number;
  @IsOptional() @Nested(() => MoneyDto) feePerLoan?: MoneyDto | null;
  @IsOptional() @Nested(() => MoneyDto) lostItemCompensation?: MoneyDto | null;
  @Optional() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive() @Max(MAX_GOAL_RATIO) goalRatio?: number;
  @Optional() @IsInt() @Min(1) @Max(3650) claimHoldDays?: number;
}

export class EstablishAgreementDto {
  @IsString() @MaxLength(300) @Matches(NOT_BLANK, { message: 'title must not be blank' }) title!: string;
  @Isil('focalPoint') focalPoint!: string;
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(MAX_MEMBERS) @Isil('each of members', { each: true })
  @ArrayUnique((isil: unknown) => (typeof isil === 'string' ? isil.toUpperCase() : isil), { message: 'members must name each library once' })
  members!: string[];
  @Forms() forms!: CooperationForm[];
  @CalendarDate('startsOn') startsOn!: string;
  @Optional() @CalendarDate('endsOn') endsOn?: string;
  @Nested(() => TermsDto) terms!: TermsDto;
  @Optional() @SubjectsByMember() subjects?: Record<string, string[]>;
}

export class JoinAgreementDto {
  @Isil('isil') isil!: string;
  @Optional() @SubjectList() subjects?: string[];
}

export class WithdrawFromAgreementDto {
  @Optional() @IsString() @MaxLength(1000) @Matches(NOT_BLANK, { message: 'reason must not be blank' }) reason?: string;
}

/** Parts left out stay as they are; `endsOn: null` makes the agreement open-ended. */
export class AmendAgreementDto {
  @Optional() @Nested(() => TermsAmendmentDto) terms?: TermsAmendmentDto;
  @Optional() @Forms() forms?: CooperationForm[];
  @IsOptional() @CalendarDate('endsOn') endsOn?: string | null;
  @Optional() @SubjectsByMember() subjects?: Record<string, string[]>;
  @Optional() @Isil('focalPoint') focalPoint?: string;
}

export class TerminateAgreementDto {
  @IsString() @MaxLength(1000) @Matches(NOT_BLANK, { message: 'reason must not be blank' }) reason!: string;
  @Optional() @CalendarDate('terminatedOn') terminatedOn?: string;
}

const STATUSES = ['active', 'terminated'] as const;

export class ListAgreementsDto {
  @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @IsOptional() @Isil('focalPoint') focalPoint?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
