import { byTally, LAGGED_TALLY, OPENING, toTally } from '../../application/fairness/fairness-facts.projection';
import type { GatheredCounts, LoanTally, Period } from '../../application/fairness/fairness-reads.port';
import { parseOpening, type Opening } from '../../application/projections/running-totals';
import { formatAmount, type TurnaroundBucket } from '../../domain/ledger';
import { FactsFairnessReads, type FactRows } from './fairness-gathering';

/**
 * The queries a store answers over the tallies the fairness facts carry
 * (fairness-facts.projection), with their positional parameters, each row
 * as an array of its columns.
 */
export type TallyQueries = {
  /**
   * [agreementIds, tallies, subjects (null: all), from, to, from in seconds
   * since 1970] → [agreementId, tally, subject, groups]: every group of the
   * tallies named, with its count and total at the end of the period (`to`)
   * and at its start: `from`, or for the acceptances of requests made k
   * days before them (bucket k) the start plus k days, at most `to` (an
   * acceptance before that is of a request made before the period), or
   * nothing ("0,0") for the exchanges, whose balance is a stock since the
   * beginning. One row per tally and subject, its groups packed as
   * "bucket,count,total,count,total" separated by spaces: a row per group
   * took SQLite longer to hand over (about 2 µs each) than its two seeks.
   */
  groups: [readonly string[], readonly string[], readonly string[] | null, string, string, number];
  /**
   * As `groups`, for one agreement (from and to at midnight), and two rows
   * more, [agreementId, OPENING, 'to' or 'from', opening]: the agreement's
   * tallies at the period's end and start, as the first opening
   * (fairness-facts.projection) on or after that day, or, when there is
   * none, its groups an opening holds as they are, written as an opening
   * is. One statement, so both ends and the groups are read as of one
   * moment, whatever is being folded meanwhile.
   */
  period: [readonly string[], readonly string[], null, string, string, number];
  /** [agreementIds] → [agreementId]: those whose facts were recorded out of log order (never, from a store that stamps times as it gives positions). */
  disordered: [readonly string[]];
};

/** Runs one tally query on a read store. */
export type TallyRows = <Row extends unknown[]>(query: keyof TallyQueries, params: TallyQueries[keyof TallyQueries]) => Promise<Row[]>;

/** The tallies whose exchanges' groups `groups` reads as a stock, without a start ("0,0"). */
export const STOCK_TALLIES: readonly string[] = [byTally('exchange-dispatched'), toTally('exchange-dispatched')];
type GroupsRow = [agreement: string, tally: string, subject: string, groups: string];
/** An opening's width: each group's tally, subject, bucket, count, total and spread (running-totals' Opening). */
const OPENED = 6;
/** One group's count and total in the period. */
type InPeriod = { agreement: string; tally: string; subject: string; bucket: string; n: number; total: bigint | number };

const SHIPMENTS: readonly string[] = [byTally('loan-shipped'), toTally('loan-shipped')];
/** Tallies whose totals are units scaled by 10^4, summed exactly. */
const UNITS: ReadonlySet<string> = new Set(
  (['service', 'exchange-dispatched'] as const).flatMap((kind) => [byTally(kind), toTally(kind)]),
);
/** After every recorded time: a cut at the end of the log. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/** A tally's total in a period: units stay exact as bigints; a turnaround total in ms (or a count's 0) is a safe number. */
const minus = (tally: string, upper: string | number, lower: string | number): bigint | number =>
  UNITS.has(tally) ? BigInt(upper) - BigInt(lower) : Number(upper) - Number(lower);

/**
 * Each group of an agreement's opening at a period's end (`upper`) with
 * something in the period: its count and total less those of the opening
 * at its start (`lower`; none for the exchanges, whose balance is a stock
 * since the beginning), per bucket of a spread (buckets only ever added at
 * a spread's end, so taken by place).
 */
const between = (agreement: string, upper: Opening, lower: Opening): InPeriod[] => {
  const before = new Map<string, number>();
  for (let i = 0; i < lower.length; i += OPENED) before.set(`${String(lower[i])}\n${String(lower[i + 1])}\n${String(lower[i + 2])}`, i);
  const moved: InPeriod[] = [];
  for (let i = 0; i < upper.length; i += OPENED) {
    const [tally, subject, bucket] = [String(upper[i]), String(upper[i + 1]), String(upper[i + 2])];
    const j = STOCK_TALLIES.includes(tally) ? undefined : before.get(`${tally}\n${subject}\n${bucket}`);
    const spread = upper[i + 5] as Array<string | number> | null;
    if (spread === null) {
      const n = Number(upper[i + 3]) - (j === undefined ? 0 : Number(lower[j + 3]));
      if (n !== 0) moved.push({ agreement, tally, subject, bucket, n, total: minus(tally, upper[i + 4] as string | number, j === undefined ? 0 : (lower[j + 4] as string | number)) });
      continue;
    }
    const earlier = j === undefined ? [] : ((lower[j + 5] as Array<string | number> | null) ?? []);
    for (let b = 0; b < spread.length; b += 3) {
      const [nLower, totalLower] = b < earlier.length ? [earlier[b + 1], earlier[b + 2]] : [0, 0];
      const n = Number(spread[b + 1]) - Number(nLower);
      if (n !== 0) moved.push({ agreement, tally, subject, bucket: String(spread[b]), n, total: minus(tally, spread[b + 2], totalLower) });
    }
  }
  return moved;
};

/** Each group of the `groups` statement's rows with something in the period: its count and total there. */
const groupsIn = (rows: readonly GroupsRow[]): InPeriod[] => {
  const moved: InPeriod[] = [];
  for (const [agreement, tally, subject, groups] of rows) {
    for (const group of groups.split(' ')) {
      const [bucket, nUpper, totalUpper, nLower, totalLower] = group.split(',');
      const n = Number(nUpper) - Number(nLower);
      if (n !== 0) moved.push({ agreement, tally, subject, bucket, n, total: minus(tally, totalUpper, totalLower) });
    }
  }
  return moved;
};

/** One partner's counts while they are being gathered. */
type Tally = {
  loansLent: number;
  loansBorrowed: number;
  requestsReceived: number;
  requestsAccepted: number;
  turnarounds: Record<number, TurnaroundBucket>;
  claimsFulfilled: number;
  claimsLapsed: number;
  /** Scaled by 10^4, as ledger/amount keeps amounts. */
  exchange: bigint;
  given: Map<string, bigint>;
  received: Map<string, bigint>;
};

const emptyTally = (): Tally => ({
  loansLent: 0, loansBorrowed: 0, requestsReceived: 0, requestsAccepted: 0, turnarounds: {},
  claimsFulfilled: 0, claimsLapsed: 0, exchange: 0n, given: new Map(), received: new Map(),
});

const add = (units: Map<string, bigint>, kind: string, scaled: bigint) => units.set(kind, (units.get(kind) ?? 0n) + scaled);

/** Kinds whose units net to zero in the period are left out. */
const unitsOf = (units: Map<string, bigint>): Record<string, string> =>
  Object.fromEntries([...units].filter(([, scaled]) => scaled !== 0n).sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, scaled]) => [kind, formatAmount(scaled)]));

/** Whole UTC days: what the acceptances' lag in days can cut a period at. */
const MIDNIGHT = /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/;

/** How each tally's count or total in the period goes into its subject's counts. */
const COUNT: Record<string, (tally: Tally, group: InPeriod) => void> = {
  [byTally('loan-shipped')]: (tally, { bucket, n, total }) => {
    tally.loansLent += n;
    if (bucket !== '') tally.turnarounds[Number(bucket)] = { loans: n, totalMs: Number(total) };
  },
  [toTally('loan-shipped')]: (tally, { n }) => void (tally.loansBorrowed += n),
  [byTally('loan-requested')]: (tally, { n }) => void (tally.requestsReceived += n),
  [byTally('loan-accepted')]: (tally, { n }) => void (tally.requestsAccepted += n),
  [byTally('claim-fulfilled')]: (tally, { n }) => void (tally.claimsFulfilled += n),
  [byTally('claim-expired')]: (tally, { n }) => void (tally.claimsLapsed += n),
  // Units net of voids: a void's are negative.
  [byTally('service')]: (tally, { bucket, total }) => void add(tally.given, bucket, BigInt(total)),
  [toTally('service')]: (tally, { bucket, total }) => void add(tally.received, bucket, BigInt(total)),
  [byTally('exchange-dispatched')]: (tally, { total }) => void (tally.exchange += BigInt(total)),
  [toTally('exchange-dispatched')]: (tally, { total }) => void (tally.exchange -= BigInt(total)),
};

/**
 * The fairness read side over the tallies the fact rows carry
 * (fairness-facts.projection), whatever the read store: the report's counts
 * are the agreement's openings at the period's two ends (one seek each, or
 * its tallies as they are for an end after its last fact) and two index
 * seeks per acceptance bucket of a partner, whatever the number of facts in
 * the period or before it. Holdings and agreements are read as the shared gathering reads them;
 * a log whose recorded times go back, or a period that does not start and
 * end at midnight UTC, is answered by the matching of requests to shipments
 * when asked.
 */
export class TalliedFairnessReads extends FactsFairnessReads {
  constructor(
    facts: FactRows,
    private readonly tallies: TallyRows,
  ) {
    super(facts);
  }

  override async periodCounts(agreementId: string, period: Period): Promise<Map<string, GatheredCounts>> {
    if (!MIDNIGHT.test(period.from) || !MIDNIGHT.test(period.to) || (await this.disordered([agreementId])).length > 0) {
      return super.periodCounts(agreementId, period);
    }
    const rows = await this.tallies<GroupsRow>('period', [[agreementId], [LAGGED_TALLY], null, period.from, period.to, Date.parse(period.from) / 1000]);
    const ends = new Map(rows.filter(([, tally]) => tally === OPENING).map(([, , end, opening]) => [end, parseOpening(opening)]));
    const accepted = groupsIn(rows.filter(([, tally]) => tally !== OPENING));
    const tallies = new Map<string, Tally>();
    for (const group of [...between(agreementId, ends.get('to')!, ends.get('from')!), ...accepted]) {
      // An acceptance whose request is not in the log (bucket '') is not of a request received in the period:
      // it counts nothing and, as in the matching, gives its lender no line.
      if (group.tally === LAGGED_TALLY && group.bucket === '') continue;
      let tally = tallies.get(group.subject);
      if (tally === undefined) tallies.set(group.subject, (tally = emptyTally()));
      COUNT[group.tally](tally, group);
    }
    return new Map(
      [...tallies].map(([isil, { exchange, given, received, ...counts }]) => [
        isil,
        { ...counts, exchangeBalance: formatAmount(exchange), servicesGiven: unitsOf(given), servicesReceived: unitsOf(received) },
      ]),
    );
  }

  override async loanTallies(agreementIds: readonly string[], isils: readonly string[], since: string): Promise<LoanTally[]> {
    if (agreementIds.length === 0 || isils.length === 0) return [];
    if ((await this.disordered(agreementIds)).length > 0) return super.loanTallies(agreementIds, isils, since);
    const found = new Map<string, { agreementId: string; isil: string; lent: number; borrowed: number }>();
    // Counts alone, at any instant: each tally's count and total, its spread not read.
    for (const { agreement, tally, subject, n } of await this.inPeriod(agreementIds, SHIPMENTS, { from: since, to: END_OF_TIME }, isils)) {
      const key = `${agreement}\n${subject}`;
      const counted = found.get(key) ?? { agreementId: agreement, isil: subject, lent: 0, borrowed: 0 };
      counted[tally === byTally('loan-shipped') ? 'lent' : 'borrowed'] += n;
      found.set(key, counted);
    }
    return [...found.values()];
  }

  /**
   * Each group of the tallies named (for the subjects named, or all) with
   * something in the period: its count and total there.
   */
  private async inPeriod(
    agreements: readonly string[],
    tallies: readonly string[],
    { from, to }: Period,
    subjects: readonly string[] | null,
  ): Promise<InPeriod[]> {
    return groupsIn(await this.tallies<GroupsRow>('groups', [agreements, tallies, subjects, from, to, Date.parse(from) / 1000]));
  }

  private async disordered(agreements: readonly string[]): Promise<string[]> {
    return (await this.tallies<[string]>('disordered', [agreements])).map(([agreement]) => agreement);
  }
}
