import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { CLAIM_STATUSES, type ClaimStatus } from '../../../application/claims/claims.projection';
import { ISIL_PATTERN } from '../../../domain/shared/isil';

const ISIL_MESSAGE = 'must be an ISIL (ISO 15511), e.g. ID-JKPNRI';

/** May be left out, but not sent as null: only an absent field is optional. */
const Omittable = () => ValidateIf((_: object, value: unknown) => value !== undefined);
/** Text with at least one character that is not a space. */
const NotBlank = (field: string) => Matches(/\S/, { message: `${field} must not be blank` });
/** The shape of an ISBN-10 or -13 with or without hyphens or spaces; check digits are the domain's to judge. */
export const ISBN_SHAPE = /^[0-9Xx\- ]{10,17}$/;
export const ISBN_MESSAGE = 'must be an ISBN-10 or ISBN-13, e.g. 978-0-306-40615-7';

export class ClaimAcquisitionDto {
  @IsUUID() agreementId!: string;
  @IsString() @MaxLength(17) @Matches(ISBN_SHAPE, { message: `isbn ${ISBN_MESSAGE}` }) isbn!: string;
  @IsString() @IsNotEmpty() @MaxLength(500) @NotBlank('title') title!: string;
  /** Dewey numbers, e.g. "512" or "780.92"; the domain checks the notation. */
  @Omittable() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(32, { each: true }) subjects?: string[];
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(1000) @NotBlank('overrideReason') overrideReason?: string;
}

export class ReleaseClaimDto {
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(1000) @NotBlank('reason') reason?: string;
}

export class TransferClaimDto {
  @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `to ${ISIL_MESSAGE}` }) to!: string;
}

/** Fulfilment needs nothing but the title in the path. */
export class FulfilClaimDto {}

export class ListClaimsDto {
  @IsOptional() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `claimant ${ISIL_MESSAGE}` }) claimant?: string;
  @IsOptional() @IsIn(CLAIM_STATUSES) status?: ClaimStatus;
  @IsOptional() @IsUUID() agreementId?: string;
  @IsOptional() @IsIn(['true', 'false']) outsideDivisionOfLabour?: 'true' | 'false';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
