import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { loadLevellingScore, networkFairness, partnerFairness, rankLenders, sameScore } from '../../domain/ledger';
import { AgreementNotFound, isInForce, type AgreementFacts, type PartnerStanding } from '../../domain/shared/cooperation';
import { addDays, dayOf } from '../../domain/shared/dates';
import { InvalidValue } from '../../domain/shared/errors';
import { requireCalendarDate } from '../../domain/shared/input';
import { toIsbn13 } from '../../domain/shared/isbn';
import { toIsil } from '../../domain/shared/isil';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { CLOCK, type Clock } from '../ports/clock.port';
import { FAIRNESS_READS, type FairnessReads, type GatheredCounts, type LoanTally } from './fairness-reads.port';
import {
  FairnessReportQuery,
  SuggestLendersQuery,
  type ExclusionReason,
  type FairnessReport,
  type LenderSuggestion,
  type LenderSuggestions,
  type ScorePart,
} from './fairness.messages';
import { ProjectionRunner } from '../projections/projection-runner';
import { readModelsAt } from '../projections/read-models-behind';
import { AGREEMENTS_PROJECTION } from '../agreements/agreements.projection';
import { CATALOG_PROJECTION } from '../cooperation/cooperation-facts';
import { FAIRNESS_FACTS_PROJECTION, FAIRNESS_HOLDINGS_PROJECTION } from './fairness-facts.projection';

/** The read models each report reads (agreements and standings come from their streams): a query waits for these alone. */
const REPORT_READ_MODELS = [FAIRNESS_FACTS_PROJECTION, FAIRNESS_HOLDINGS_PROJECTION];
const SUGGESTION_READ_MODELS = [CATALOG_PROJECTION, FAIRNESS_FACTS_PROJECTION, AGREEMENTS_PROJECTION];

/** How many partners the report names as furthest from their goal. */
export const FURTHEST_FROM_GOAL = 5;
/** The lender suggestion scores loans over this many days up to now. */
export const SUGGESTION_WINDOW_DAYS = 365;

const NOTHING: GatheredCounts = {
  loansLent: 0, loansBorrowed: 0, requestsReceived: 0, requestsAccepted: 0, requestsWithdrawn: 0, turnarounds: {},
  exchangeBalance: 0n, claimsFulfilled: 0, claimsLapsed: 0, servicesGiven: new Map(), servicesReceived: new Map(),
};

export const startOf = (day: string) => `${day}T00:00:00.000Z`;

/** Whole UTC days `from`..`to`, both inclusive, as every report takes them. */
export const requireReportPeriod = (from: string, to: string): void => {
  requireCalendarDate(from, 'from');
  requireCalendarDate(to, 'to');
  if (from > to) throw new InvalidValue('from', `from (${from}) must not be after to (${to})`);
  // The period ends at the start of the next day, which must still be a four-digit year to compare as text.
  if (to >= '9999-12-31') throw new InvalidValue('to', 'to must be before 9999-12-31');
};

@QueryHandler(FairnessReportQuery)
export class FairnessReportHandler implements IQueryHandler<FairnessReportQuery> {
  constructor(
    private readonly facts: CooperationFacts,
    @Inject(FAIRNESS_READS) private readonly reads: FairnessReads,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ agreementId, from, to, minPosition }: FairnessReportQuery): Promise<FairnessReport> {
    await readModelsAt(this.runner, minPosition, REPORT_READ_MODELS);
    requireReportPeriod(from, to);
    const agreement = await this.facts.agreement(agreementId, 'query');
    if (agreement === null) throw new AgreementNotFound(agreementId, 'agreement');

    const end = startOf(addDays(startOf(to), 1));
    const counts = await this.reads.periodCounts(agreementId, { from: startOf(from), to: end });
    const members = new Set(agreement.members);
    // A partner that withdrew keeps its line for the facts it has in the period.
    const isils = [...new Set([...members, ...counts.keys()])].sort();
    const holdings = await this.reads.holdingsCounts(isils);
    // The goal agreed for the period, not one amended after it ended.
    const goalRatio = (await this.facts.goalRatioAt(agreementId, end)) ?? agreement.terms.goalRatio;
    const partners = isils.map((isil) => ({
      ...partnerFairness({ isil, ...(counts.get(isil) ?? NOTHING), holdings: holdings[isil] ?? 0 }, goalRatio),
      member: members.has(isil),
      holdings: holdings[isil] ?? 0,
    }));
    const network = networkFairness(partners, holdings, FURTHEST_FROM_GOAL);
    return {
      agreementId,
      from,
      to,
      goalRatio,
      partners,
      network: {
        giniOfLendingLoad: network.giniOfLendingLoad,
        furthestFromGoal: network.furthestFromGoal.map(({ isil, loadLevellingScore: score, ratio, distanceFromGoal }) => ({
          isil, loadLevellingScore: score, ratio, goalRatio, distanceFromGoal,
        })),
        totals: network.totals,
      },
    };
  }
}

type Candidate = { isil: string; loadLevellingScore: number; loansLent: number; loansBorrowed: number; agreements: ScorePart[] };

const formula = (parts: readonly ScorePart[]): string =>
  parts.map(({ borrowed, goalRatio, lent }) => `${borrowed} borrowed × goal ${goalRatio} − ${lent} lent`).join(' + ');

/** The score's arithmetic, then what puts the candidate below the one ranked just above it. */
const reasonFor = (candidate: Candidate, above: Candidate | undefined, count: number): string => {
  const score = `score ${candidate.loadLevellingScore} = ${formula(candidate.agreements)} over the last ${SUGGESTION_WINDOW_DAYS} days`;
  if (above === undefined) return `${score}; ${count === 1 ? 'the only eligible holder' : 'the highest score'}`;
  if (!sameScore(above.loadLevellingScore, candidate.loadLevellingScore)) {
    return `${score}; lower than ${above.isil} (${above.loadLevellingScore})`;
  }
  if (candidate.loansLent !== above.loansLent) {
    return `${score}; same score as ${above.isil} but lent more (${candidate.loansLent} vs ${above.loansLent})`;
  }
  return `${score}; same score and loans lent as ${above.isil}, so ISIL order`;
};

type Eligibility = Readonly<{ eligible: Map<string, AgreementFacts[]>; excluded: Array<{ isil: string; reason: ExclusionReason }> }>;

/** Sorts the holders into those that may lend to the borrower (with the loan agreements they share) and those that may not, and why. */
const sortHolders = (
  holders: readonly string[],
  borrower: string,
  standings: Readonly<Record<string, PartnerStanding | undefined>>,
  borrowersAgreements: readonly AgreementFacts[],
): Eligibility => {
  const eligible = new Map<string, AgreementFacts[]>();
  const excluded: Eligibility['excluded'] = [];
  for (const isil of holders) {
    const standing = standings[isil];
    const shared = borrowersAgreements.filter((agreement) => agreement.members.includes(isil));
    if (isil === borrower) excluded.push({ isil, reason: 'is-the-borrower' });
    else if (standing !== 'active') excluded.push({ isil, reason: standing ?? 'unregistered' });
    else if (shared.length === 0) excluded.push({ isil, reason: 'no-shared-loan-agreement' });
    else eligible.set(isil, shared);
  }
  return { eligible, excluded };
};

/** A candidate's score: the sum over the loan agreements it shares with the borrower, each with its own goal ratio. */
const candidateOf = (isil: string, shared: readonly AgreementFacts[], tallies: ReadonlyMap<string, LoanTally>): Candidate => {
  const parts = shared.map(({ agreementId, terms: { goalRatio } }) => {
    const { lent, borrowed } = tallies.get(`${agreementId}\n${isil}`) ?? { lent: 0, borrowed: 0 };
    return { agreementId, goalRatio, lent, borrowed, score: loadLevellingScore({ lent, borrowed, goalRatio }) };
  });
  const sum = (pick: (part: ScorePart) => number) => parts.reduce((total, part) => total + pick(part), 0);
  return { isil, loadLevellingScore: sum((p) => p.score), loansLent: sum((p) => p.lent), loansBorrowed: sum((p) => p.borrowed), agreements: parts };
};

@QueryHandler(SuggestLendersQuery)
export class SuggestLendersHandler implements IQueryHandler<SuggestLendersQuery> {
  constructor(
    private readonly facts: CooperationFacts,
    @Inject(FAIRNESS_READS) private readonly reads: FairnessReads,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute(query: SuggestLendersQuery): Promise<LenderSuggestions> {
    await readModelsAt(this.runner, query.minPosition, SUGGESTION_READ_MODELS);
    const isbn = toIsbn13(query.isbn, 'isbn');
    const borrower = toIsil(query.borrower, 'borrower');
    const now = this.clock.now();
    const since = new Date(now.getTime() - SUGGESTION_WINDOW_DAYS * 86_400_000).toISOString();

    const holders = [...new Set(await this.facts.holders(isbn))].sort();
    const [standings, agreements] = await Promise.all([
      this.facts.standings(holders.filter((isil) => isil !== borrower), 'query'),
      this.reads.loanAgreementsOf(borrower),
    ]);
    const inForceNow = agreements.filter((agreement) => isInForce(agreement, dayOf(now)));
    const { eligible, excluded } = sortHolders(holders, borrower, standings, inForceNow);

    const agreementIds = [...new Set([...eligible.values()].flat().map((agreement) => agreement.agreementId))];
    const found = await this.reads.loanTallies(agreementIds, [...eligible.keys()], since);
    const tallies = new Map(found.map((tally) => [`${tally.agreementId}\n${tally.isil}`, tally]));
    const ranked = rankLenders([...eligible].map(([isil, shared]) => candidateOf(isil, shared, tallies)));
    const suggestions: LenderSuggestion[] = ranked.map((candidate, index) => ({
      rank: index + 1,
      ...candidate,
      reason: reasonFor(candidate, ranked[index - 1], ranked.length),
    }));
    return { isbn, borrower, since, until: now.toISOString(), suggestions, excluded };
  }
}

export const FAIRNESS_HANDLERS = [FairnessReportHandler, SuggestLendersHandler];
