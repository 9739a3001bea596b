import { Controller, Get, Query } from '@nestjs/common';
import { Query as CqrsQuery, QueryBus } from '@nestjs/cqrs';
import { GetBalancesQuery, GetTrialBalanceQuery, type BalanceTime } from '../../../application/ledger/balance.messages';
import { Answers } from '../answers';
import { Roles } from '../auth/roles';
import { BalancesDto, readCut, readPosition, TrialBalanceDto, type BalanceTimeDto } from './balance.dto';

/**
 * Every balance is readable by every librarian, not only its own library's:
 * network transparency. Partners decide who lends next and which exchange
 * debts are open from the same figures coordinators see.
 */
const READERS = ['coordinator', 'auditor', 'librarian'] as const;

export const timeOf = ({ asOf, minPosition }: BalanceTimeDto): BalanceTime => ({
  ...(asOf === undefined ? {} : { asOf: readCut(asOf)! }),
  ...(minPosition === undefined ? {} : { minPosition: readPosition(minPosition)! }),
});

/** A currency is one whatever its case: money:eur and money:EUR are the same unit. */
export const unitOf = (unit: string | undefined) => (unit?.startsWith('money:') ? `money:${unit.slice(6).toUpperCase()}` : unit);

@Controller('v1/balances')
export class BalancesController {
  constructor(private readonly queries: QueryBus) {}

  /** Per partner and unit; per pair when `counterparty` is given; cut by `asOf`, after `minPosition` is folded. */
  @Get()
  @Roles(...READERS)
  @Answers('The balances, and the cut they were taken at', 'Balances')
  balances(@Query() query: BalancesDto) {
    const filter = {
      ...(query.partner === undefined ? {} : { partner: query.partner }),
      ...(query.counterparty === undefined ? {} : { counterparty: query.counterparty }),
      ...(query.unit === undefined ? {} : { unit: unitOf(query.unit) }),
    };
    return this.ask(new GetBalancesQuery(filter, timeOf(query)));
  }

  /** Per unit: the sum of every partner's balance ("0") and the turnover that summed to it. */
  @Get('trial')
  @Roles(...READERS)
  @Answers('The trial balance per unit, and the cut it was taken at', 'TrialBalance')
  trial(@Query() query: TrialBalanceDto) {
    return this.ask(new GetTrialBalanceQuery(timeOf(query)));
  }

  /** Read models still behind `minPosition` after the wait answer 503 (the problem filter), and the client retries. */
  private ask<Answer>(query: CqrsQuery<Answer>): Promise<Answer> {
    return this.queries.execute(query);
  }
}
