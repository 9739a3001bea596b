import { applyDecorators } from '@nestjs/common';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ISIL_PATTERN } from '../../../domain/shared/isil';

const CalendarDate = (field: string) =>
  applyDecorators(
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${field} must be a date, YYYY-MM-DD` }),
    IsDateString({ strict: true }, { message: `${field} must be a real calendar date, YYYY-MM-DD` }),
  );

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Whole UTC days, both inclusive: `from=2025-01-01&to=2025-12-31` is the year 2025. */
export class FairnessReportDto {
  @IsUUID() agreement!: string;
  @CalendarDate('from') from!: string;
  @CalendarDate('to') to!: string;
  @IsOptional() @IsIn(REPORT_FORMATS) format?: ReportFormat;
}

export class SuggestLendersDto {
  /** The shape of an ISBN-10 or -13; the check digit is the domain's to judge. */
  @IsString() @MaxLength(17) @Matches(/^[0-9Xx\- ]{10,17}$/, { message: 'isbn must be an ISBN-10 or ISBN-13, e.g. 978-0-306-40615-7' })
  isbn!: string;
  @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: 'borrower must be an ISIL (ISO 15511), e.g. ID-JKPNRI' })
  borrower!: string;
}
