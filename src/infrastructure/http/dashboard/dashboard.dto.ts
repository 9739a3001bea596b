import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, ReadYourWritesDto } from '../validation/fields';
import { BalanceTimeDto, UNIT_MESSAGE, UNIT_PATTERN } from '../ledger/balance.dto';

export const DEFAULT_MATRIX_TOP = 8;

/** One unit's partner × partner balances; `top` counterparties named per partner, the rest grouped. */
export class BalanceMatrixDto extends BalanceTimeDto {
  @IsString() @MaxLength(40) @Matches(UNIT_PATTERN, { message: UNIT_MESSAGE }) unit!: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) top?: number;
  /** Only the postings made under this agreement. */
  @IsOptional() @IsUUID() agreement?: string;
}

/** Whole UTC days, both inclusive, counted per calendar month. */
export class LendingByMonthDto extends ReadYourWritesDto {
  @IsUUID() agreement!: string;
  @IsCalendarDate('from') from!: string;
  @IsCalendarDate('to') to!: string;
}
