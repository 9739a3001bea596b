import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { MAX_HOST_DAYS, MAX_ROTATION_ITEMS, type RotationStatus } from '../../../domain/rotations';
import { Example, IsIsbnText, IsIsil, Nested, NotBlank, Optional, PageQueryDto } from '../validation/fields';

/** Longer itineraries than this are not rotations but loans. */
export const MAX_ITINERARY_STOPS = 100;

/** Something besides spaces: ids are trimmed by the domain. */
const HAS_TEXT = /\S/;

/** One item of the batch, by the owner's own id (barcode, accession number). */
export class RotationItemDto {
  @IsString() @Matches(HAS_TEXT, { message: 'itemId must not be empty' }) @MaxLength(200) itemId!: string;
  @IsString() @MaxLength(500) @NotBlank('title') title!: string;
  @Optional() @IsIsbnText() isbn?: string;
}

export class RotationStopDto {
  @IsIsil('host') host!: string;
  @IsInt() @Min(1) @Max(MAX_HOST_DAYS) days!: number;
}

/** The owner is the library of the key that asks. */
export class PlanRotationDto {
  @IsUUID() agreementId!: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ROTATION_ITEMS) @Nested(() => RotationItemDto, { each: true })
  items!: RotationItemDto[];

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITINERARY_STOPS) @Nested(() => RotationStopDto, { each: true })
  itinerary!: RotationStopDto[];
}

/** Without `home`, or with false, the batch goes on its next leg. */
export class DispatchRotationDto {
  @Optional() @IsBoolean() @Example(true, 'a host sends the batch straight home, leaving out the hosts still ahead') home?: boolean;
}

export class ReportMissingDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ROTATION_ITEMS)
  @IsString({ each: true }) @Matches(HAS_TEXT, { each: true, message: 'each value in itemIds must not be empty' }) @MaxLength(200, { each: true })
  itemIds!: string[];
}

export class RotationReasonDto {
  @IsString() @MaxLength(1000) @NotBlank('reason') reason!: string;
}

/** Every status, so a new one cannot be forgotten here. */
export const STATUSES = Object.keys({
  planned: true, 'in-transit': true, 'at-host': true, completed: true, cancelled: true,
} satisfies Record<RotationStatus, true>) as RotationStatus[];

export class ListRotationsDto extends PageQueryDto {
  @IsOptional() @IsIsil('owner') owner?: string;
  @IsOptional() @IsIn(STATUSES) status?: RotationStatus;
  @IsOptional() @IsUUID() agreementId?: string;
  @IsOptional() @IsIsil('holder') holder?: string;
}
