import type { Database, Statement } from 'better-sqlite3';
import { AGREEMENTS_PROJECTION } from '../../application/agreements/agreements.projection';
import {
  BUCKET_BY,
  BUCKET_TO,
  byTally,
  CARRIED_BY,
  CARRIED_TO,
  FAIRNESS_FACTS_PROJECTION,
  FAIRNESS_HOLDINGS_PROJECTION,
  toTally,
} from '../../application/fairness/fairness-facts.projection';
import type { GatheredCounts, LoanTally, Period } from '../../application/fairness/fairness-reads.port';
import { formatAmount, type TurnaroundBucket } from '../../domain/ledger';
import { FactsFairnessReads, type FactQueries, type FactRows } from './fairness-gathering';
import { totalsTable } from './sqlite-read-store';

const FACTS = `rm_${FAIRNESS_FACTS_PROJECTION}`;
const TALLIES = totalsTable(FAIRNESS_FACTS_PROJECTION);
const HOLDINGS = `rm_${FAIRNESS_HOLDINGS_PROJECTION}`;
const AGREEMENTS = `rm_${AGREEMENTS_PROJECTION}`;

/**
 * The matching of requests to shipments when asked (fairness-gathering) in
 * SQLite's words: what a log whose recorded times go back answers with, and
 * bench/queries' baseline.
 */
const GATHERING: Record<keyof FactQueries, string> = {
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
  exchanges: `
    SELECT party, counterparty, sum(units) FROM ${FACTS}
    WHERE agreement_id = ? AND kind = 'exchange-dispatched' AND recorded_at < ?
    GROUP BY party, counterparty`,
  claims: `
    SELECT party, kind, count(*) FROM ${FACTS}
    WHERE agreement_id = ? AND kind IN ('claim-fulfilled', 'claim-expired') AND recorded_at >= ? AND recorded_at < ?
    GROUP BY party, kind`,
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
    WITH p(agreements, isils, since) AS (SELECT ?, ?, ?)
    SELECT agreement_id, party, 'lent', count(*)
    FROM ${FACTS}, p
    WHERE agreement_id IN (SELECT value FROM json_each(p.agreements)) AND kind = 'loan-shipped' AND recorded_at >= p.since
      AND party IN (SELECT value FROM json_each(p.isils))
    GROUP BY agreement_id, party
    UNION ALL
    SELECT agreement_id, counterparty, 'borrowed', count(*)
    FROM ${FACTS}, p
    WHERE agreement_id IN (SELECT value FROM json_each(p.agreements)) AND kind = 'loan-shipped' AND recorded_at >= p.since
      AND counterparty IN (SELECT value FROM json_each(p.isils))
    GROUP BY agreement_id, counterparty`,
};

/** The gathering's queries on a SQLite file, statements prepared on first use (once the runner has made the tables). */
export const sqliteFactRows = (db: Database): FactRows => {
  const statements = new Map<string, Statement>();
  return async <Row extends unknown[]>(query: keyof FactQueries, params: FactQueries[keyof FactQueries]) => {
    let statement = statements.get(query);
    if (statement === undefined) statements.set(query, (statement = db.prepare(GATHERING[query]).raw()));
    return statement.all(...params.map((param) => (Array.isArray(param) ? JSON.stringify(param) : param))) as Row[];
  };
};

/**
 * The count and total of one side's tally as of the cut `cut`: the last row
 * of the group recorded before it carries them (one seek down the index that
 * leads (agreement_id, kind, party or counterparty, bucket) to recorded_at),
 * as "count,total"; nothing before the cut is "0,0".
 */
const seek = (side: 'party' | 'counterparty', cut: string) => {
  const [bucket, [n, total]] = side === 'party' ? [BUCKET_BY, CARRIED_BY] : [BUCKET_TO, CARRIED_TO];
  return `coalesce((SELECT f.${n} || ',' || f.${total} FROM ${FACTS} f
    WHERE f.agreement_id = g.agreement_id AND f.kind = g.kind AND f.${side} = g.subject AND f.${bucket} = g.bucket AND f.recorded_at < ${cut}
    ORDER BY f.recorded_at DESC, f.${n} DESC LIMIT 1), '0,0')`;
};

/**
 * Every group of the tallies named, with its count and total at the end of
 * the period (@to) and at its start: @from, or for the acceptances of
 * requests made k days before them, the start plus k days (an acceptance
 * before that is of a request made before the period), or nothing for the
 * exchanges, whose balance is a stock since the beginning. A group that has
 * not moved since @to reads its totals without a seek. One row per tally
 * and subject, its groups packed as "bucket,count,total,count,total"
 * separated by spaces: a row per group took longer to hand to JavaScript
 * (about 2 µs each) than its two seeks.
 */
const TALLY_SQL = (() => {
  const groups = `SELECT agreement_id, tally, subject, bucket, latest, n, total, substr(tally, 4) AS kind,
      CASE WHEN tally = '${byTally('loan-accepted')}'
             THEN min(@to, strftime('%Y-%m-%dT%H:%M:%fZ', @fromSeconds + 86400 * CAST(bucket AS INTEGER), 'unixepoch'))
           WHEN tally IN ('${byTally('exchange-dispatched')}', '${toTally('exchange-dispatched')}') THEN NULL
           ELSE @from END AS lower
    FROM ${TALLIES}
    WHERE agreement_id IN (SELECT value FROM json_each(@agreements)) AND tally IN (SELECT value FROM json_each(@tallies))
      AND (@subjects IS NULL OR subject IN (SELECT value FROM json_each(@subjects)))`;
  const side = (which: 'party' | 'counterparty', prefix: string) => `
    SELECT agreement_id, tally, subject, group_concat(bucket || ','
      || CASE WHEN latest < @to THEN n || ',' || total ELSE ${seek(which, '@to')} END || ','
      || CASE WHEN lower IS NULL THEN '0,0' ELSE ${seek(which, 'g.lower')} END, ' ')
    FROM g WHERE tally LIKE '${prefix}:%' GROUP BY agreement_id, tally, subject`;
  return `WITH g AS (${groups}) ${side('party', 'by')} UNION ALL ${side('counterparty', 'to')}`;
})();

/** The agreements whose facts were recorded out of log order (never, from a store that stamps times as it gives positions). */
const DISORDERED = `
  SELECT agreement_id FROM ${TALLIES}
  WHERE agreement_id IN (SELECT value FROM json_each(?)) AND tally = '' AND subject = '' AND bucket = '' AND disordered > 0`;

type TallyRow = [agreement: string, tally: string, subject: string, groups: string];
/** One group's count and total in the period. */
type InPeriod = { agreement: string; tally: string; subject: string; bucket: string; n: number; total: bigint | number };

const REPORT_TALLIES: readonly string[] = [
  byTally('loan-shipped'), toTally('loan-shipped'), byTally('loan-requested'), byTally('loan-accepted'),
  byTally('claim-fulfilled'), byTally('claim-expired'),
  byTally('service-rendered'), byTally('service-voided'), toTally('service-rendered'), toTally('service-voided'),
  byTally('exchange-dispatched'), toTally('exchange-dispatched'),
];
const SHIPMENTS: readonly string[] = [byTally('loan-shipped'), toTally('loan-shipped')];
/** Tallies whose totals are units scaled by 10^4, summed exactly. */
const UNITS: ReadonlySet<string> = new Set(
  (['service-rendered', 'service-voided', 'exchange-dispatched'] as const).flatMap((kind) => [byTally(kind), toTally(kind)]),
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
  // An acceptance whose request is not in the log (bucket '') is not of a request received in the period.
  [byTally('loan-accepted')]: (tally, { bucket, n }) => void (tally.requestsAccepted += bucket === '' ? 0 : n),
  [byTally('claim-fulfilled')]: (tally, { n }) => void (tally.claimsFulfilled += n),
  [byTally('claim-expired')]: (tally, { n }) => void (tally.claimsLapsed += n),
  [byTally('service-rendered')]: (tally, { bucket, total }) => void add(tally.given, bucket, BigInt(total)),
  [byTally('service-voided')]: (tally, { bucket, total }) => void add(tally.given, bucket, -BigInt(total)),
  [toTally('service-rendered')]: (tally, { bucket, total }) => void add(tally.received, bucket, BigInt(total)),
  [toTally('service-voided')]: (tally, { bucket, total }) => void add(tally.received, bucket, -BigInt(total)),
  [byTally('exchange-dispatched')]: (tally, { total }) => void (tally.exchange += BigInt(total)),
  [toTally('exchange-dispatched')]: (tally, { total }) => void (tally.exchange -= BigInt(total)),
};

/**
 * The fairness read side on SQLite: the report's counts from the tallies the
 * fact rows carry (fairness-facts.projection), two index seeks per group of
 * the agreement (a partner's tally of one kind, per bucket), whatever the
 * number of facts in the period or before it. Holdings and agreements are
 * read as the shared gathering reads them; a log whose recorded times go
 * back, or a period that does not start and end at midnight UTC, is
 * answered by the matching of requests to shipments when asked.
 */
export class SqliteFairnessReads extends FactsFairnessReads {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    super(sqliteFactRows(db));
  }

  override async periodCounts(agreementId: string, period: Period): Promise<Map<string, GatheredCounts>> {
    if (!MIDNIGHT.test(period.from) || !MIDNIGHT.test(period.to) || this.disordered([agreementId]).length > 0) {
      return super.periodCounts(agreementId, period);
    }
    const tallies = new Map<string, Tally>();
    for (const group of this.inPeriod([agreementId], REPORT_TALLIES, period, null)) {
      if (group.n === 0) continue;
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
    if (this.disordered(agreementIds).length > 0) return super.loanTallies(agreementIds, isils, since);
    const found = new Map<string, { agreementId: string; isil: string; lent: number; borrowed: number }>();
    for (const { agreement, tally, subject, n } of this.inPeriod(agreementIds, SHIPMENTS, { from: since, to: END_OF_TIME }, isils)) {
      if (n === 0) continue;
      const key = `${agreement}\n${subject}`;
      const counted = found.get(key) ?? { agreementId: agreement, isil: subject, lent: 0, borrowed: 0 };
      counted[tally === byTally('loan-shipped') ? 'lent' : 'borrowed'] += n;
      found.set(key, counted);
    }
    return [...found.values()];
  }

  /** Each group of the tallies named (for the subjects named, or all) with its count and total in the period. */
  private inPeriod(agreements: readonly string[], tallies: readonly string[], { from, to }: Period, subjects: readonly string[] | null): InPeriod[] {
    const params = {
      agreements: JSON.stringify(agreements),
      tallies: JSON.stringify(tallies),
      subjects: subjects === null ? null : JSON.stringify(subjects),
      from,
      to,
      fromSeconds: Date.parse(from) / 1000,
    };
    return (this.statement(TALLY_SQL).all(params) as TallyRow[]).flatMap(([agreement, tally, subject, groups]) =>
      groups.split(' ').map((group) => {
        const [bucket, nUpper, totalUpper, nLower, totalLower] = group.split(',');
        // Units stay exact as bigints; a turnaround total in ms (or a count's 0) is a safe number.
        const total = UNITS.has(tally) ? BigInt(totalUpper) - BigInt(totalLower) : Number(totalUpper) - Number(totalLower);
        return { agreement, tally, subject, bucket, n: Number(nUpper) - Number(nLower), total };
      }),
    );
  }

  private disordered(agreements: readonly string[]): string[] {
    return (this.statement(DISORDERED).all(JSON.stringify(agreements)) as [string][]).map(([agreement]) => agreement);
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) this.statements.set(sql, (statement = this.db.prepare(sql).raw()));
    return statement;
  }
}
