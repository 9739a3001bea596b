import type { Database, Statement } from 'better-sqlite3';
import { AGREEMENTS_PROJECTION, type AgreementView } from '../../src/application/agreements/agreements.projection';
import {
  FAIRNESS_FACTS_PROJECTION,
  FAIRNESS_HOLDINGS_PROJECTION,
} from '../../src/application/fairness/fairness-facts.projection';
import type { FairnessReads, GatheredCounts, LoanTally, Period } from '../../src/application/fairness/fairness-reads.port';
import { formatAmount } from '../../src/domain/ledger';
import type { AgreementFacts } from '../../src/domain/shared/cooperation';

const FACTS = `rm_${FAIRNESS_FACTS_PROJECTION}`;
const HOLDINGS = `rm_${FAIRNESS_HOLDINGS_PROJECTION}`;
const AGREEMENTS = `rm_${AGREEMENTS_PROJECTION}`;
const HOUR_MS = 3_600_000;

/**
 * A loan shipped in the period but requested before it has its request looked
 * for in the 90 days before the period first, then in windows that double.
 */
const REQUEST_LEAD_DAYS = 90;
const DAY_MS = 86_400_000;

/** Every query the adapter runs; each is a range scan of the (agreement_id, kind, recorded_at, …) index alone. */
const SQL = {
  /** Loans shipped in the period. */
  shipped: `
    SELECT party, counterparty, subject, recorded_at FROM ${FACTS}
    WHERE agreement_id = ? AND kind = 'loan-shipped' AND recorded_at >= ? AND recorded_at < ?`,
  requested: `
    SELECT party, subject, recorded_at FROM ${FACTS}
    WHERE agreement_id = ? AND kind = 'loan-requested' AND recorded_at >= ? AND recorded_at < ?`,
  firstRequest: `SELECT min(recorded_at) FROM ${FACTS} WHERE agreement_id = ? AND kind = 'loan-requested'`,
  accepted: `
    SELECT party, subject FROM ${FACTS}
    WHERE agreement_id = ? AND kind = 'loan-accepted' AND recorded_at >= ? AND recorded_at < ?`,
  /** Exchange items sent, per pair, from the start to the end of the period: an open debt is a stock, not a flow. */
  exchanges: `
    SELECT party, counterparty, sum(units) FROM ${FACTS}
    WHERE agreement_id = ? AND kind = 'exchange-dispatched' AND recorded_at < ?
    GROUP BY party, counterparty`,
  claims: `
    SELECT party, kind, count(*) FROM ${FACTS}
    WHERE agreement_id = ? AND kind IN ('claim-fulfilled', 'claim-expired') AND recorded_at >= ? AND recorded_at < ?
    GROUP BY party, kind`,
  /** A voided service takes its units back in the period the void was recorded, as the ledger's postings do. */
  services: `
    SELECT party, counterparty, detail, sum(CASE kind WHEN 'service-voided' THEN -units ELSE units END) FROM ${FACTS}
    WHERE agreement_id = ? AND kind IN ('service-rendered', 'service-voided') AND recorded_at >= ? AND recorded_at < ?
    GROUP BY party, counterparty, detail`,
  /** The latest row of each (isil, isbn) says whether it is held (SQLite takes the bare column from the max() row). */
  holdings: `
    SELECT isil, count(*)
    FROM (SELECT isil, held, max(seq) FROM ${HOLDINGS} WHERE isil IN (SELECT value FROM json_each(?)) GROUP BY isil, isbn)
    WHERE held = 1
    GROUP BY isil`,
  loanAgreements: `
    SELECT doc FROM ${AGREEMENTS} a
    WHERE a.ix_status = 'active'
      AND EXISTS (SELECT 1 FROM json_each(a.doc, '$.members') m WHERE upper(m.value) = ?)
      AND EXISTS (SELECT 1 FROM json_each(a.doc, '$.forms') f WHERE f.value = 'loans')`,
  tallies: `
    SELECT agreement_id, party, 'lent', count(*)
    FROM ${FACTS}
    WHERE agreement_id IN (SELECT value FROM json_each(@agreements)) AND kind = 'loan-shipped' AND recorded_at >= @since
      AND party IN (SELECT value FROM json_each(@isils))
    GROUP BY agreement_id, party
    UNION ALL
    SELECT agreement_id, counterparty, 'borrowed', count(*)
    FROM ${FACTS}
    WHERE agreement_id IN (SELECT value FROM json_each(@agreements)) AND kind = 'loan-shipped' AND recorded_at >= @since
      AND counterparty IN (SELECT value FROM json_each(@isils))
    GROUP BY agreement_id, counterparty`,
} as const;

/** One partner's counts while they are being gathered. */
type Tally = {
  loansLent: number;
  loansBorrowed: number;
  requestsReceived: number;
  requestsAccepted: number;
  turnaroundHours: number[];
  claimsFulfilled: number;
  claimsLapsed: number;
  /** Scaled by 10^4, as ledger/amount keeps amounts. */
  exchange: bigint;
  given: Map<string, bigint>;
  received: Map<string, bigint>;
};

const emptyTally = (): Tally => ({
  loansLent: 0, loansBorrowed: 0, requestsReceived: 0, requestsAccepted: 0, turnaroundHours: [],
  claimsFulfilled: 0, claimsLapsed: 0, exchange: 0n, given: new Map(), received: new Map(),
});

const add = (units: Map<string, bigint>, kind: string, scaled: bigint) => units.set(kind, (units.get(kind) ?? 0n) + scaled);

/** Kinds whose units net to zero in the period are left out. */
const unitsOf = (units: Map<string, bigint>): Record<string, string> =>
  Object.fromEntries([...units].filter(([, scaled]) => scaled !== 0n).sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, scaled]) => [kind, formatAmount(scaled)]));

/**
 * The baseline of bench/queries: the fairness read side as it was before a
 * loan's acceptance and shipment carried its request time, matching requests
 * to shipments on the loan id when the report is asked for (kept here only).
 *
 * The fairness read side on SQLite: counts gathered from the fact rows, the
 * holdings rows and the agreements documents. Statements are prepared on first
 * use, once the runner has created the tables.
 */
export class SqliteFairnessJoins implements FairnessReads {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  async periodCounts(agreementId: string, period: Period): Promise<Map<string, GatheredCounts>> {
    const tallies = new Map<string, Tally>();
    const of = (isil: string) => {
      let tally = tallies.get(isil);
      if (tally === undefined) tallies.set(isil, (tally = emptyTally()));
      return tally;
    };
    this.gatherLoans(agreementId, period, of);
    const { from, to } = period;
    for (const [sender, receiver, units] of this.rows<[string, string, number]>('exchanges', agreementId, to)) {
      of(sender).exchange += BigInt(units);
      of(receiver).exchange -= BigInt(units);
    }
    for (const [claimant, kind, count] of this.rows<[string, string, number]>('claims', agreementId, from, to)) {
      if (kind === 'claim-fulfilled') of(claimant).claimsFulfilled = count;
      else of(claimant).claimsLapsed = count;
    }
    for (const [provider, recipient, kind, units] of this.rows<[string, string, string, number]>('services', agreementId, from, to)) {
      add(of(provider).given, kind, BigInt(units));
      add(of(recipient).received, kind, BigInt(units));
    }
    return new Map(
      [...tallies].map(([isil, { exchange, given, received, ...counts }]) => [
        isil,
        { ...counts, exchangeBalance: formatAmount(exchange), servicesGiven: unitsOf(given), servicesReceived: unitsOf(received) },
      ]),
    );
  }

  /**
   * Loans shipped in the period, with their turnaround, and requests received
   * in it with how many were accepted before its end. Requests are matched to
   * shipments and acceptances on the loan id in memory (a hash join over two
   * range scans), since the acceptance of a request made in the period falls
   * in the period or after it.
   */
  private gatherLoans(agreementId: string, { from, to }: Period, of: (isil: string) => Tally): void {
    const requestedAt = new Map<string, string>();
    for (const [lender, loanId, at] of this.rows<[string, string, string]>('requested', agreementId, from, to)) {
      requestedAt.set(loanId, at);
      of(lender).requestsReceived += 1;
    }
    for (const [lender, loanId] of this.rows<[string, string]>('accepted', agreementId, from, to)) {
      // An acceptance in the period of a request made before it is not this period's.
      if (requestedAt.has(loanId)) of(lender).requestsAccepted += 1;
    }
    const shipped = this.rows<[string, string, string, string]>('shipped', agreementId, from, to);
    this.findEarlierRequests(agreementId, from, shipped.map(([, , loanId]) => loanId), requestedAt);
    for (const [lender, borrower, loanId, shippedAt] of shipped) {
      const lent = of(lender);
      lent.loansLent += 1;
      const at = requestedAt.get(loanId);
      if (at !== undefined) lent.turnaroundHours.push((Date.parse(shippedAt) - Date.parse(at)) / HOUR_MS);
      of(borrower).loansBorrowed += 1;
    }
  }

  /** Looks further back, in windows that double, for requests of shipped loans not found yet. */
  private findEarlierRequests(agreementId: string, before: string, loanIds: readonly string[], requestedAt: Map<string, string>): void {
    const missing = new Set(loanIds.filter((loanId) => !requestedAt.has(loanId)));
    if (missing.size === 0) return;
    const [[first]] = this.rows<[string | null]>('firstRequest', agreementId);
    let upper = before;
    for (let days = REQUEST_LEAD_DAYS; missing.size > 0 && first !== null && first < upper; days *= 2) {
      const lower = new Date(Date.parse(upper) - days * DAY_MS).toISOString();
      for (const [, loanId, at] of this.rows<[string, string, string]>('requested', agreementId, lower, upper)) {
        if (missing.delete(loanId)) requestedAt.set(loanId, at);
      }
      upper = lower;
    }
  }

  async holdingsCounts(isils: readonly string[]): Promise<Record<string, number>> {
    const rows = this.rows<[string, number]>('holdings', JSON.stringify(isils));
    return Object.fromEntries(rows);
  }

  async loanAgreementsOf(isil: string): Promise<AgreementFacts[]> {
    return this.rows<[string]>('loanAgreements', isil).map(([doc]) => {
      const { agreementId, terminated, forms, startsOn, endsOn, members, terms, subjects } = JSON.parse(doc) as AgreementView;
      return { agreementId, terminated, forms, startsOn, ...(endsOn === undefined ? {} : { endsOn }), members, terms, subjects };
    });
  }

  async loanTallies(agreementIds: readonly string[], isils: readonly string[], since: string): Promise<LoanTally[]> {
    if (agreementIds.length === 0 || isils.length === 0) return [];
    const found = new Map<string, { agreementId: string; isil: string; lent: number; borrowed: number }>();
    const rows = this.rows<[string, string, 'lent' | 'borrowed', number]>(
      'tallies',
      { agreements: JSON.stringify(agreementIds), isils: JSON.stringify(isils), since },
    );
    for (const [agreementId, isil, side, count] of rows) {
      const key = `${agreementId}\n${isil}`;
      const tally = found.get(key) ?? { agreementId, isil, lent: 0, borrowed: 0 };
      tally[side] = count;
      found.set(key, tally);
    }
    return [...found.values()];
  }

  private rows<Row extends unknown[]>(query: keyof typeof SQL, ...params: unknown[]): Row[] {
    let statement = this.statements.get(query);
    if (statement === undefined) {
      statement = this.db.prepare(SQL[query]).raw();
      this.statements.set(query, statement);
    }
    return statement.all(...params) as Row[];
  }
}
