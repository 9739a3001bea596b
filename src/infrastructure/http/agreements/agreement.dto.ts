import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, IsOptional,
  IsPositive, IsString, Max, MaxLength, Min, ValidateBy,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { MAX_GOAL_RATIO, MAX_MEMBERS, isSubject } from '../../../domain/agreements';
import { COOPERATION_FORMS, type CooperationForm } from '../../../domain/shared/cooperation';
import { ISIL_MESSAGE, isIsil } from '../../../domain/shared/isil';
import { IsCalendarDate, IsIsil, MoneyDto, Nested, NotBlank, Optional, PageQueryDto } from '../validation/fields';

/** How many subjects one member may take on, and how long one may be written. */
export const MAX_SUBJECTS = 100;
export const MAX_SUBJECT_LENGTH = 20;
const SUBJECT_MESSAGE = 'must be a DDC class such as "5", "510", "512.7" or a range such as "780-789"';

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

const SUBJECT_LIST_SCHEMA = {
  type: 'array',
  maxItems: MAX_SUBJECTS,
  items: { type: 'string', maxLength: MAX_SUBJECT_LENGTH, description: 'a DDC class such as "512.7" or a range such as "780-789"' },
  example: ['000-499'],
} as const;

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
const SubjectsByMember = () =>
  applyDecorators(
    Rule('subjectsByMember', subjectsProblem),
    // The rule is custom: without a schema the document would point at a `Object` schema that does not exist.
    JSONSchema(() => ({ type: 'object', additionalProperties: SUBJECT_LIST_SCHEMA, example: { 'DE-1': ['000-499'], 'ID-JKPNRI': ['900-999'] } })),
  );

/** One member's subjects. */
const SubjectList = () => applyDecorators(Rule('subjectList', subjectListProblem), JSONSchema(() => SUBJECT_LIST_SCHEMA));

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
  @IsString() @MaxLength(300) @NotBlank('title') title!: string;
  @IsIsil('focalPoint') focalPoint!: string;
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(MAX_MEMBERS) @IsIsil('each of members', { each: true })
  @ArrayUnique({ message: 'members must name each library once' })
  members!: string[];
  @Forms() forms!: CooperationForm[];
  @IsCalendarDate('startsOn') startsOn!: string;
  @Optional() @IsCalendarDate('endsOn') endsOn?: string;
  @Nested(() => TermsDto) terms!: TermsDto;
  @Optional() @SubjectsByMember() subjects?: Record<string, string[]>;
}

export class JoinAgreementDto {
  @IsIsil('isil') isil!: string;
  @Optional() @SubjectList() subjects?: string[];
}

export class WithdrawFromAgreementDto {
  @Optional() @IsString() @MaxLength(1000) @NotBlank('reason') reason?: string;
}

/** Parts left out stay as they are; `endsOn: null` makes the agreement open-ended. */
export class AmendAgreementDto {
  @Optional() @Nested(() => TermsAmendmentDto) terms?: TermsAmendmentDto;
  @Optional() @Forms() forms?: CooperationForm[];
  @IsOptional() @IsCalendarDate('endsOn') endsOn?: string | null;
  @Optional() @SubjectsByMember() subjects?: Record<string, string[]>;
  @Optional() @IsIsil('focalPoint') focalPoint?: string;
}

export class TerminateAgreementDto {
  @IsString() @MaxLength(1000) @NotBlank('reason') reason!: string;
  @Optional() @IsCalendarDate('terminatedOn') terminatedOn?: string;
}

export const STATUSES = ['active', 'terminated'] as const;

export class ListAgreementsDto extends PageQueryDto {
  @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @IsOptional() @IsIsil('focalPoint') focalPoint?: string;
}
