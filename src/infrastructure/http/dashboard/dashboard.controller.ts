import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { BalanceMatrixQuery, LendingByMonthQuery } from '../../../application/dashboard/dashboard.messages';
import { Answers } from '../answers';
import { Roles } from '../auth/roles';
import { timeOf, unitOf } from '../ledger/balances.controller';
import { BalanceMatrixDto, DEFAULT_MATRIX_TOP, LendingByMonthDto } from './dashboard.dto';

/** The two views the dashboard needs in one call each, whatever the size of the network. */
@Controller('v1')
export class DashboardController {
  constructor(private readonly queries: QueryBus) {}

  /** Open to the same readers as every balance: network transparency. */
  @Get('balances/matrix')
  @Roles('coordinator', 'auditor', 'librarian')
  @Answers('Each partner’s balance in the unit, with its largest counterparties named and the rest summed', 'BalanceMatrix')
  matrix(@Query() query: BalanceMatrixDto) {
    return this.queries.execute(new BalanceMatrixQuery(unitOf(query.unit)!, query.top ?? DEFAULT_MATRIX_TOP, timeOf(query), query.agreement));
  }

  /** Every partner's monthly figures side by side, as the fairness report: coordinators and auditors. */
  @Get('reports/lending-by-month')
  @Roles('coordinator', 'auditor')
  @Answers('Loans each partner lent and borrowed in each month of the period', 'LendingByMonth')
  lendingByMonth(@Query() { agreement, from, to, minPosition }: LendingByMonthDto) {
    return this.queries.execute(new LendingByMonthQuery(agreement, from, to, minPosition));
  }
}
