import { Type } from 'class-transformer';
import {
  IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf,
} from 'class-validator';
import type { PartnerStatus } from '../../../domain/partners';
import { ISIL_PATTERN } from '../../../domain/shared/isil';

const ISIL_MESSAGE = 'must be an ISIL (ISO 15511), e.g. ID-JKPNRI';
const COUNTRY = /^[A-Za-z]{2}$/;
const NOT_BLANK = /\S/;

/** Optional, but when sent it must be a value: `null` is refused like any other wrong type. */
const Optional = () => ValidateIf((_object, value) => value !== undefined);

export class RegisterPartnerDto {
  @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `isil ${ISIL_MESSAGE}` }) isil!: string;
  @IsString() @MaxLength(300) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name!: string;
  @Optional() @IsString() @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code such as "ID"' }) country?: string;
  @Optional() @IsString() @MaxLength(200) @Matches(NOT_BLANK, { message: 'city must not be blank' }) city?: string;
  @Optional() @IsString() @MaxLength(254) @IsEmail() contactEmail?: string;
  @Optional() @IsBoolean() focalPoint?: boolean;
}

/** Only the fields sent change; only a coordinator may change `focalPoint`. */
export class UpdatePartnerProfileDto {
  @Optional() @IsString() @MaxLength(300) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name?: string;
  @Optional() @IsString() @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code such as "ID"' }) country?: string;
  @Optional() @IsString() @MaxLength(200) @Matches(NOT_BLANK, { message: 'city must not be blank' }) city?: string;
  @Optional() @IsString() @MaxLength(254) @IsEmail() contactEmail?: string;
  @Optional() @IsBoolean() focalPoint?: boolean;
}

export class SuspendPartnerDto {
  @IsString() @MaxLength(1000) @Matches(NOT_BLANK, { message: 'reason must not be blank' }) reason!: string;
}

export class OptionalReasonDto {
  @Optional() @IsString() @MaxLength(1000) @Matches(NOT_BLANK, { message: 'reason must not be blank' }) reason?: string;
}

const STATUSES: PartnerStatus[] = ['active', 'suspended', 'left'];

export class ListPartnersDto {
  @IsOptional() @IsIn(STATUSES) status?: PartnerStatus;
  @IsOptional() @IsString() @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code such as "ID"' }) country?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
