import { Optional } from '../validation/validation';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { MAX_HOST_DAYS, MAX_ROTATION_ITEMS, type RotationStatus } from '../../../domain/rotations';
import { isIsbn } from '../../../domain/shared/isbn';
import { ISIL_PATTERN } from '../../../domain/shared/isil';

const ISIL_MESSAGE = 'must be an ISIL (ISO 15511), e.g. ID-JKPNRI';

/** Longer itineraries than this are not rotations but loans. */
export const MAX_ITINERARY_STOPS = 100;


/** An ISBN-10 or ISBN-13 the ledger can normalise, checked here so a bad one never reaches a handler. */
const IsIsbn = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isIsbn', validator: { validate: (value) => isIsbn(value), defaultMessage: (args) => `${args?.property} must be a valid ISBN-10 or ISBN-13` } },
    options,
  );

/** Something besides spaces: ids are trimmed by the domain. */
const HAS_TEXT = /\S/;

/** One item of the batch, by the owner's own id (barcode, accession number). */
export class RotationItemDto {
  @IsString() @Matches(HAS_TEXT, { message: 'itemId must not be empty' }) @MaxLength(200) itemId!: string;
  @IsString() @IsNotEmpty() @MaxLength(500) title!: string;
  @Optional() @IsString() @IsIsbn() isbn?: string;
}

export class RotationStopDto {
  @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `host ${ISIL_MESSAGE}` }) host!: string;
  @IsInt() @Min(1) @Max(MAX_HOST_DAYS) days!: number;
}

/** The owner is the library of the key that asks. */
export class PlanRotationDto {
  @IsUUID() agreementId!: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ROTATION_ITEMS) @ValidateNested({ each: true }) @Type(() => RotationItemDto)
  items!: RotationItemDto[];

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITINERARY_STOPS) @ValidateNested({ each: true }) @Type(() => RotationStopDto)
  itinerary!: RotationStopDto[];
}

/** Steps that need nothing but the rotation id in the path. */
export class NoBodyDto {}

export class ReportMissingDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ROTATION_ITEMS)
  @IsString({ each: true }) @Matches(HAS_TEXT, { each: true, message: 'each value in itemIds must not be empty' }) @MaxLength(200, { each: true })
  itemIds!: string[];
}

export class RotationReasonDto {
  @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

/** Every status, so a new one cannot be forgotten here. */
const STATUSES = Object.keys({
  planned: true, 'in-transit': true, 'at-host': true, completed: true, cancelled: true,
} satisfies Record<RotationStatus, true>) as RotationStatus[];

export class ListRotationsDto {
  @IsOptional() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `owner ${ISIL_MESSAGE}` }) owner?: string;
  @IsOptional() @IsIn(STATUSES) status?: RotationStatus;
  @IsOptional() @IsUUID() agreementId?: string;
  @IsOptional() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `holder ${ISIL_MESSAGE}` }) holder?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
