import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { LoanStatus } from '../../../domain/loans';
import { IsCalendarDate, IsIsbnShape, IsIsil, Optional, PageQueryDto } from '../validation/fields';

export class LoanItemDto {
  @IsString() @IsNotEmpty() @MaxLength(500) title!: string;
  @Optional() @IsIsbnShape('isbn') isbn?: string;
  @Optional() @IsString() @MaxLength(300) author?: string;
  @Optional() @IsString() @MaxLength(300) publisher?: string;
  @Optional() @IsInt() @Min(1000) @Max(2999) year?: number;
  @Optional() @IsString() @MaxLength(1000) note?: string;
}

export class RequestLoanDto {
  @IsIsil('lender') lender!: string;
  @IsUUID() agreementId!: string;
  @ValidateNested() @Type(() => LoanItemDto) item!: LoanItemDto;
}

export class ReasonDto {
  @Optional() @IsString() @IsNotEmpty() @MaxLength(1000) reason?: string;
}

export class DeclineLoanDto {
  @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class RecallLoanDto extends ReasonDto {
  @Optional() @IsCalendarDate('dueOn') dueOn?: string;
}

const STATUSES: LoanStatus[] = ['requested', 'accepted', 'shipped', 'on-loan', 'returning', 'checked-in', 'declined', 'cancelled', 'lost'];

export class ListLoansDto extends PageQueryDto {
  @Optional() @IsIsil('borrower') borrower?: string;
  @Optional() @IsIsil('lender') lender?: string;
  @Optional() @IsIn(STATUSES) status?: LoanStatus;
}
