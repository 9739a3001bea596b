import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_ITEMS_PER_COMMAND, MAX_SUBJECTS_PER_ITEM } from '../../../domain/holdings';
import { ISIL_PATTERN } from '../../../domain/shared/isil';
import { ISBN_MESSAGE, ISBN_SHAPE } from '../claims/claim.dto';

const ISIL_MESSAGE = 'must be an ISIL (ISO 15511), e.g. ID-JKPNRI';

/** May be left out, but not sent as null: only an absent field is optional. */
const Omittable = () => ValidateIf((_: object, value: unknown) => value !== undefined);
/** Text with at least one character that is not a space. */
const NotBlank = (field: string) => Matches(/\S/, { message: `${field} must not be blank` });

export class HoldingItemDto {
  @IsString() @MaxLength(17) @Matches(ISBN_SHAPE, { message: `isbn ${ISBN_MESSAGE}` }) isbn!: string;
  @IsString() @IsNotEmpty() @MaxLength(500) @NotBlank('title') title!: string;
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(300) @NotBlank('author') author?: string;
  @Omittable() @IsInt() @Min(1) @Max(2999) year?: number;
  @Omittable() @IsArray() @ArrayMaxSize(MAX_SUBJECTS_PER_ITEM) @IsString({ each: true }) @Matches(/\S/, { each: true, message: 'each of subjects must not be blank' }) @MaxLength(100, { each: true })
  subjects?: string[];
  @Omittable() @IsDateString({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'acquiredOn must be a date, YYYY-MM-DD' })
  acquiredOn?: string;
}

/**
 * Up to 10,000 titles in one call. Such a body is larger than the default
 * 1 MB limit: raise LEDGER_BODY_LIMIT_BYTES (e.g. 8388608) for bulk loads.
 */
export class RegisterHoldingsDto {
  /** Left out: the key's own library. A coordinator must name it. */
  @Omittable() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `isil ${ISIL_MESSAGE}` }) isil?: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITEMS_PER_COMMAND) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => HoldingItemDto)
  items!: HoldingItemDto[];
}

export class WithdrawHoldingsDto {
  @Omittable() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `isil ${ISIL_MESSAGE}` }) isil?: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITEMS_PER_COMMAND) @IsString({ each: true }) @MaxLength(17, { each: true })
  @Matches(ISBN_SHAPE, { each: true, message: `each of isbns ${ISBN_MESSAGE}` })
  isbns!: string[];
}
