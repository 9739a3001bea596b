import { Optional } from '../validation/validation';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ISIL_PATTERN } from '../../../domain/shared/isil';
import type { LoanStatus } from '../../../domain/loans';

const ISIL_MESSAGE = 'must be an ISIL (ISO 15511), e.g. ID-JKPNRI';

export class LoanItemDto {
  @IsString() @IsNotEmpty() @MaxLength(500) title!: string;
  @Optional() @IsString() @Matches(/^[0-9Xx\- ]{10,17}$/, { message: 'isbn must be an ISBN-10 or ISBN-13' }) isbn?: string;
  @Optional() @IsString() @MaxLength(300) author?: string;
  @Optional() @IsString() @MaxLength(300) publisher?: string;
  @Optional() @IsInt() @Min(1000) @Max(2999) year?: number;
  @Optional() @IsString() @MaxLength(1000) note?: string;
}

export class RequestLoanDto {
  @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `lender ${ISIL_MESSAGE}` }) lender!: string;
  @IsUUID() agreementId!: string;
  @ValidateNested() @Type(() => LoanItemDto) item!: LoanItemDto;
}

/** Steps that need nothing but the loan id in the path. */
export class NoBodyDto {}

export class ReasonDto {
  @Optional() @IsString() @IsNotEmpty() @MaxLength(1000) reason?: string;
}

export class DeclineLoanDto {
  @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class RecallLoanDto extends ReasonDto {
  @Optional() @IsDateString({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn must be a date, YYYY-MM-DD' })
  dueOn?: string;
}

const STATUSES: LoanStatus[] = ['requested', 'accepted', 'shipped', 'on-loan', 'returning', 'checked-in', 'declined', 'cancelled', 'lost'];

export class ListLoansDto {
  @Optional() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `borrower ${ISIL_MESSAGE}` }) borrower?: string;
  @Optional() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `lender ${ISIL_MESSAGE}` }) lender?: string;
  @Optional() @IsIn(STATUSES) status?: LoanStatus;
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @Optional() @IsString() @MaxLength(200) cursor?: string;
}
