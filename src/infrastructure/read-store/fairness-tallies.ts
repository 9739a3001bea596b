import { byTally, LAGGED_TALLIES, OPENING, toTally } from '../../application/fairness/fairness-facts.projection';
import type { GatheredCounts, LoanTally, Period } from '../../application/fairness/fairness-reads.port';
import { parseOpening, type Opening } from '../../application/projections/running-totals';
import type { TurnaroundBucket } from '../../domain/ledger';
import { add, FactsFairnessReads, type FactRows } from './fairness-gathering';

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
   * and at its start: `from`, or for the acceptances and withdrawals of
   * requests made k days before them (bucket k, LAGGED_TALLIES) the start
   * plus k days, at most `to` (one before that is of a request made before
   * the period), or
   * nothing ("0,0") for the exchanges, whose balance is a stock since the
   * beginning. One row per tally and subject, its groups packed as
   * "bucket,count,total,count,total" separated by spaces: a row per group
   * took SQLite longer to hand over (about 2 µs each) than its two seeks.
   */
  groups: [readonly string[], readonly string[], readonly string[] | null, string, string, number];
  /**
   * For one agreement (from and to at midnight) and the tallies named (the
   * LAGGED_TALLIES): [agreementId, tally, lender, groups] for each lender's
   * acceptances, and withdrawals, of a lag of a day or more (bucket k ≥ 1),
   * their count and total at their own start, the period's start plus k
   * days (at most `to`), packed "bucket,count,total" separated by spaces;
   * and [agreementId, OPENING, 'to' or 'from', opening]: the agreement's
   * tallies at the period's end and start (where those of a lag of 0 days
   * start), as the
   * first opening (fairness-facts.projection) on or after that day, in the
   * rows it was kept in (running-totals' OPENING_CHARS), or, when there is
   * none, its groups an opening holds as they are, written as an opening
   * is, a row per OPENED_ROW groups (none when it has none). One statement,
   * so both ends and the starts are read as of one moment, whatever is
   * being folded meanwhile.
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
/**
 * How many groups a store writes in one row of an opening it makes of the
 * groups as they are: some 100 bytes each at most (a spread of turnaround
 * buckets), so a row stays well under the 128 KB past which V8 allocates a
 * string in pages of its own (running-totals' OPENING_CHARS).
 */
export const OPENED_ROW = 100;
/** Where a group is in an opening's rows: its row's index times this, plus its place in the row. */
const ROW_STRIDE = 2 ** 24;
/** Takes one group's count and total in the period (a spread's bucket is a group here). */
type Visit = (agreement: string, tally: string, subject: string, bucket: string, n: number, total: bigint | number) => void;

const SHIPMENTS: readonly string[] = [byTally('loan-shipped'), toTally('loan-shipped')];
const LAGGED: ReadonlySet<string> = new Set(LAGGED_TALLIES);
/** Tallies whose totals are units scaled by 10^4, summed exactly. */
const UNITS: ReadonlySet<string> = new Set(
  (['service', 'exchange-dispatched'] as const).flatMap((kind) => [byTally(kind), toTally(kind)]),
);
const STOCKS: ReadonlySet<string> = new Set(STOCK_TALLIES);
/** After every recorded time: a cut at the end of the log. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/** A tally's total in a period: units stay exact as bigints; a turnaround total in ms (or a count's 0) is a safe number. */
const minus = (tally: string, upper: string | number, lower: string | number): bigint | number =>
  UNITS.has(tally) ? BigInt(upper) - BigInt(lower) : Number(upper) - Number(lower);

/**
 * Visits each group of an agreement's opening at a period's end (`upper`,
 * its rows) with something in the period: its count and total less those
 * of the opening at its start (`lower`; none for the exchanges, whose
 * balance is a stock since the beginning; for the acceptances and
 * withdrawals of a lag of k ≥ 1 days, those at their own start,
 * `laggedStarts` by tally, lender and bucket), per bucket of a spread (buckets only ever added at a spread's
 * end, so taken by place).
 */
const between = (agreement: string, upper: readonly Opening[], lower: readonly Opening[], visit: Visit, laggedStarts: ReadonlyMap<string, readonly string[]>): void => {
  const before = new Map<string, number>();
  lower.forEach((row, r) => {
    for (let i = 0; i < row.length; i += OPENED) before.set(`${row[i] as string}\n${row[i + 1] as string}\n${row[i + 2] as string}`, r * ROW_STRIDE + i);
  });
  for (const row of upper) {
    for (let i = 0; i < row.length; i += OPENED) {
      const tally = row[i] as string;
      const subject = row[i + 1] as string;
      const bucket = row[i + 2] as string;
      const spread = row[i + 5] as Array<string | number> | null;
      if (LAGGED.has(tally) && bucket !== '0') {
        const [n, total] = laggedStarts.get(`${tally}\n${subject}\n${bucket}`) ?? ['0', '0'];
        if (Number(row[i + 3]) !== Number(n)) visit(agreement, tally, subject, bucket, Number(row[i + 3]) - Number(n), minus(tally, row[i + 4] as string | number, total));
        continue;
      }
      const at = STOCKS.has(tally) ? undefined : before.get(`${tally}\n${subject}\n${bucket}`);
      const was = at === undefined ? undefined : lower[Math.floor(at / ROW_STRIDE)];
      const j = (at ?? 0) % ROW_STRIDE;
      if (spread === null) {
        const n = Number(row[i + 3]) - (was === undefined ? 0 : Number(was[j + 3]));
        if (n !== 0) visit(agreement, tally, subject, bucket, n, minus(tally, row[i + 4] as string | number, was === undefined ? 0 : (was[j + 4] as string | number)));
        continue;
      }
      const earlier = was === undefined ? [] : ((was[j + 5] as Array<string | number> | null) ?? []);
      for (let b = 0; b < spread.length; b += 3) {
        const inLower = b < earlier.length;
        const n = Number(spread[b + 1]) - (inLower ? Number(earlier[b + 1]) : 0);
        if (n !== 0) visit(agreement, tally, subject, String(spread[b]), n, minus(tally, spread[b + 2], inLower ? earlier[b + 2] : 0));
      }
    }
  }
};

/** Visits each group of the `groups` statement's rows with something in the period: its count and total there. */
const groupsIn = (rows: readonly GroupsRow[], visit: Visit): void => {
  for (const [agreement, tally, subject, groups] of rows) {
    for (const group of groups.split(' ')) {
      const [bucket, nUpper, totalUpper, nLower, totalLower] = group.split(',');
      const n = Number(nUpper) - Number(nLower);
      if (n !== 0) visit(agreement, tally, subject, bucket, n, minus(tally, totalUpper, totalLower));
    }
  }
};

/** One partner's counts (GatheredCounts), gathered as they are visited. */
type Tally = {
  loansLent: number;
  loansBorrowed: number;
  requestsReceived: number;
  requestsAccepted: number;
  requestsWithdrawn: number;
  turnarounds: Record<number, TurnaroundBucket>;
  claimsFulfilled: number;
  claimsLapsed: number;
  /** Scaled by 10^4, as ledger/amount keeps amounts. */
  exchangeBalance: bigint;
  servicesGiven: Map<string, bigint>;
  servicesReceived: Map<string, bigint>;
};

const emptyTally = (): Tally => ({
  loansLent: 0, loansBorrowed: 0, requestsReceived: 0, requestsAccepted: 0, requestsWithdrawn: 0, turnarounds: {},
  claimsFulfilled: 0, claimsLapsed: 0, exchangeBalance: 0n, servicesGiven: new Map(), servicesReceived: new Map(),
});

/** Whole UTC days: what the acceptances' lag in days can cut a period at. */
const MIDNIGHT = /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/;

/** How each tally's count or total in the period goes into its subject's counts (bucket: the group's, or its spread's). */
const COUNT: Record<string, (tally: Tally, bucket: string, n: number, total: bigint | number) => void> = {
  [byTally('loan-shipped')]: (tally, bucket, n, total) => {
    tally.loansLent += n;
    if (bucket !== '') tally.turnarounds[Number(bucket)] = { loans: n, totalMs: Number(total) };
  },
  [toTally('loan-shipped')]: (tally, _bucket, n) => void (tally.loansBorrowed += n),
  [byTally('loan-requested')]: (tally, _bucket, n) => void (tally.requestsReceived += n),
  [byTally('loan-accepted')]: (tally, _bucket, n) => void (tally.requestsAccepted += n),
  [byTally('loan-cancelled')]: (tally, _bucket, n) => void (tally.requestsWithdrawn += n),
  [byTally('claim-fulfilled')]: (tally, _bucket, n) => void (tally.claimsFulfilled += n),
  [byTally('claim-expired')]: (tally, _bucket, n) => void (tally.claimsLapsed += n),
  // Units net of voids: a void's are negative.
  [byTally('service')]: (tally, kind, _n, total) => void add(tally.servicesGiven, kind, total as bigint),
  [toTally('service')]: (tally, kind, _n, total) => void add(tally.servicesReceived, kind, total as bigint),
  [byTally('exchange-dispatched')]: (tally, _bucket, _n, total) => void (tally.exchangeBalance += total as bigint),
  [toTally('exchange-dispatched')]: (tally, _bucket, _n, total) => void (tally.exchangeBalance -= total as bigint),
};

/**
 * The fairness read side over the tallies the fact rows carry
 * (fairness-facts.projection), whatever the read store: the report's counts
 * are the agreement's openings at the period's two ends (one seek each, or
 * its tallies as they are for an end after its last fact) and an index
 * seek per lender's acceptances, and withdrawals, of each lag of a day or
 * more, whatever the
 * number of facts in the period or before it. Holdings and agreements are
 * read as the shared gathering reads them;
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
    const rows = await this.tallies<GroupsRow>('period', [[agreementId], LAGGED_TALLIES, null, period.from, period.to, Date.parse(period.from) / 1000]);
    const ends: Record<string, Opening[]> = { to: [], from: [] };
    const laggedStarts = new Map<string, string[]>();
    for (const [, tally, subject, text] of rows) {
      if (tally === OPENING) ends[subject].push(parseOpening(text));
      else for (const group of text.split(' ')) {
        const [bucket, n, total] = group.split(',');
        laggedStarts.set(`${tally}\n${subject}\n${bucket}`, [n, total]);
      }
    }
    const tallies = new Map<string, Tally>();
    const visit: Visit = (_agreement, name, subject, bucket, n, total) => {
      // An acceptance or cancellation whose request is not in the log (bucket '') is not of a request received in the
      // period, nor is a cancellation after an acceptance a withdrawal: it counts nothing and, as in the matching, gives
      // its lender no line.
      if (LAGGED.has(name) && bucket === '') return;
      let tally = tallies.get(subject);
      if (tally === undefined) tallies.set(subject, (tally = emptyTally()));
      COUNT[name](tally, bucket, n, total);
    };
    between(agreementId, ends.to, ends.from, visit, laggedStarts);
    return tallies;
  }

  override async loanTallies(agreementIds: readonly string[], isils: readonly string[], since: string): Promise<LoanTally[]> {
    if (agreementIds.length === 0 || isils.length === 0) return [];
    if ((await this.disordered(agreementIds)).length > 0) return super.loanTallies(agreementIds, isils, since);
    const found = new Map<string, { agreementId: string; isil: string; lent: number; borrowed: number }>();
    // Counts alone, at any instant: each tally's count and total, its spread not read.
    const rows = await this.tallies<GroupsRow>('groups', [agreementIds, SHIPMENTS, isils, since, END_OF_TIME, Date.parse(since) / 1000]);
    groupsIn(rows, (agreement, tally, subject, _bucket, n) => {
      const key = `${agreement}\n${subject}`;
      const counted = found.get(key) ?? { agreementId: agreement, isil: subject, lent: 0, borrowed: 0 };
      counted[tally === byTally('loan-shipped') ? 'lent' : 'borrowed'] += n;
      found.set(key, counted);
    });
    return [...found.values()];
  }

  private async disordered(agreements: readonly string[]): Promise<string[]> {
    return (await this.tallies<[string]>('disordered', [agreements])).map(([agreement]) => agreement);
  }
}
