import { byTally, toTally } from '../../application/fairness/fairness-facts.projection';
import type { GatheredCounts, LoanTally, Period } from '../../application/fairness/fairness-reads.port';
import { parseSpread } from '../../application/projections/running-totals';
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
   * since 1970, spreads (1 or 0)] → [agreementId, tally, subject, groups,
   * spreads]: every group of the tallies named, with its count and total at
   * the end of the period (`to`) and at its start: `from`, or for the
   * acceptances of requests made k days before them (bucket k) the start
   * plus k days, at most `to` (an acceptance before that is of a request
   * made before the period), or nothing ("0,0") for the exchanges, whose
   * balance is a stock since the beginning. One row per tally and subject,
   * its groups packed as "bucket,count,total,count,total" separated by
   * spaces: a row per group took SQLite longer to hand over (about 2 µs
   * each) than its two seeks. With spreads 1 (`from` and `to` at midnight),
   * a group that keeps a spread is read as its spread at `to` and at `from`
   * instead, separated by a line feed (null when it has not moved since
   * `from`), and is left out of `groups`, which is then null when nothing
   * else is in it.
   */
  groups: [readonly string[], readonly string[], readonly string[] | null, string, string, number, 0 | 1];
  /** [agreementIds] → [agreementId]: those whose facts were recorded out of log order (never, from a store that stamps times as it gives positions). */
  disordered: [readonly string[]];
};

/** Runs one tally query on a read store. */
export type TallyRows = <Row extends unknown[]>(query: keyof TallyQueries, params: TallyQueries[keyof TallyQueries]) => Promise<Row[]>;

/** The tallies whose exchanges' groups `groups` reads as a stock, without a start ("0,0"). */
export const STOCK_TALLIES: readonly string[] = [byTally('exchange-dispatched'), toTally('exchange-dispatched')];
/** The tally whose start moves with its bucket: the days from a request to its acceptance. */
export const LAGGED_TALLY = byTally('loan-accepted');

type GroupsRow = [agreement: string, tally: string, subject: string, groups: string | null, spreads: string | null];
/** One group's count and total in the period. */
type InPeriod = { agreement: string; tally: string; subject: string; bucket: string; n: number; total: bigint | number };

const REPORT_TALLIES: readonly string[] = [
  byTally('loan-shipped'), toTally('loan-shipped'), byTally('loan-requested'), byTally('loan-accepted'),
  byTally('claim-fulfilled'), byTally('claim-expired'),
  byTally('service'), toTally('service'),
  byTally('exchange-dispatched'), toTally('exchange-dispatched'),
];
const SHIPMENTS: readonly string[] = [byTally('loan-shipped'), toTally('loan-shipped')];
/** Tallies whose totals are units scaled by 10^4, summed exactly. */
const UNITS: ReadonlySet<string> = new Set(
  (['service', 'exchange-dispatched'] as const).flatMap((kind) => [byTally(kind), toTally(kind)]),
);
/** After every recorded time: a cut at the end of the log. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

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
 * are two index seeks per group of the agreement (a partner's tally of one
 * kind, per bucket), whatever the number of facts in the period or before
 * it. Holdings and agreements are read as the shared gathering reads them;
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
    const tallies = new Map<string, Tally>();
    for (const group of await this.inPeriod([agreementId], REPORT_TALLIES, period, null, 1)) {
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
    for (const { agreement, tally, subject, n } of await this.inPeriod(agreementIds, SHIPMENTS, { from: since, to: END_OF_TIME }, isils, 0)) {
      const key = `${agreement}\n${subject}`;
      const counted = found.get(key) ?? { agreementId: agreement, isil: subject, lent: 0, borrowed: 0 };
      counted[tally === byTally('loan-shipped') ? 'lent' : 'borrowed'] += n;
      found.set(key, counted);
    }
    return [...found.values()];
  }

  /**
   * Each group of the tallies named (for the subjects named, or all) with
   * something in the period: its count and total there; with `spreads`, per
   * bucket of a spread (the period then from midnight to midnight).
   */
  private async inPeriod(
    agreements: readonly string[],
    tallies: readonly string[],
    { from, to }: Period,
    subjects: readonly string[] | null,
    spreads: 0 | 1,
  ): Promise<InPeriod[]> {
    const rows = await this.tallies<GroupsRow>('groups', [agreements, tallies, subjects, from, to, Date.parse(from) / 1000, spreads]);
    const moved: InPeriod[] = [];
    for (const [agreement, tally, subject, groups, spread] of rows) {
      const units = UNITS.has(tally);
      // Units stay exact as bigints; a turnaround total in ms (or a count's 0) is a safe number.
      const minus = (upper: string | number, lower: string | number) => (units ? BigInt(upper) - BigInt(lower) : Number(upper) - Number(lower));
      for (const group of groups?.split(' ') ?? []) {
        const [bucket, nUpper, totalUpper, nLower, totalLower] = group.split(',');
        const n = Number(nUpper) - Number(nLower);
        if (n !== 0) moved.push({ agreement, tally, subject, bucket, n, total: minus(totalUpper, totalLower) });
      }
      if (spread === null) continue;
      const [upperText, lowerText] = spread.split('\n');
      if (upperText === lowerText) continue;
      // Each bucket followed by its count and total; the spread at the start lists its buckets first, in the same order.
      const [upper, lower] = [parseSpread(upperText), parseSpread(lowerText)];
      for (let i = 0; i < upper.length; i += 3) {
        const [nLower, totalLower] = i < lower.length ? [lower[i + 1], lower[i + 2]] : [0, 0];
        const n = Number(upper[i + 1]) - Number(nLower);
        if (n !== 0) moved.push({ agreement, tally, subject, bucket: String(upper[i]), n, total: minus(upper[i + 2], totalLower) });
      }
    }
    return moved;
  }

  private async disordered(agreements: readonly string[]): Promise<string[]> {
    return (await this.tallies<[string]>('disordered', [agreements])).map(([agreement]) => agreement);
  }
}
