import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { LoanStatus } from '../../../domain/loans';
import { IsCalendarDate, IsIsbnShape, IsIsil, Nested, NotBlank, Optional, PageQueryDto } from '../validation/fields';

export class LoanItemDto {
  @IsString() @MaxLength(500) @NotBlank('title') title!: string;
  @Optional() @IsIsbnShape('isbn') isbn?: string;
  @Optional() @IsString() @MaxLength(300) author?: string;
  @Optional() @IsString() @MaxLength(300) publisher?: string;
  @Optional() @IsInt() @Min(1000) @Max(2999) year?: number;
  @Optional() @IsString() @MaxLength(1000) note?: string;
}

export class RequestLoanDto {
  @IsIsil('lender') lender!: string;
  @IsUUID() agreementId!: string;
  @Nested(() => LoanItemDto) item!: LoanItemDto;
}

export class ReasonDto {
  @Optional() @IsString() @MaxLength(1000) @NotBlank('reason') reason?: string;
}

export class DeclineLoanDto {
  @IsString() @MaxLength(1000) @NotBlank('reason') reason!: string;
}

export class RecallLoanDto extends ReasonDto {
  @Optional() @IsCalendarDate('dueOn') dueOn?: string;
}

export const STATUSES: LoanStatus[] = ['requested', 'accepted', 'shipped', 'on-loan', 'returning', 'checked-in', 'declined', 'cancelled', 'lost'];

export class ListLoansDto extends PageQueryDto {
  @Optional() @IsIsil('borrower') borrower?: string;
  @Optional() @IsIsil('lender') lender?: string;
  @Optional() @IsIn(STATUSES) status?: LoanStatus;
}
