import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { balanceMatrix } from '../../domain/ledger';
import { AgreementNotFound } from '../../domain/shared/cooperation';
import { addDays } from '../../domain/shared/dates';
import { InvalidValue } from '../../domain/shared/errors';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { FAIRNESS_FACTS_PROJECTION } from '../fairness/fairness-facts.projection';
import { requireReportPeriod, startOf } from '../fairness/fairness.handlers';
import { FAIRNESS_READS, type FairnessReads, type Period } from '../fairness/fairness-reads.port';
import { cutFor } from '../ledger/balance.handlers';
import { BALANCES, type BalancesQueries } from '../ports/balances.port';
import { CLOCK, type Clock } from '../ports/clock.port';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port';
import { ProjectionRunner } from '../projections/projection-runner';
import { readModelsAt } from '../projections/read-models-behind';
import { BalanceMatrixQuery, LendingByMonthQuery, type BalanceMatrix, type LendingByMonth } from './dashboard.messages';

/** A chart of more months than this is unreadable, and each month is one count over the fact rows. */
export const MAX_MONTHS = 36;

@QueryHandler(BalanceMatrixQuery)
export class BalanceMatrixHandler implements IQueryHandler<BalanceMatrixQuery> {
  constructor(
    @Inject(BALANCES) private readonly ledger: BalancesQueries,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ unit, top, time, agreementId }: BalanceMatrixQuery): Promise<BalanceMatrix> {
    const asOf = await cutFor(this.runner, this.store, this.clock, time);
    const flows = await this.ledger.pairFlows(unit, asOf, agreementId);
    return { asOf, unit, ...(agreementId === undefined ? {} : { agreementId }), top, partners: balanceMatrix(flows, top) };
  }
}

/** The calendar months that meet [from, to] (whole UTC days), each clipped to the period. */
export const monthsOf = (from: string, to: string): Array<{ month: string; period: Period }> => {
  const end = startOf(addDays(startOf(to), 1));
  const months: Array<{ month: string; period: Period }> = [];
  for (let start = startOf(from); start < end; ) {
    const [year, month] = start.slice(0, 7).split('-').map(Number);
    const next = new Date(Date.UTC(year, month, 1)).toISOString();
    months.push({ month: start.slice(0, 7), period: { from: start, to: next < end ? next : end } });
    start = next;
  }
  return months;
};

@QueryHandler(LendingByMonthQuery)
export class LendingByMonthHandler implements IQueryHandler<LendingByMonthQuery> {
  constructor(
    private readonly facts: CooperationFacts,
    @Inject(FAIRNESS_READS) private readonly reads: FairnessReads,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ agreementId, from, to, minPosition }: LendingByMonthQuery): Promise<LendingByMonth> {
    // The months' counts are the fairness facts alone.
    await readModelsAt(this.runner, minPosition, [FAIRNESS_FACTS_PROJECTION]);
    requireReportPeriod(from, to);
    const months = monthsOf(from, to);
    if (months.length > MAX_MONTHS) throw new InvalidValue('to', `the period may span at most ${MAX_MONTHS} calendar months`);
    const agreement = await this.facts.agreement(agreementId, 'query');
    if (agreement === null) throw new AgreementNotFound(agreementId, 'agreement');
    const counts = await Promise.all(months.map(({ period }) => this.reads.periodCounts(agreementId, period)));
    const isils = [...new Set([...agreement.members, ...counts.flatMap((month) => [...month.keys()])])].sort();
    return {
      agreementId,
      from,
      to,
      goalRatio: (await this.facts.goalRatioAt(agreementId, startOf(addDays(startOf(to), 1)))) ?? agreement.terms.goalRatio,
      months: months.map(({ month }) => month),
      partners: isils.map((isil) => ({
        isil,
        lent: counts.map((month) => month.get(isil)?.loansLent ?? 0),
        borrowed: counts.map((month) => month.get(isil)?.loansBorrowed ?? 0),
      })),
    };
  }
}

export const DASHBOARD_HANDLERS = [BalanceMatrixHandler, LendingByMonthHandler];
