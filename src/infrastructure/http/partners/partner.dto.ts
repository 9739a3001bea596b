import { applyDecorators } from '@nestjs/common';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { PartnerStatus } from '../../../domain/partners';
import { Example, IsIsil, NotBlank, Optional, PageQueryDto } from '../validation/fields';

const IsCountry = () =>
  applyDecorators(Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as "ID"' }), IsString(), Example('ID'));

export class RegisterPartnerDto {
  @IsIsil('isil') isil!: string;
  @IsString() @MaxLength(300) @NotBlank('name') name!: string;
  @Optional() @IsCountry() country?: string;
  @Optional() @IsString() @MaxLength(200) @NotBlank('city') city?: string;
  @Optional() @IsString() @MaxLength(254) @IsEmail() contactEmail?: string;
  @Optional() @IsBoolean() focalPoint?: boolean;
}

/** Only the fields sent change; only a coordinator may change `focalPoint`. */
export class UpdatePartnerProfileDto {
  @Optional() @IsString() @MaxLength(300) @NotBlank('name') name?: string;
  @Optional() @IsCountry() country?: string;
  @Optional() @IsString() @MaxLength(200) @NotBlank('city') city?: string;
  @Optional() @IsString() @MaxLength(254) @IsEmail() contactEmail?: string;
  @Optional() @IsBoolean() focalPoint?: boolean;
}

export class SuspendPartnerDto {
  @IsString() @MaxLength(1000) @NotBlank('reason') reason!: string;
}

export class OptionalReasonDto {
  @Optional() @IsString() @MaxLength(1000) @NotBlank('reason') reason?: string;
}

export const STATUSES: PartnerStatus[] = ['active', 'suspended', 'left'];

export class ListPartnersDto extends PageQueryDto {
  @IsOptional() @IsIn(STATUSES) status?: PartnerStatus;
  @IsOptional() @IsCountry() country?: string;
}
