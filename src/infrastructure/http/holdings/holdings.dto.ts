import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_ITEMS_PER_COMMAND, MAX_SUBJECTS_PER_ITEM } from '../../../domain/holdings';
import { IsCalendarDate, IsIsbnShape, IsIsil, Nested, NotBlank, Optional } from '../validation/fields';

export class HoldingItemDto {
  @IsIsbnShape('isbn') isbn!: string;
  // The catalogue's word search reads titles: a NUL in one would stop its PostgreSQL read model.
  @IsString() @IsNotEmpty() @MaxLength(500) @NotBlank('title') title!: string;
  @Optional() @IsString() @IsNotEmpty() @MaxLength(300) @NotBlank('author') author?: string;
  @Optional() @IsInt() @Min(1) @Max(2999) year?: number;
  @Optional() @IsArray() @ArrayMaxSize(MAX_SUBJECTS_PER_ITEM) @IsString({ each: true }) @NotBlank('each of subjects', { each: true }) @MaxLength(100, { each: true })
  subjects?: string[];
  @Optional() @IsCalendarDate('acquiredOn') acquiredOn?: string;
}

/**
 * Up to 10,000 titles in one call. Such a body is larger than the default
 * 1 MB limit: raise LEDGER_BODY_LIMIT_BYTES (e.g. 8388608) for bulk loads.
 */
export class RegisterHoldingsDto {
  /** Left out: the key's own library. A coordinator must name it. */
  @Optional() @IsIsil('isil') isil?: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITEMS_PER_COMMAND) @Nested(() => HoldingItemDto, { each: true })
  items!: HoldingItemDto[];
}

export class WithdrawHoldingsDto {
  @Optional() @IsIsil('isil') isil?: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITEMS_PER_COMMAND) @IsIsbnShape('each of isbns', { each: true })
  isbns!: string[];
}
