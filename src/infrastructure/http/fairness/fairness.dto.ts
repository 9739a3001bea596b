import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate, IsIsbnShape, IsIsil, ReadYourWritesDto } from '../validation/fields';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Whole UTC days, both inclusive: `from=2025-01-01&to=2025-12-31` is the year 2025. */
export class FairnessReportDto extends ReadYourWritesDto {
  @IsUUID() agreement!: string;
  @IsCalendarDate('from') from!: string;
  @IsCalendarDate('to') to!: string;
  @IsOptional() @IsIn(REPORT_FORMATS) format?: ReportFormat;
}

export class SuggestLendersDto extends ReadYourWritesDto {
  /** The shape of an ISBN-10 or -13; the check digit is the domain's to judge. */
  @IsIsbnShape('isbn') isbn!: string;
  @IsIsil('borrower') borrower!: string;
}
