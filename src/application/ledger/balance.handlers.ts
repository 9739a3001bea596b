import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isZeroAmount } from '../../domain/ledger';
import { BALANCES, type BalanceCut, type BalancesQueries } from '../ports/balances.port';
import { ProjectionRunner } from '../projections/projection-runner';
import { GetBalancesQuery, GetTrialBalanceQuery, type BalanceTime, type BalancesAnswer, type TrialBalanceAnswer } from './balance.messages';
import { readModelsAt } from '../projections/read-models-behind';

/**
 * Waits for `minPosition` when asked, then fixes the cut. Without `asOf` the
 * cut is the position the read models have reached, so the answer says
 * exactly which prefix of the log it sums even while new events arrive.
 */
const cutFor = async (runner: ProjectionRunner, { asOf, minPosition }: BalanceTime): Promise<BalanceCut> => {
  await readModelsAt(runner, minPosition);
  return asOf ?? { position: runner.status().position ?? '0' };
};

@QueryHandler(GetBalancesQuery)
export class GetBalancesHandler implements IQueryHandler<GetBalancesQuery> {
  constructor(
    @Inject(BALANCES) private readonly ledger: BalancesQueries,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ filter, time }: GetBalancesQuery): Promise<BalancesAnswer> {
    const asOf = await cutFor(this.runner, time);
    return { asOf, balances: await this.ledger.balances(filter, asOf) };
  }
}

@QueryHandler(GetTrialBalanceQuery)
export class GetTrialBalanceHandler implements IQueryHandler<GetTrialBalanceQuery> {
  constructor(
    @Inject(BALANCES) private readonly ledger: BalancesQueries,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ time }: GetTrialBalanceQuery): Promise<TrialBalanceAnswer> {
    const asOf = await cutFor(this.runner, time);
    const units = await this.ledger.trialBalance(asOf);
    // Computed, not asserted: a leaking unit shows as balanced: false with its total.
    return { asOf, units, balanced: units.every((unit) => isZeroAmount(unit.total)) };
  }
}

export const BALANCE_HANDLERS = [GetBalancesHandler, GetTrialBalanceHandler];
