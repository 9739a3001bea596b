/**
 * The fairness report's maths (ARCHITECTURE §5): pure functions over counts a
 * read model has already gathered for one agreement and period. Ratios and
 * statistics are plain numbers (they are judgements, not balances); anything
 * read from the ledger (exchange balance, service units) stays exact: it
 * comes in scaled as ledger/amount keeps it, and goes out as a decimal
 * string.
 */
import { InvalidValue } from '../shared/errors';
import { formatAmount, parseAmount, type ScaledAmount } from './amount';
import { histogramHours, nearestRank, type TurnaroundHistogram } from './turnaround';

const requireFinite = (values: readonly number[], field: string): void => {
  if (values.some((value) => typeof value !== 'number' || !Number.isFinite(value))) {
    throw new InvalidValue(field, `${field} must hold finite numbers only`);
  }
};

const requireCount = (value: number, field: string): void => {
  if (!Number.isInteger(value) || value < 0) throw new InvalidValue(field, `${field} must be a whole number, 0 or more`);
};

const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/**
 * The middle value; for an even count, the mean of the two middle values (the
 * usual textbook median, so the report's median of 10 h and 20 h reads 15 h).
 * Null for no data. The report's turnaround median is this statistic read
 * from a histogram (histogramMedianHours), within the precision turnaround.ts states. Note `quantile(values, 0.5)` differs for an even count: it
 * is the nearest-rank (lower) median, always one of the observed values.
 */
export const median = (values: readonly number[]): number | null => {
  requireFinite(values, 'values');
  if (values.length === 0) return null;
  const sorted = ascending(values);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Nearest-rank quantile: the smallest observed value v such that at least a
 * share q of the data is ≤ v, i.e. the value at rank ⌈q·n⌉ (rank 1 for q = 0).
 * Chosen because it needs no interpolation convention: the p90 turnaround is
 * the time the loan at that rank took, which histogramQuantileHours reads
 * from its bucket. Null for no data.
 */
export const quantile = (values: readonly number[], q: number): number | null => {
  requireFinite(values, 'values');
  const rank = nearestRank(values.length, q);
  return values.length === 0 ? null : ascending(values)[rank - 1];
};

/**
 * Gini coefficient: the mean absolute difference between all pairs (i, j),
 * divided by twice the mean, G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄). 0 when all values
 * are equal; (n − 1)/n when one holds everything. Null for no values or a zero
 * sum (no load to share out, so no inequality to speak of). Values must not
 * be negative: a share of load cannot be.
 */
export const gini = (values: readonly number[]): number | null => {
  requireFinite(values, 'values');
  if (values.some((value) => value < 0)) throw new InvalidValue('values', 'values must not be negative');
  const n = values.length;
  const sum = values.reduce((total, value) => total + value, 0);
  if (n === 0 || sum === 0) return null;
  // Sorted ascending, Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − n − 1) x₍ᵢ₎ for i = 1..n: O(n log n) instead of every pair.
  const pairwise = 2 * ascending(values).reduce((total, value, index) => total + (2 * (index + 1) - n - 1) * value, 0);
  return pairwise / (2 * n * sum);
};

/**
 * How many more loans a partner should lend to meet its goal: target
 * (borrowed × goal ratio) minus what it lent. Higher means it should lend
 * next; negative means it has lent more than its share.
 */
export const loadLevellingScore = ({ lent, borrowed, goalRatio }: Readonly<{ lent: number; borrowed: number; goalRatio: number }>): number =>
  borrowed * goalRatio - lent;

/**
 * Share of the requests a lender had to answer that it filled: filled ÷
 * (filled + unfilled), as ILL statistics count it. A request its borrower
 * cancelled before the lender answered (`withdrawn`) is neither: it is left
 * out, so a borrower who finds the item elsewhere does not count against
 * the lender; a declined request, or one still unanswered, is unfilled.
 * Null when no request is left to answer.
 */
export const fillRate = (accepted: number, requestsReceived: number, withdrawn: number): number | null => {
  requireCount(accepted, 'accepted');
  requireCount(requestsReceived, 'requestsReceived');
  requireCount(withdrawn, 'withdrawn');
  if (withdrawn > requestsReceived) throw new InvalidValue('withdrawn', 'withdrawn must not be more than requestsReceived');
  const toAnswer = requestsReceived - withdrawn;
  return toAnswer === 0 ? null : accepted / toAnswer;
};

/** Service units per kind (cataloguing, training, …), as the report writes them: exact decimal strings. */
export type ServiceUnits = Readonly<Record<string, string>>;

/** Service units per kind as a read model sums them: scaled by 10^4, as ledger/amount keeps amounts, net of voids. */
export type ScaledUnits = ReadonlyMap<string, ScaledAmount>;

/** One partner's raw counts for the period, as the read models give them. */
export type PartnerPeriodCounts = Readonly<{
  isil: string;
  loansLent: number;
  loansBorrowed: number;
  requestsReceived: number;
  /** Of the requests received, those accepted before the period's end. */
  requestsAccepted: number;
  /** Of the requests received, those the borrower cancelled before the lender answered, before the period's end. */
  requestsWithdrawn: number;
  /** Request to shipment of the loans it shipped as lender whose request is known, per bucket (see turnaround.ts). */
  turnarounds: TurnaroundHistogram;
  /** Its exchange-item balance from the ledger, scaled: positive = others owe it items, negative = it owes items. */
  exchangeBalance: ScaledAmount;
  claimsFulfilled: number;
  claimsLapsed: number;
  servicesGiven: ScaledUnits;
  servicesReceived: ScaledUnits;
  /** Titles it holds, the denominator of its lending load in `networkFairness`. */
  holdings: number;
}>;

export type PartnerFairness = Readonly<{
  isil: string;
  loansLent: number;
  loansBorrowed: number;
  /** lent / borrowed; null when it borrowed nothing (no ratio to speak of). */
  ratio: number | null;
  goalRatio: number;
  /** ratio − goalRatio; null when ratio is null. */
  distanceFromGoal: number | null;
  loadLevellingScore: number;
  /** Requests accepted ÷ those it had to answer (fillRate); null when it had none to answer. */
  fillRate: number | null;
  turnaroundMedianHours: number | null;
  turnaroundP90Hours: number | null;
  /** Exchange items it still owes, as a decimal string: max(0, −exchangeBalance). */
  openExchangeDebt: string;
  claimsFulfilled: number;
  claimsLapsed: number;
  /** Per kind, in kind order; kinds whose units net to zero in the period are left out. */
  servicesGiven: ServiceUnits;
  servicesReceived: ServiceUnits;
}>;

const byKind = ([a]: readonly [string, unknown], [b]: readonly [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0);

/** Units as decimal strings in kind order, those that net to zero left out. */
const unitsOf = (units: ScaledUnits): ServiceUnits => {
  const kinds = [...units].filter(([, scaled]) => scaled !== 0n).sort(byKind);
  return Object.fromEntries(kinds.map(([kind, scaled]) => [kind, formatAmount(scaled)]));
};

const requireGoalRatio = (goalRatio: number): void => {
  if (!Number.isFinite(goalRatio) || goalRatio < 0) throw new InvalidValue('goalRatio', 'goalRatio must be a finite number, 0 or more');
};

/** One partner's row of the fairness report. */
export const partnerFairness = (input: PartnerPeriodCounts, goalRatio: number): PartnerFairness => {
  requireGoalRatio(goalRatio);
  for (const field of ['loansLent', 'loansBorrowed', 'requestsReceived', 'requestsAccepted', 'requestsWithdrawn', 'claimsFulfilled', 'claimsLapsed'] as const) {
    requireCount(input[field], field);
  }
  const ratio = input.loansBorrowed === 0 ? null : input.loansLent / input.loansBorrowed;
  const { exchangeBalance } = input;
  const turnaround = histogramHours(input.turnarounds, 0.9);
  return {
    isil: input.isil,
    loansLent: input.loansLent,
    loansBorrowed: input.loansBorrowed,
    ratio,
    goalRatio,
    distanceFromGoal: ratio === null ? null : ratio - goalRatio,
    loadLevellingScore: loadLevellingScore({ lent: input.loansLent, borrowed: input.loansBorrowed, goalRatio }),
    fillRate: fillRate(input.requestsAccepted, input.requestsReceived, input.requestsWithdrawn),
    turnaroundMedianHours: turnaround.median,
    turnaroundP90Hours: turnaround.quantile,
    openExchangeDebt: formatAmount(exchangeBalance < 0n ? -exchangeBalance : 0n),
    claimsFulfilled: input.claimsFulfilled,
    claimsLapsed: input.claimsLapsed,
    servicesGiven: unitsOf(input.servicesGiven),
    servicesReceived: unitsOf(input.servicesReceived),
  };
};

export type NetworkTotals = Readonly<{
  partners: number;
  loansLent: number;
  loansBorrowed: number;
  openExchangeDebt: string;
  claimsFulfilled: number;
  claimsLapsed: number;
  /** Per service kind, summed over partners; given and received match when every party is in the report. */
  servicesGiven: ServiceUnits;
  servicesReceived: ServiceUnits;
}>;

export type NetworkFairness = Readonly<{
  /** Gini of loans lent per title held, over partners holding anything; null when no such partner lent. */
  giniOfLendingLoad: number | null;
  /** Partners off their goal, largest |load-levelling score| first (ties by ISIL); those on goal are left out. */
  furthestFromGoal: PartnerFairness[];
  totals: NetworkTotals;
}>;

/** Scores that differ only by floating-point noise (0.1 × 3 vs 0.3) count as equal when ranking. */
const scoreKey = (score: number): number => Math.round(score * 1e9);

/** Whether two scores tie, by the tolerance `rankLenders` ranks with. */
export const sameScore = (a: number, b: number): boolean => scoreKey(a) === scoreKey(b);

const byIsil = (a: { isil: string }, b: { isil: string }): number => (a.isil < b.isil ? -1 : a.isil > b.isil ? 1 : 0);

const sumUnits = (rows: readonly ServiceUnits[]): ServiceUnits => {
  const totals = new Map<string, bigint>();
  for (const row of rows) {
    for (const [kind, amount] of Object.entries(row)) totals.set(kind, (totals.get(kind) ?? 0n) + parseAmount(amount));
  }
  return Object.fromEntries([...totals].sort(byKind).map(([kind, total]) => [kind, formatAmount(total)]));
};


/**
 * The network's part of the report. Lending load is loans lent per title
 * held, so a large library lending more is not counted as unfair; a partner
 * holding nothing has no load to compare and is left out of the Gini.
 */
export const networkFairness = (
  partners: readonly PartnerFairness[],
  holdingsByPartner: Readonly<Record<string, number>>,
  top = 5,
): NetworkFairness => {
  requireCount(top, 'top');
  const loads = partners.flatMap((partner) => {
    const holdings = holdingsByPartner[partner.isil] ?? 0;
    return holdings > 0 ? [partner.loansLent / holdings] : [];
  });
  const furthestFromGoal = partners
    .filter((partner) => scoreKey(partner.loadLevellingScore) !== 0)
    .sort((a, b) => Math.abs(scoreKey(b.loadLevellingScore)) - Math.abs(scoreKey(a.loadLevellingScore)) || byIsil(a, b))
    .slice(0, top);
  const sum = (pick: (partner: PartnerFairness) => number) => partners.reduce((total, partner) => total + pick(partner), 0);
  return {
    giniOfLendingLoad: gini(loads),
    furthestFromGoal,
    totals: {
      partners: partners.length,
      loansLent: sum((partner) => partner.loansLent),
      loansBorrowed: sum((partner) => partner.loansBorrowed),
      openExchangeDebt: formatAmount(partners.reduce((total, partner) => total + parseAmount(partner.openExchangeDebt), 0n)),
      claimsFulfilled: sum((partner) => partner.claimsFulfilled),
      claimsLapsed: sum((partner) => partner.claimsLapsed),
      servicesGiven: sumUnits(partners.map((partner) => partner.servicesGiven)),
      servicesReceived: sumUnits(partners.map((partner) => partner.servicesReceived)),
    },
  };
};

export type LenderCandidate = Readonly<{ isil: string; loadLevellingScore: number; loansLent: number }>;

/**
 * The lender suggestion for a title: the partners that hold it, the one that
 * most owes the network a loan first. Ties go to the one that lent fewer
 * loans (spreading the work), then to ISIL order so the answer is stable.
 * Returns a new array; extra fields on the candidates are kept.
 */
export const rankLenders = <Candidate extends LenderCandidate>(candidates: readonly Candidate[]): Candidate[] =>
  [...candidates].sort(
    (a, b) => scoreKey(b.loadLevellingScore) - scoreKey(a.loadLevellingScore) || a.loansLent - b.loansLent || byIsil(a, b),
  );
