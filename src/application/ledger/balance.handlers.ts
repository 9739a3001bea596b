import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isZeroAmount } from '../../domain/ledger';
import { PartnerNotFound } from '../../domain/partners/partner.errors';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { BALANCES, type BalanceCut, type BalanceFilter, type BalancesQueries } from '../ports/balances.port';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port';
import { ProjectionRunner } from '../projections/projection-runner';
import { GetBalancesQuery, GetTrialBalanceQuery, type BalanceTime, type BalancesAnswer, type TrialBalanceAnswer } from './balance.messages';
import { readModelsAt } from '../projections/read-models-behind';
import { CLOCK, type Clock } from '../ports/clock.port';
import { beyondHead } from './beyond-head';
import { POSTINGS_PROJECTION } from './postings.projection';

/** Every balance is read from the postings read model alone: a query waits for it, and its cut is where it stands, whatever another read model does. */
const BALANCE_READ_MODELS = [POSTINGS_PROJECTION];

const later = (a: string | undefined, b: string | null): string | undefined =>
  b === null ? a : a === undefined || BigInt(b) > BigInt(a) ? b : a;

/**
 * Fixes the cut and makes sure the read models hold all of it, so the same
 * "as of" always gives the same figures. The recorded time never decreases
 * in log order (the store stamps it as it gives the position), so an instant
 * already past names a prefix of the log as a position does: every event
 * recorded at or before it is in the log already, and waiting for the head
 * folds them all. A position after the head, or an instant not yet past,
 * could be answered differently later: refused with the head named
 * (BeyondHead). Without `asOf` the cut is the position the postings read model has
 * reached, so the answer says exactly which prefix of the log it sums even
 * while new events arrive. 503 read-models-behind when they do not get there
 * in time.
 */
export const cutFor = async (runner: ProjectionRunner, store: EventStore, clock: Clock, { asOf, minPosition }: BalanceTime): Promise<BalanceCut> => {
  if (asOf === undefined) {
    await readModelsAt(runner, minPosition, BALANCE_READ_MODELS);
    return { position: runner.positionOf(BALANCE_READ_MODELS) ?? '0' };
  }
  // The clock is read before the head: whatever commits after the head is recorded at or after `now`.
  const now = clock.now().toISOString();
  const head = await store.headPosition();
  const beyond = beyondHead(asOf, head, now);
  if (beyond) throw beyond;
  await readModelsAt(runner, later(minPosition, 'position' in asOf ? asOf.position : head), BALANCE_READ_MODELS);
  return asOf;
};

/**
 * A partner or counterparty the ledger never registered (a mistyped ISIL) is
 * answered 404 naming the field, as a single read of a partner is, not with
 * no balances: a registered partner with no postings has none, an unknown
 * one is not a partner at all. Registered means now, as GET /v1/partners/{isil}
 * says, whatever the cut: a partner that left keeps its history.
 */
const requireRegistered = async (facts: CooperationFacts, filter: BalanceFilter): Promise<void> => {
  const named = (['partner', 'counterparty'] as const).flatMap((field) => (filter[field] === undefined ? [] : [[field, filter[field]] as const]));
  if (named.length === 0) return;
  const standings = await facts.standings(named.map(([, isil]) => isil), 'query');
  const unknown = named.find(([, isil]) => standings[isil] === undefined);
  if (unknown) throw new PartnerNotFound(unknown[1], unknown[0]);
};

@QueryHandler(GetBalancesQuery)
export class GetBalancesHandler implements IQueryHandler<GetBalancesQuery> {
  constructor(
    @Inject(BALANCES) private readonly ledger: BalancesQueries,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ filter, time }: GetBalancesQuery): Promise<BalancesAnswer> {
    const asOf = await cutFor(this.runner, this.store, this.clock, time);
    const balances = await this.ledger.balances(filter, asOf);
    // Postings name registered partners only: the streams are read when there are none, not on every query.
    if (balances.length === 0) await requireRegistered(this.facts, filter);
    return { asOf, balances };
  }
}

@QueryHandler(GetTrialBalanceQuery)
export class GetTrialBalanceHandler implements IQueryHandler<GetTrialBalanceQuery> {
  constructor(
    @Inject(BALANCES) private readonly ledger: BalancesQueries,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ time }: GetTrialBalanceQuery): Promise<TrialBalanceAnswer> {
    const asOf = await cutFor(this.runner, this.store, this.clock, time);
    const units = await this.ledger.trialBalance(asOf);
    // Computed, not asserted: a leaking unit shows as balanced: false with its total.
    return { asOf, units, balanced: units.every((unit) => isZeroAmount(unit.total)) };
  }
}

export const BALANCE_HANDLERS = [GetBalancesHandler, GetTrialBalanceHandler];
