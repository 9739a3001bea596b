import type { AgreementView } from '../../application/agreements/agreements.projection';
import type { FairnessReads, GatheredCounts, LoanTally, Period } from '../../application/fairness/fairness-reads.port';
import { turnaroundHistogram } from '../../domain/ledger';
import type { AgreementFacts } from '../../domain/shared/cooperation';

/**
 * A loan shipped in the period but requested before it has its request looked
 * for in the 90 days before the period first, then in windows that double.
 */
const REQUEST_LEAD_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * The queries every fairness adapter answers over its fact rows, holdings
 * rows and agreements documents, with their positional parameters (lists
 * as arrays), each row as an array of its columns. Counts come back as
 * numbers; sums of units as numbers or decimal text.
 */
export type FactQueries = {
  /** [agreementId, from, to] → [lender, borrower, loanId, shippedAt]: loans shipped in the period. */
  shipped: [string, string, string];
  /** [agreementId, from, to] → [lender, loanId, requestedAt]. */
  requested: [string, string, string];
  /** [agreementId] → [first requestedAt or null]. */
  firstRequest: [string];
  /** [agreementId, from, to] → [lender, loanId]. */
  accepted: [string, string, string];
  /** [agreementId, from, to] → [lender, loanId]: loans cancelled by their borrower. */
  cancelled: [string, string, string];
  /** [agreementId, to] → [sender, receiver, units]: exchange items sent from the start to the end of the period. */
  exchanges: [string, string];
  /** [agreementId, from, to] → [claimant, kind, count]. */
  claims: [string, string, string];
  /** [agreementId, from, to] → [provider, recipient, kind, units], voids taking units back. */
  services: [string, string, string];
  /** [isils] → [isil, titles held now]. */
  holdings: [readonly string[]];
  /** [upper-case isil] → [agreement document as JSON]: active agreements covering loans with the library a member. */
  loanAgreements: [string];
  /** [agreementIds, isils, since] → [agreementId, isil, 'lent' | 'borrowed', count]. */
  tallies: [readonly string[], readonly string[], string];
};

/** Runs one fairness query on a read store. */
export type FactRows = <Row extends unknown[]>(query: keyof FactQueries, params: FactQueries[keyof FactQueries]) => Promise<Row[]>;

/** One partner's counts while they are being gathered. */
type Tally = {
  loansLent: number;
  loansBorrowed: number;
  requestsReceived: number;
  requestsAccepted: number;
  requestsWithdrawn: number;
  /** Request to shipment, in ms, of each loan it shipped. */
  turnaroundsMs: number[];
  claimsFulfilled: number;
  claimsLapsed: number;
  /** Scaled by 10^4, as ledger/amount keeps amounts. */
  exchange: bigint;
  given: Map<string, bigint>;
  received: Map<string, bigint>;
};

const emptyTally = (): Tally => ({
  loansLent: 0, loansBorrowed: 0, requestsReceived: 0, requestsAccepted: 0, requestsWithdrawn: 0, turnaroundsMs: [],
  claimsFulfilled: 0, claimsLapsed: 0, exchange: 0n, given: new Map(), received: new Map(),
});

export const add = (units: Map<string, bigint>, kind: string, scaled: bigint) => units.set(kind, (units.get(kind) ?? 0n) + scaled);

/**
 * The fairness read side, whatever the read store: counts gathered from the
 * fact rows, the holdings rows and the agreements documents through the
 * store's `FactRows`; every judgement is the domain's.
 */
export class FactsFairnessReads implements FairnessReads {
  constructor(private readonly rows: FactRows) {}

  async periodCounts(agreementId: string, period: Period): Promise<Map<string, GatheredCounts>> {
    const tallies = new Map<string, Tally>();
    const of = (isil: string) => {
      let tally = tallies.get(isil);
      if (tally === undefined) tallies.set(isil, (tally = emptyTally()));
      return tally;
    };
    await this.gatherLoans(agreementId, period, of);
    const { from, to } = period;
    for (const [sender, receiver, units] of await this.rows<[string, string, number | string]>('exchanges', [agreementId, to])) {
      of(sender).exchange += BigInt(units);
      of(receiver).exchange -= BigInt(units);
    }
    for (const [claimant, kind, count] of await this.rows<[string, string, number]>('claims', [agreementId, from, to])) {
      if (kind === 'claim-fulfilled') of(claimant).claimsFulfilled = count;
      else of(claimant).claimsLapsed = count;
    }
    for (const [provider, recipient, kind, units] of await this.rows<[string, string, string, number | string]>('services', [agreementId, from, to])) {
      add(of(provider).given, kind, BigInt(units));
      add(of(recipient).received, kind, BigInt(units));
    }
    return new Map(
      [...tallies].map(([isil, { exchange, given, received, turnaroundsMs, ...counts }]) => [
        isil,
        { ...counts, turnarounds: turnaroundHistogram(turnaroundsMs), exchangeBalance: exchange, servicesGiven: given, servicesReceived: received },
      ]),
    );
  }

  /**
   * Loans shipped in the period, with their turnaround, and requests received
   * in it with how many were accepted before its end and how many the
   * borrower withdrew before an answer, before its end. Requests are matched
   * to shipments, acceptances and cancellations on the loan id in memory (a
   * hash join over range scans), since the acceptance or cancellation of a
   * request made in the period falls in the period or after it.
   */
  private async gatherLoans(agreementId: string, { from, to }: Period, of: (isil: string) => Tally): Promise<void> {
    const requestedAt = new Map<string, string>();
    for (const [lender, loanId, at] of await this.rows<[string, string, string]>('requested', [agreementId, from, to])) {
      requestedAt.set(loanId, at);
      of(lender).requestsReceived += 1;
    }
    const accepted = new Set<string>();
    for (const [lender, loanId] of await this.rows<[string, string]>('accepted', [agreementId, from, to])) {
      // An acceptance in the period of a request made before it is not this period's.
      if (!requestedAt.has(loanId)) continue;
      of(lender).requestsAccepted += 1;
      accepted.add(loanId);
    }
    for (const [lender, loanId] of await this.rows<[string, string]>('cancelled', [agreementId, from, to])) {
      // A borrower cancels a loan requested or accepted (loan.decider): one not accepted was cancelled before any answer.
      // An acceptance before the cancellation of a request made in the period falls in the period too.
      if (requestedAt.has(loanId) && !accepted.has(loanId)) of(lender).requestsWithdrawn += 1;
    }
    const shipped = await this.rows<[string, string, string, string]>('shipped', [agreementId, from, to]);
    await this.findEarlierRequests(agreementId, from, shipped.map(([, , loanId]) => loanId), requestedAt);
    for (const [lender, borrower, loanId, shippedAt] of shipped) {
      const lent = of(lender);
      lent.loansLent += 1;
      const at = requestedAt.get(loanId);
      if (at !== undefined) lent.turnaroundsMs.push(Date.parse(shippedAt) - Date.parse(at));
      of(borrower).loansBorrowed += 1;
    }
  }

  /** Looks further back, in windows that double, for requests of shipped loans not found yet. */
  private async findEarlierRequests(agreementId: string, before: string, loanIds: readonly string[], requestedAt: Map<string, string>): Promise<void> {
    const missing = new Set(loanIds.filter((loanId) => !requestedAt.has(loanId)));
    if (missing.size === 0) return;
    const [[first]] = await this.rows<[string | null]>('firstRequest', [agreementId]);
    let upper = before;
    for (let days = REQUEST_LEAD_DAYS; missing.size > 0 && first !== null && first < upper; days *= 2) {
      const lower = new Date(Date.parse(upper) - days * DAY_MS).toISOString();
      for (const [, loanId, at] of await this.rows<[string, string, string]>('requested', [agreementId, lower, upper])) {
        if (missing.delete(loanId)) requestedAt.set(loanId, at);
      }
      upper = lower;
    }
  }

  async holdingsCounts(isils: readonly string[]): Promise<Record<string, number>> {
    const rows = await this.rows<[string, number]>('holdings', [isils]);
    return Object.fromEntries(rows);
  }

  async loanAgreementsOf(isil: string): Promise<AgreementFacts[]> {
    return (await this.rows<[string]>('loanAgreements', [isil])).map(([doc]) => {
      const { agreementId, terminated, forms, startsOn, endsOn, members, terms, subjects } = JSON.parse(doc) as AgreementView;
      return { agreementId, terminated, forms, startsOn, ...(endsOn === undefined ? {} : { endsOn }), members, terms, subjects };
    });
  }

  async loanTallies(agreementIds: readonly string[], isils: readonly string[], since: string): Promise<LoanTally[]> {
    if (agreementIds.length === 0 || isils.length === 0) return [];
    const found = new Map<string, { agreementId: string; isil: string; lent: number; borrowed: number }>();
    const rows = await this.rows<[string, string, 'lent' | 'borrowed', number]>('tallies', [agreementIds, isils, since]);
    for (const [agreementId, isil, side, count] of rows) {
      const key = `${agreementId}\n${isil}`;
      const tally = found.get(key) ?? { agreementId, isil, lent: 0, borrowed: 0 };
      tally[side] = count;
      found.set(key, tally);
    }
    return [...found.values()];
  }
}
