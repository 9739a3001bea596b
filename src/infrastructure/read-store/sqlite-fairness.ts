import type { Database, Statement } from 'better-sqlite3';
import { AGREEMENTS_PROJECTION } from '../../application/agreements/agreements.projection';
import {
  BUCKET_BY,
  CARRIED_BY,
  CARRIED_TO,
  FAIRNESS_FACTS_PROJECTION,
  FAIRNESS_HOLDINGS_PROJECTION,
  LAGGED_TALLIES,
  OPENING,
  OPENING_TALLIES,
  TITLES_HELD,
} from '../../application/fairness/fairness-facts.projection';
import type { FactQueries, FactRows } from './fairness-gathering';
import { OPENED_ROW, STOCK_TALLIES, TalliedFairnessReads, type TallyQueries, type TallyRows } from './fairness-tallies';
import { totalsTable } from './sqlite-read-store';

const FACTS = `rm_${FAIRNESS_FACTS_PROJECTION}`;
const TOTALS = totalsTable(FAIRNESS_FACTS_PROJECTION);
const HOLDINGS = totalsTable(FAIRNESS_HOLDINGS_PROJECTION);
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
  cancelled: `
    SELECT party, subject FROM ${FACTS}
    WHERE agreement_id = ? AND kind = 'loan-cancelled' AND recorded_at >= ? AND recorded_at < ?`,
  exchanges: `
    SELECT party, counterparty, sum(units) FROM ${FACTS}
    WHERE agreement_id = ? AND kind = 'exchange-dispatched' AND recorded_at < ?
    GROUP BY party, counterparty`,
  claims: `
    SELECT party, kind, count(*) FROM ${FACTS}
    WHERE agreement_id = ? AND kind IN ('claim-fulfilled', 'claim-expired') AND recorded_at >= ? AND recorded_at < ?
    GROUP BY party, kind`,
  services: `
    SELECT party, counterparty, detail, sum(units) FROM ${FACTS}
    WHERE agreement_id = ? AND kind = 'service' AND recorded_at >= ? AND recorded_at < ?
    GROUP BY party, counterparty, detail`,
  /** Each library's count of titles held, carried as the holdings are folded: one seek each. */
  holdings: `
    SELECT isil, held FROM ${HOLDINGS}
    WHERE isil IN (SELECT value FROM json_each(?)) AND isbn = '${TITLES_HELD}' AND held > 0
    ORDER BY isil`,
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

/**
 * Runs one of `sql`'s statements on a SQLite file, prepared on first use
 * (once the runner has made the tables), lists bound as JSON: positionally,
 * or by the names `names` gives the positional parameters.
 */
const sqliteRows = <Queries extends Record<string, readonly unknown[]>>(
  db: Database,
  sql: Record<keyof Queries, string>,
  names?: Record<keyof Queries, readonly string[]>,
) => {
  const statements = new Map<keyof Queries, Statement>();
  return async <Row extends unknown[]>(query: keyof Queries, params: Queries[keyof Queries]): Promise<Row[]> => {
    let statement = statements.get(query);
    if (statement === undefined) statements.set(query, (statement = db.prepare(sql[query]).raw()));
    const values = params.map((param) => (Array.isArray(param) ? JSON.stringify(param) : param));
    const bound = names === undefined ? values : [Object.fromEntries(names[query].map((name, i) => [name, values[i]]))];
    return statement.all(...bound) as Row[];
  };
};

/** The gathering's queries on a SQLite file. */
export const sqliteFactRows = (db: Database): FactRows => sqliteRows<FactQueries>(db, GATHERING);

/**
 * The rows of one side's group, down the index that leads them to
 * recorded_at: its party's and bucket's, or its counterparty's that carry
 * its tally (a fact without a party, which no decider writes, is kept but
 * tallied nowhere, so its row carries nothing).
 */
const ofGroup = (side: 'party' | 'counterparty') =>
  `f.agreement_id = g.agreement_id AND f.kind = g.kind AND f.${side} = g.subject AND ${side === 'party' ? `f.${BUCKET_BY} = g.bucket` : `f.${CARRIED_TO[0]} IS NOT NULL`}`;

/**
 * The count and total of one side's tally as of the cut `cut`: the last row
 * of the group recorded before it carries them (one seek), as
 * "count,total"; nothing before the cut is "0,0".
 */
const seek = (side: 'party' | 'counterparty', cut: string) => {
  const [n, total] = side === 'party' ? CARRIED_BY : CARRIED_TO;
  return `coalesce((SELECT f.${n} || ',' || f.${total} FROM ${FACTS} f
    WHERE ${ofGroup(side)} AND f.recorded_at < ${cut} ORDER BY f.recorded_at DESC, f.${n} DESC LIMIT 1), '0,0')`;
};

const inList = (param: string) => `(SELECT value FROM json_each(${param}))`;
const LAGGED = LAGGED_TALLIES.map((tally) => `'${tally}'`).join(', ');

/** The groups of the tallies and subjects asked for, each with its lower cut (TallyQueries' `groups`). */
const GROUPS_ASKED = `SELECT agreement_id, tally, subject, bucket, latest, n, total, substr(tally, 4) AS kind,
      CASE WHEN tally IN (${LAGGED})
             THEN min(@to, strftime('%Y-%m-%dT%H:%M:%fZ', @fromSeconds + 86400 * CAST(bucket AS INTEGER), 'unixepoch'))
           WHEN tally IN (${STOCK_TALLIES.map((tally) => `'${tally}'`).join(', ')}) THEN NULL
           ELSE @from END AS lower
    FROM ${TOTALS}
    WHERE agreement_id IN ${inList('@agreements')} AND tally IN ${inList('@tallies')}
      AND (@subjects IS NULL OR subject IN ${inList('@subjects')})`;

/** The `groups` statement: a row per tally and subject, its groups packed (TallyQueries). */
const GROUPS = (() => {
  const side = (which: 'party' | 'counterparty', prefix: string) => `
    SELECT agreement_id, tally, subject, group_concat(bucket || ','
      || CASE WHEN latest < @to THEN n || ',' || total ELSE ${seek(which, '@to')} END || ','
      || CASE WHEN lower IS NULL THEN '0,0' WHEN latest < lower THEN n || ',' || total ELSE ${seek(which, 'g.lower')} END, ' ')
    FROM g WHERE tally LIKE '${prefix}:%' GROUP BY agreement_id, tally, subject`;
  return `WITH g AS (${GROUPS_ASKED}) ${side('party', 'by')} UNION ALL ${side('counterparty', 'to')}`;
})();

/** The acceptances' and withdrawals' groups of a lag of a day or more, each row a lender's tally, packed "bucket,count,total" at their own start (TallyQueries' `period`). */
const LAGGED_STARTS = `WITH g AS (${GROUPS_ASKED})
  SELECT agreement_id, tally, subject, group_concat(bucket || ','
    || CASE WHEN latest < lower THEN n || ',' || total ELSE ${seek('party', 'g.lower')} END, ' ')
  FROM g WHERE tally IN (${LAGGED}) AND bucket NOT IN ('0', '') GROUP BY agreement_id, tally, subject`;
/**
 * The rows of the agreement's opening on the day `day` gives, as [agreement,
 * OPENING, end, opening]: those of the first opening on or after the day,
 * or, with none, its groups as they are, written as an opening is,
 * OPENED_ROW to a row.
 */
const openingAt = (end: 'to' | 'from', day: string) => {
  const agreement = '@agreements ->> 0';
  const first = `(SELECT subject FROM ${TOTALS} WHERE agreement_id = ${agreement} AND tally = '${OPENING}' AND subject >= ${day} ORDER BY subject LIMIT 1)`;
  return `
    SELECT ${agreement}, '${OPENING}', '${end}', spread FROM ${TOTALS}
    WHERE agreement_id = ${agreement} AND tally = '${OPENING}' AND subject = ${first}
    UNION ALL
    SELECT ${agreement}, '${OPENING}', '${end}', '[' || group_concat(part, ',') || ']' FROM (
      SELECT json_quote(tally) || ',' || json_quote(subject) || ',' || json_quote(bucket) || ',' || n || ','
          || CASE WHEN length(total) < 16 THEN total ELSE '"' || total || '"' END || ',' || coalesce(spread, 'null') AS part,
        (row_number() OVER () - 1) / ${OPENED_ROW} AS chunk
      FROM ${TOTALS}
      WHERE agreement_id = ${agreement} AND tally IN (${OPENING_TALLIES.map((tally) => `'${tally}'`).join(', ')}) AND ${first} IS NULL)
    GROUP BY chunk`;
};

/**
 * The tally queries (fairness-tallies) in SQLite's words, their parameters
 * named as TALLY_PARAMS names them. A group that has not moved since @to
 * reads its totals without a seek, and one that has not moved since the
 * period's start reads them there too (nothing in the period). An opening
 * is one seek down the totals' primary key for its first day on or after
 * the end, and its rows read there; with none, the agreement's groups as
 * they are, written as an opening is.
 */
const TALLIES: Record<keyof TallyQueries, string> = {
  groups: GROUPS,
  period: `${LAGGED_STARTS}
    UNION ALL ${openingAt('to', 'substr(@to, 1, 10)')}
    UNION ALL ${openingAt('from', 'substr(@from, 1, 10)')}`,
  disordered: `
    SELECT agreement_id FROM ${TOTALS}
    WHERE agreement_id IN ${inList('@agreements')} AND tally = '' AND subject = '' AND bucket = '' AND disordered > 0`,
};

/** The names the tally queries' positional parameters go by in TALLIES. */
const TALLY_PARAMS: Record<keyof TallyQueries, readonly string[]> = {
  groups: ['agreements', 'tallies', 'subjects', 'from', 'to', 'fromSeconds'],
  period: ['agreements', 'tallies', 'subjects', 'from', 'to', 'fromSeconds'],
  disordered: ['agreements'],
};

const sqliteTallyRows = (db: Database): TallyRows => sqliteRows<TallyQueries>(db, TALLIES, TALLY_PARAMS);

/**
 * The fairness read side on SQLite: the report's counts from the tallies
 * the fact rows carry (fairness-tallies), the matching of requests to
 * shipments when asked (fairness-gathering) where they cannot answer.
 */
export class SqliteFairnessReads extends TalliedFairnessReads {
  constructor(db: Database) {
    super(sqliteFactRows(db), sqliteTallyRows(db));
  }
}
