"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PgFairnessReads = exports.pgFactRows = void 0;
const agreements_projection_1 = require("../../../application/agreements/agreements.projection");
const fairness_facts_projection_1 = require("../../../application/fairness/fairness-facts.projection");
const pg_migrations_1 = require("../../event-store/postgres/pg-migrations");
const fairness_tallies_1 = require("../fairness-tallies");
/**
 * The SQLite adapter's queries in PostgreSQL's words. Each range scan is
 * ordered as SQLite's walk of the (agreement_id, kind, recorded_at, …) index
 * returns it, and each group by its keys, so both stores hand the domain the
 * same rows in the same order. Counts are cast to int (pg gives bigint as
 * text); sums stay exact as decimal text.
 */
const sqlFor = (schema) => {
    const facts = `${schema}."rm_${fairness_facts_projection_1.FAIRNESS_FACTS_PROJECTION}"`;
    const holdings = `${schema}."rm_${fairness_facts_projection_1.FAIRNESS_HOLDINGS_PROJECTION}_totals"`;
    const agreements = `${schema}."rm_${agreements_projection_1.AGREEMENTS_PROJECTION}"`;
    const range = (kind, columns) => `
    SELECT ${columns} FROM ${facts}
    WHERE agreement_id = $1 AND kind = '${kind}' AND recorded_at >= $2 AND recorded_at < $3
    ORDER BY recorded_at, party, counterparty, subject, detail, units`;
    return {
        shipped: range('loan-shipped', 'party, counterparty, subject, recorded_at'),
        requested: range('loan-requested', 'party, subject, recorded_at'),
        firstRequest: `SELECT min(recorded_at) FROM ${facts} WHERE agreement_id = $1 AND kind = 'loan-requested'`,
        accepted: range('loan-accepted', 'party, subject'),
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
      WHERE isil = ANY($1::text[]) AND isbn = '${fairness_facts_projection_1.TITLES_HELD}' AND held > 0
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
const tallySqlFor = (schema) => {
    const facts = `${schema}."rm_${fairness_facts_projection_1.FAIRNESS_FACTS_PROJECTION}"`;
    const totals = `${schema}."rm_${fairness_facts_projection_1.FAIRNESS_FACTS_PROJECTION}_totals"`;
    const ofGroup = (side) => `f.agreement_id = g.agreement_id AND f.kind = g.kind AND f.${side} = g.subject AND ${side === 'party' ? `f.${fairness_facts_projection_1.BUCKET_BY} = g.bucket` : `f.${fairness_facts_projection_1.CARRIED_TO[0]} IS NOT NULL`}`;
    /** As SQLite's seek: the last row of the group recorded before the cut carries its count and total, down the same index. */
    const seek = (side, cut) => {
        const [n, total] = side === 'party' ? fairness_facts_projection_1.CARRIED_BY : fairness_facts_projection_1.CARRIED_TO;
        return `coalesce((SELECT f.${n}::text || ',' || f.${total}::text FROM ${facts} f
      WHERE ${ofGroup(side)} AND f.recorded_at < ${cut} ORDER BY f.recorded_at DESC, f.${n} DESC LIMIT 1), '0,0')`;
    };
    // The start plus the bucket's days, formatted as recorded times are; a bucket '' (a request not in the log) counts as 0 days, as SQLite casts it.
    const lagged = `to_char(to_timestamp($6::float8 + 86400 * coalesce(nullif(bucket, '')::int, 0)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const groups = `SELECT agreement_id, tally, subject, bucket, latest, n, total, substr(tally, 4) AS kind,
      CASE WHEN tally = '${fairness_facts_projection_1.LAGGED_TALLY}' THEN least($5::text COLLATE "C", ${lagged})
           WHEN tally IN (${fairness_tallies_1.STOCK_TALLIES.map((tally) => `'${tally}'`).join(', ')}) THEN NULL
           ELSE $4::text END AS lower
    FROM ${totals}
    WHERE agreement_id = ANY($1::text[]) AND tally = ANY($2::text[]) AND ($3::text[] IS NULL OR subject = ANY($3::text[]))`;
    const side = (which, prefix) => `
    SELECT agreement_id, tally, subject, string_agg(bucket || ','
      || CASE WHEN latest < $5::text THEN n::text || ',' || total::text ELSE ${seek(which, '$5::text')} END || ','
      || CASE WHEN lower IS NULL THEN '0,0' WHEN latest < lower THEN n::text || ',' || total::text ELSE ${seek(which, 'g.lower')} END,
        ' ' ORDER BY bucket) AS groups
    FROM g WHERE tally LIKE '${prefix}:%' GROUP BY agreement_id, tally, subject`;
    /** As SQLite's: the rows of the first opening on or after the day, or the agreement's groups as they are, written as an opening is, OPENED_ROW to a row. */
    const openingAt = (end, day) => {
        const first = `(SELECT subject FROM ${totals} WHERE agreement_id = $1[1] AND tally = '${fairness_facts_projection_1.OPENING}' AND subject >= ${day} ORDER BY subject LIMIT 1)`;
        return `
      SELECT $1[1], '${fairness_facts_projection_1.OPENING}', '${end}', spread FROM ${totals}
      WHERE agreement_id = $1[1] AND tally = '${fairness_facts_projection_1.OPENING}' AND subject = ${first}
      UNION ALL
      SELECT $1[1], '${fairness_facts_projection_1.OPENING}', '${end}', '[' || string_agg(part, ',') || ']' FROM (
        SELECT to_json(tally)::text || ',' || to_json(subject)::text || ',' || to_json(bucket)::text || ',' || n::text || ','
            || CASE WHEN length(total::text) < 16 THEN total::text ELSE '"' || total::text || '"' END || ',' || coalesce(spread, 'null') AS part,
          (row_number() OVER () - 1) / ${fairness_tallies_1.OPENED_ROW} AS chunk
        FROM ${totals}
        WHERE agreement_id = $1[1] AND tally = ANY('{${fairness_facts_projection_1.OPENING_TALLIES.join(',')}}'::text[]) AND ${first} IS NULL) AS parts
      GROUP BY chunk`;
    };
    const sides = `SELECT agreement_id, tally, subject, groups FROM (${side('party', 'by')} UNION ALL ${side('counterparty', 'to')}) AS sides`;
    /** As SQLite's: each lender's acceptances of a lag of a day or more at their own start, packed "bucket,count,total". */
    const laggedStarts = `SELECT agreement_id, tally, subject, string_agg(bucket || ','
      || CASE WHEN latest < lower THEN n::text || ',' || total::text ELSE ${seek('party', 'g.lower')} END, ' ' ORDER BY bucket) AS groups
    FROM g WHERE tally = '${fairness_facts_projection_1.LAGGED_TALLY}' AND bucket NOT IN ('0', '') GROUP BY agreement_id, tally, subject`;
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
const pgRows = (pool, sql) => async (query, params) => {
    const { rows } = await pool.query({ text: sql[query], values: [...params], rowMode: 'array' });
    return rows;
};
/** The gathering's queries on the read store in `schema`. */
const pgFactRows = (pool, schema) => pgRows(pool, sqlFor((0, pg_migrations_1.quoteIdentifier)(schema)));
exports.pgFactRows = pgFactRows;
const pgTallyRows = (pool, schema) => pgRows(pool, tallySqlFor((0, pg_migrations_1.quoteIdentifier)(schema)));
/**
 * The fairness read side on PostgreSQL, as on SQLite: the report's counts
 * from the tallies the fact rows carry (fairness-tallies), the matching of
 * requests to shipments when asked (fairness-gathering) where they cannot
 * answer.
 */
class PgFairnessReads extends fairness_tallies_1.TalliedFairnessReads {
    constructor(pool, schema) {
        super((0, exports.pgFactRows)(pool, schema), pgTallyRows(pool, schema));
    }
}
exports.PgFairnessReads = PgFairnessReads;
//# sourceMappingURL=pg-fairness.js.map