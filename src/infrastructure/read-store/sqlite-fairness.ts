import type { Database, Statement } from 'better-sqlite3';
import { AGREEMENTS_PROJECTION, type AgreementView } from '../../application/agreements/agreements.projection';
import {
  FAIRNESS_FACTS_PROJECTION,
  FAIRNESS_HOLDINGS_PROJECTION,
} from '../../application/fairness/fairness-facts.projection';
import type { FairnessReads, GatheredCounts, LoanTally, Period } from '../../application/fairness/fairness-reads.port';
import { formatAmount } from '../../domain/ledger';
import type { AgreementFacts } from '../../domain/shared/cooperation';

const FACTS = `rm_${FAIRNESS_FACTS_PROJECTION}`;
const HOLDINGS = `rm_${FAIRNESS_HOLDINGS_PROJECTION}`;
const AGREEMENTS = `rm_${AGREEMENTS_PROJECTION}`;
const HOUR_MS = 3_600_000;

/**
 * One aggregate per partner of the agreement that has a fact of the kind:
 * the partners are found by a loose index scan (one seek each to the next
 * one), and each partner's facts in the period are one range of the index
 * that leads with (agreement_id, kind, party or counterparty, recorded_at),
 * aggregated as SQLite walks it. No row of the period is sorted or sent
 * back: grouping the period's rows by partner took most of the report's
 * time at 1,000,000 events.
 */
const perPartner = (side: 'party' | 'counterparty', kind: string, aggregate: string, where = '') => `
  WITH RECURSIVE partner(isil) AS (
    SELECT min(${side}) FROM ${FACTS} WHERE agreement_id = @agreement AND kind = '${kind}'
    UNION ALL
    SELECT (SELECT min(${side}) FROM ${FACTS} WHERE agreement_id = @agreement AND kind = '${kind}' AND ${side} > partner.isil)
    FROM partner WHERE partner.isil IS NOT NULL)
  SELECT isil, (SELECT ${aggregate} FROM ${FACTS}
    WHERE agreement_id = @agreement AND kind = '${kind}' AND ${side} = partner.isil AND recorded_at >= @from AND recorded_at < @to ${where})
  FROM partner WHERE isil IS NOT NULL`;

/** Every query the adapter runs; each reads an index alone. */
const SQL = {
  /**
   * Per lender, how many loans it shipped in the period and, as a JSON
   * array, the milliseconds from request to shipment of those whose request
   * is known (carried by the row: fairness-facts.projection).
   */
  lent: perPartner('party', 'loan-shipped', 'json_array(count(*), json_group_array(recorded_ms - requested_ms) FILTER (WHERE requested > 0))'),
  borrowed: perPartner('counterparty', 'loan-shipped', 'count(*)'),
  requested: perPartner('party', 'loan-requested', 'count(*)'),
  /** Acceptances in the period of requests made in it. */
  accepted: perPartner('party', 'loan-accepted', 'count(*)', 'AND requested > 0 AND requested_ms >= @fromMs AND requested_ms < @toMs'),
  /** Exchange items sent, per pair, from the start to the end of the period: an open debt is a stock, not a flow. */
  exchanges: `
    SELECT party, counterparty, sum(units) FROM ${FACTS}
    WHERE agreement_id = ? AND kind = 'exchange-dispatched' AND recorded_at < ?
    GROUP BY party, counterparty`,
  fulfilled: perPartner('party', 'claim-fulfilled', 'count(*)'),
  lapsed: perPartner('party', 'claim-expired', 'count(*)'),
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
 * The fairness read side on SQLite: counts gathered from the fact rows, the
 * holdings rows and the agreements documents. Statements are prepared on first
 * use, once the runner has created the tables.
 */
export class SqliteFairnessReads implements FairnessReads {
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
    for (const [claimant, count] of this.rows<[string, number]>('fulfilled', { agreement: agreementId, from, to })) if (count > 0) of(claimant).claimsFulfilled = count;
    for (const [claimant, count] of this.rows<[string, number]>('lapsed', { agreement: agreementId, from, to })) if (count > 0) of(claimant).claimsLapsed = count;
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
   * in it with how many were accepted before its end. Each acceptance and
   * shipment carries its loan's request time, so nothing is matched here.
   */
  private gatherLoans(agreement: string, { from, to }: Period, of: (isil: string) => Tally): void {
    const period = { agreement, from, to };
    for (const [lender, count] of this.rows<[string, number]>('requested', period)) if (count > 0) of(lender).requestsReceived += count;
    // An acceptance in the period of a request made before it is not this period's.
    for (const [lender, count] of this.rows<[string, number]>('accepted', { ...period, fromMs: Date.parse(from), toMs: Date.parse(to) })) {
      if (count > 0) of(lender).requestsAccepted += count;
    }
    for (const [lender, shipped] of this.rows<[string, string]>('lent', period)) {
      const [count, turnarounds] = JSON.parse(shipped) as [number, number[]];
      if (count === 0) continue;
      const lent = of(lender);
      lent.loansLent += count;
      for (const ms of turnarounds) lent.turnaroundHours.push(ms / HOUR_MS);
    }
    for (const [borrower, count] of this.rows<[string, number]>('borrowed', period)) if (count > 0) of(borrower).loansBorrowed += count;
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
