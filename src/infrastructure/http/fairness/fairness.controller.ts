import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { FairnessReportQuery, SuggestLendersQuery } from '../../../application/fairness/fairness.messages';
import { Answers, AnswersIn } from '../answers';
import { Roles } from '../auth/roles';
import { fairnessCsv } from './fairness.csv';
import { FairnessReportDto, SuggestLendersDto } from './fairness.dto';

@Controller('v1')
export class FairnessController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * Every partner's figures side by side: for coordinators and auditors only
   * (ARCHITECTURE §7: they read everything; a librarian acts for one library).
   */
  @Get('reports/fairness')
  @Roles('coordinator', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  @AnswersIn('The report: JSON, or with format=csv one line per partner under a header row (RFC 4180)', { 'application/json': 'FairnessReport', 'text/csv': 'FairnessCsv' })
  async report(@Query() { agreement, from, to, format, minPosition }: FairnessReportDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.queries.execute(new FairnessReportQuery(agreement, from, to, minPosition));
    if (format !== 'csv') return report;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="fairness-${agreement}-${from}-${to}.csv"`);
    return fairnessCsv(report);
  }

  @Get('lenders/suggest')
  @Roles('coordinator', 'librarian', 'auditor')
  @Answers('Holders of the title ranked by load-levelling score, and those left out with why', 'LenderSuggestions')
  suggest(@Query() { isbn, borrower, minPosition }: SuggestLendersDto) {
    return this.queries.execute(new SuggestLendersQuery(isbn, borrower, minPosition));
  }
}
