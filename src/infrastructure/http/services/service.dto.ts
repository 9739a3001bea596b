import { Type } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { SERVICE_STATUSES, type ServiceStatus } from '../../../application/services/services.projection';
import { MAX_UNITS, SERVICE_KINDS, type ServiceKind } from '../../../domain/services';
import { ISIL_PATTERN } from '../../../domain/shared/isil';

const ISIL_MESSAGE = 'must be an ISIL (ISO 15511), e.g. ID-JKPNRI';

/** May be left out, but not sent as null: only an absent field is optional. */
const Omittable = () => ValidateIf((_: object, value: unknown) => value !== undefined);
/** Text with at least one character that is not a space. */
const NotBlank = (field: string) => Matches(/\S/, { message: `${field} must not be blank` });

export class RenderServiceDto {
  @IsUUID() agreementId!: string;
  @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `recipient ${ISIL_MESSAGE}` }) recipient!: string;
  @IsIn(SERVICE_KINDS) kind!: ServiceKind;
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @IsPositive() @Max(MAX_UNITS) units!: number;
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(50) @NotBlank('unit') unit?: string;
  @Omittable() @IsDateString({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'renderedOn must be a date, YYYY-MM-DD' })
  renderedOn?: string;
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(1000) @NotBlank('note') note?: string;
}

export class VoidServiceDto {
  @IsString() @IsNotEmpty() @MaxLength(1000) @NotBlank('reason') reason!: string;
}

export class ListServicesDto {
  @IsOptional() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `provider ${ISIL_MESSAGE}` }) provider?: string;
  @IsOptional() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `recipient ${ISIL_MESSAGE}` }) recipient?: string;
  @IsOptional() @IsIn(SERVICE_KINDS) kind?: ServiceKind;
  @IsOptional() @IsUUID() agreementId?: string;
  @IsOptional() @IsIn(SERVICE_STATUSES) status?: ServiceStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
