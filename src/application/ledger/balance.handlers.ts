import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isZeroAmount } from '../../domain/ledger';
import { BALANCES, type BalanceCut, type BalancesQueries } from '../ports/balances.port';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port';
import { ProjectionRunner } from '../projections/projection-runner';
import { GetBalancesQuery, GetTrialBalanceQuery, type BalanceTime, type BalancesAnswer, type TrialBalanceAnswer } from './balance.messages';
import { readModelsAt } from '../projections/read-models-behind';

const later = (a: string | undefined, b: string | null): string | undefined =>
  b === null ? a : a === undefined || BigInt(b) > BigInt(a) ? b : a;
const earlier = (a: string, b: string | null): string | null => (b === null ? null : BigInt(a) < BigInt(b) ? a : b);

/**
 * Fixes the cut and makes sure the read models hold all of it, so the same
 * "as of" always gives the same figures: a position cut waits for that
 * position (or the head of the log, if it is further than the log goes); an
 * instant cut waits for everything already in the log, which holds every
 * event recorded up to now. Without `asOf` the cut is the position the read
 * models have reached, so the answer says exactly which prefix of the log it
 * sums even while new events arrive. 503 read-models-behind when they do not
 * get there in time.
 */
export const cutFor = async (runner: ProjectionRunner, store: EventStore, { asOf, minPosition }: BalanceTime): Promise<BalanceCut> => {
  if (asOf === undefined) {
    await readModelsAt(runner, minPosition);
    return { position: runner.status().position ?? '0' };
  }
  const head = await store.headPosition();
  const needed = 'position' in asOf ? earlier(asOf.position, head) : head;
  await readModelsAt(runner, later(minPosition, needed));
  return asOf;
};

@QueryHandler(GetBalancesQuery)
export class GetBalancesHandler implements IQueryHandler<GetBalancesQuery> {
  constructor(
    @Inject(BALANCES) private readonly ledger: BalancesQueries,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ filter, time }: GetBalancesQuery): Promise<BalancesAnswer> {
    const asOf = await cutFor(this.runner, this.store, time);
    return { asOf, balances: await this.ledger.balances(filter, asOf) };
  }
}

@QueryHandler(GetTrialBalanceQuery)
export class GetTrialBalanceHandler implements IQueryHandler<GetTrialBalanceQuery> {
  constructor(
    @Inject(BALANCES) private readonly ledger: BalancesQueries,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ time }: GetTrialBalanceQuery): Promise<TrialBalanceAnswer> {
    const asOf = await cutFor(this.runner, this.store, time);
    const units = await this.ledger.trialBalance(asOf);
    // Computed, not asserted: a leaking unit shows as balanced: false with its total.
    return { asOf, units, balanced: units.every((unit) => isZeroAmount(unit.total)) };
  }
}

export const BALANCE_HANDLERS = [GetBalancesHandler, GetTrialBalanceHandler];
