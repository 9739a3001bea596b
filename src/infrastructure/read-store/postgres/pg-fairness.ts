import type { Pool } from 'pg';
import { AGREEMENTS_PROJECTION } from '../../../application/agreements/agreements.projection';
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
} from '../../../application/fairness/fairness-facts.projection';
import { quoteIdentifier } from '../../event-store/postgres/pg-migrations';
import type { FactQueries, FactRows } from '../fairness-gathering';
import { OPENED_ROW, STOCK_TALLIES, TalliedFairnessReads, type TallyQueries, type TallyRows } from '../fairness-tallies';

/**
 * The SQLite adapter's queries in PostgreSQL's words. Each range scan is
 * ordered as SQLite's walk of the (agreement_id, kind, recorded_at, …) index
 * returns it, and each group by its keys, so both stores hand the domain the
 * same rows in the same order. Counts are cast to int (pg gives bigint as
 * text); sums stay exact as decimal text.
 */
const sqlFor = (schema: string): Record<keyof FactQueries, string> => {
  const facts = `${schema}."rm_${FAIRNESS_FACTS_PROJECTION}"`;
  const holdings = `${schema}."rm_${FAIRNESS_HOLDINGS_PROJECTION}_totals"`;
  const agreements = `${schema}."rm_${AGREEMENTS_PROJECTION}"`;
  const range = (kind: string, columns: string) => `
    SELECT ${columns} FROM ${facts}
    WHERE agreement_id = $1 AND kind = '${kind}' AND recorded_at >= $2 AND recorded_at < $3
    ORDER BY recorded_at, party, counterparty, subject, detail, units`;
  return {
    shipped: range('loan-shipped', 'party, counterparty, subject, recorded_at'),
    requested: range('loan-requested', 'party, subject, recorded_at'),
    firstRequest: `SELECT min(recorded_at) FROM ${facts} WHERE agreement_id = $1 AND kind = 'loan-requested'`,
    accepted: range('loan-accepted', 'party, subject'),
    cancelled: range('loan-cancelled', 'party, subject'),
    exchanges: `
      SELECT party, counterparty, sum(units)::text FROM ${facts}
      WHERE agreement_id = $1 AND kind = 'exchange-dispatched' AND recorded_at < $2
      GROUP BY party, counterparty ORDER BY party, counterparty`,
    claims: `
      SELECT party, kind, count(*)::int FROM ${facts}
      WHERE agreement_id = $1 AND kind IN ('claim-fulfilled', 'claim-expired') AND recorded_at >= $2 AND recorded_at < $3
      GROUP BY party, kind ORDER BY party, kind`,
    services: `
      SELECT party, counterparty, detail, sum(units)::text FROM ${facts}
      WHERE agreement_id = $1 AND kind = 'service' AND recorded_at >= $2 AND recorded_at < $3
      GROUP BY party, counterparty, detail ORDER BY party, counterparty, detail`,
    /** Each library's count of titles held, carried as the holdings are folded: one seek each. */
    holdings: `
      SELECT isil, held::int FROM ${holdings}
      WHERE isil = ANY($1::text[]) AND isbn = '${TITLES_HELD}' AND held > 0
      ORDER BY isil`,
    // A document that does not hold the ISIL's text is not parsed: parsing each agreement's document (its members) was most of the statement.
    loanAgreements: `
      SELECT doc FROM ${agreements} a
      WHERE a."ix_status" = 'active' AND strpos(upper(a.doc), $1) > 0
        AND EXISTS (SELECT 1 FROM json_array_elements_text(a.doc::json -> 'members') m WHERE upper(m) = $1)
        AND EXISTS (SELECT 1 FROM json_array_elements_text(a.doc::json -> 'forms') f WHERE f = 'loans')
      ORDER BY a.seq, a.id`,
    tallies: `
      SELECT agreement_id, party, 'lent', count(*)::int
      FROM ${facts}
      WHERE agreement_id = ANY($1::text[]) AND kind = 'loan-shipped' AND recorded_at >= $3 AND party = ANY($2::text[])
      GROUP BY agreement_id, party
      UNION ALL
      SELECT agreement_id, counterparty, 'borrowed', count(*)::int
      FROM ${facts}
      WHERE agreement_id = ANY($1::text[]) AND kind = 'loan-shipped' AND recorded_at >= $3 AND counterparty = ANY($2::text[])
      GROUP BY agreement_id, counterparty
      ORDER BY 3 DESC, 1, 2`,
  };
};

/**
 * The tally queries (fairness-tallies) in PostgreSQL's words, as SQLite
 * asks them (sqlite-fairness): $1 agreements, $2 tallies, $3 subjects or
 * null, $4 from, $5 to, $6 from in seconds. Counts and totals are read as
 * text, so they stay exact; a group that has not moved since $5 reads its
 * totals without a seek, and so does one that has not moved since the
 * period's start, at both ends. Rows come ordered as SQLite's groups return them (by side,
 * then agreement, tally, subject), each row's groups by bucket.
 */
const tallySqlFor = (schema: string): Record<keyof TallyQueries, string> => {
  const facts = `${schema}."rm_${FAIRNESS_FACTS_PROJECTION}"`;
  const totals = `${schema}."rm_${FAIRNESS_FACTS_PROJECTION}_totals"`;
  const ofGroup = (side: 'party' | 'counterparty') =>
    `f.agreement_id = g.agreement_id AND f.kind = g.kind AND f.${side} = g.subject AND ${side === 'party' ? `f.${BUCKET_BY} = g.bucket` : `f.${CARRIED_TO[0]} IS NOT NULL`}`;
  /** As SQLite's seek: the last row of the group recorded before the cut carries its count and total, down the same index. */
  const seek = (side: 'party' | 'counterparty', cut: string) => {
    const [n, total] = side === 'party' ? CARRIED_BY : CARRIED_TO;
    return `coalesce((SELECT f.${n}::text || ',' || f.${total}::text FROM ${facts} f
      WHERE ${ofGroup(side)} AND f.recorded_at < ${cut} ORDER BY f.recorded_at DESC, f.${n} DESC LIMIT 1), '0,0')`;
  };
  // The start plus the bucket's days, formatted as recorded times are; a bucket '' (a request not in the log) counts as 0 days, as SQLite casts it.
  const laggedTallies = LAGGED_TALLIES.map((tally) => `'${tally}'`).join(', ');
  const lagged = `to_char(to_timestamp($6::float8 + 86400 * coalesce(nullif(bucket, '')::int, 0)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const groups = `SELECT agreement_id, tally, subject, bucket, latest, n, total, substr(tally, 4) AS kind,
      CASE WHEN tally IN (${laggedTallies}) THEN least($5::text COLLATE "C", ${lagged})
           WHEN tally IN (${STOCK_TALLIES.map((tally) => `'${tally}'`).join(', ')}) THEN NULL
           ELSE $4::text END AS lower
    FROM ${totals}
    WHERE agreement_id = ANY($1::text[]) AND tally = ANY($2::text[]) AND ($3::text[] IS NULL OR subject = ANY($3::text[]))`;
  const side = (which: 'party' | 'counterparty', prefix: string) => `
    SELECT agreement_id, tally, subject, string_agg(bucket || ','
      || CASE WHEN latest < $5::text THEN n::text || ',' || total::text ELSE ${seek(which, '$5::text')} END || ','
      || CASE WHEN lower IS NULL THEN '0,0' WHEN latest < lower THEN n::text || ',' || total::text ELSE ${seek(which, 'g.lower')} END,
        ' ' ORDER BY bucket) AS groups
    FROM g WHERE tally LIKE '${prefix}:%' GROUP BY agreement_id, tally, subject`;
  /** As SQLite's: the rows of the first opening on or after the day, or the agreement's groups as they are, written as an opening is, OPENED_ROW to a row. */
  const openingAt = (end: 'to' | 'from', day: string) => {
    const first = `(SELECT subject FROM ${totals} WHERE agreement_id = $1[1] AND tally = '${OPENING}' AND subject >= ${day} ORDER BY subject LIMIT 1)`;
    return `
      SELECT $1[1], '${OPENING}', '${end}', spread FROM ${totals}
      WHERE agreement_id = $1[1] AND tally = '${OPENING}' AND subject = ${first}
      UNION ALL
      SELECT $1[1], '${OPENING}', '${end}', '[' || string_agg(part, ',') || ']' FROM (
        SELECT to_json(tally)::text || ',' || to_json(subject)::text || ',' || to_json(bucket)::text || ',' || n::text || ','
            || CASE WHEN length(total::text) < 16 THEN total::text ELSE '"' || total::text || '"' END || ',' || coalesce(spread, 'null') AS part,
          (row_number() OVER () - 1) / ${OPENED_ROW} AS chunk
        FROM ${totals}
        WHERE agreement_id = $1[1] AND tally = ANY('{${OPENING_TALLIES.join(',')}}'::text[]) AND ${first} IS NULL) AS parts
      GROUP BY chunk`;
  };
  const sides = `SELECT agreement_id, tally, subject, groups FROM (${side('party', 'by')} UNION ALL ${side('counterparty', 'to')}) AS sides`;
  /** As SQLite's: each lender's acceptances and withdrawals of a lag of a day or more at their own start, packed "bucket,count,total". */
  const laggedStarts = `SELECT agreement_id, tally, subject, string_agg(bucket || ','
      || CASE WHEN latest < lower THEN n::text || ',' || total::text ELSE ${seek('party', 'g.lower')} END, ' ' ORDER BY bucket) AS groups
    FROM g WHERE tally IN (${laggedTallies}) AND bucket NOT IN ('0', '') GROUP BY agreement_id, tally, subject`;
  return {
    groups: `WITH g AS (${groups}) ${sides} ORDER BY left(tally, 3), agreement_id, tally, subject`,
    period: `WITH g AS (${groups}) ${laggedStarts}
      UNION ALL ${openingAt('to', 'left($5, 10)')}
      UNION ALL ${openingAt('from', 'left($4, 10)')}`,
    disordered: `
      SELECT agreement_id FROM ${totals}
      WHERE agreement_id = ANY($1::text[]) AND tally = '' AND subject = '' AND bucket = '' AND disordered > 0
      ORDER BY agreement_id`,
  };
};

/** Runs one of `sql`'s statements on the pool, rows as arrays. */
const pgRows =
  <Queries extends Record<string, unknown[]>>(pool: Pool, sql: Record<keyof Queries, string>) =>
  async <Row extends unknown[]>(query: keyof Queries, params: Queries[keyof Queries]): Promise<Row[]> => {
    const { rows } = await pool.query<Row>({ text: sql[query], values: [...params], rowMode: 'array' });
    return rows;
  };

/** The gathering's queries on the read store in `schema`. */
export const pgFactRows = (pool: Pool, schema: string): FactRows => pgRows<FactQueries>(pool, sqlFor(quoteIdentifier(schema)));

const pgTallyRows = (pool: Pool, schema: string): TallyRows => pgRows<TallyQueries>(pool, tallySqlFor(quoteIdentifier(schema)));

/**
 * The fairness read side on PostgreSQL, as on SQLite: the report's counts
 * from the tallies the fact rows carry (fairness-tallies), the matching of
 * requests to shipments when asked (fairness-gathering) where they cannot
 * answer.
 */
export class PgFairnessReads extends TalliedFairnessReads {
  constructor(pool: Pool, schema: string) {
    super(pgFactRows(pool, schema), pgTallyRows(pool, schema));
  }
}
