import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Example, IsCalendarDate, ReadYourWritesDto } from '../validation/fields';
import { BalanceTimeDto, IsLedgerUnit } from '../ledger/balance.dto';

export const DEFAULT_MATRIX_TOP = 8;

/** One unit's partner × partner balances; `top` counterparties named per partner, the rest grouped. */
export class BalanceMatrixDto extends BalanceTimeDto {
  @IsLedgerUnit() unit!: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) @Example(DEFAULT_MATRIX_TOP) top?: number;
  /** Only the postings made under this agreement. */
  @IsOptional() @IsUUID() agreement?: string;
}

/** Whole UTC days, both inclusive, counted per calendar month. */
export class LendingByMonthDto extends ReadYourWritesDto {
  @IsUUID() agreement!: string;
  @IsCalendarDate('from') from!: string;
  @IsCalendarDate('to') to!: string;
}
