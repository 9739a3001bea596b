"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SqliteFairnessReads = exports.sqliteFactRows = void 0;
const agreements_projection_1 = require("../../application/agreements/agreements.projection");
const fairness_facts_projection_1 = require("../../application/fairness/fairness-facts.projection");
const fairness_tallies_1 = require("./fairness-tallies");
const sqlite_read_store_1 = require("./sqlite-read-store");
const FACTS = `rm_${fairness_facts_projection_1.FAIRNESS_FACTS_PROJECTION}`;
const TOTALS = (0, sqlite_read_store_1.totalsTable)(fairness_facts_projection_1.FAIRNESS_FACTS_PROJECTION);
const HOLDINGS = (0, sqlite_read_store_1.totalsTable)(fairness_facts_projection_1.FAIRNESS_HOLDINGS_PROJECTION);
const AGREEMENTS = `rm_${agreements_projection_1.AGREEMENTS_PROJECTION}`;
/**
 * The matching of requests to shipments when asked (fairness-gathering) in
 * SQLite's words: what a log whose recorded times go back answers with, and
 * bench/queries' baseline.
 */
const GATHERING = {
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
    SELECT party, counterparty, detail, sum(units) FROM ${FACTS}
    WHERE agreement_id = ? AND kind = 'service' AND recorded_at >= ? AND recorded_at < ?
    GROUP BY party, counterparty, detail`,
    /** Each library's count of titles held, carried as the holdings are folded: one seek each. */
    holdings: `
    SELECT isil, held FROM ${HOLDINGS}
    WHERE isil IN (SELECT value FROM json_each(?)) AND isbn = '${fairness_facts_projection_1.TITLES_HELD}' AND held > 0
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
const sqliteRows = (db, sql, names) => {
    const statements = new Map();
    return async (query, params) => {
        let statement = statements.get(query);
        if (statement === undefined)
            statements.set(query, (statement = db.prepare(sql[query]).raw()));
        const values = params.map((param) => (Array.isArray(param) ? JSON.stringify(param) : param));
        const bound = names === undefined ? values : [Object.fromEntries(names[query].map((name, i) => [name, values[i]]))];
        return statement.all(...bound);
    };
};
/** The gathering's queries on a SQLite file. */
const sqliteFactRows = (db) => sqliteRows(db, GATHERING);
exports.sqliteFactRows = sqliteFactRows;
/**
 * The rows of one side's group, down the index that leads them to
 * recorded_at: its party's and bucket's, or its counterparty's that carry
 * its tally (a fact without a party, which no decider writes, is kept but
 * tallied nowhere, so its row carries nothing).
 */
const ofGroup = (side) => `f.agreement_id = g.agreement_id AND f.kind = g.kind AND f.${side} = g.subject AND ${side === 'party' ? `f.${fairness_facts_projection_1.BUCKET_BY} = g.bucket` : `f.${fairness_facts_projection_1.CARRIED_TO[0]} IS NOT NULL`}`;
/**
 * The count and total of one side's tally as of the cut `cut`: the last row
 * of the group recorded before it carries them (one seek), as
 * "count,total"; nothing before the cut is "0,0".
 */
const seek = (side, cut) => {
    const [n, total] = side === 'party' ? fairness_facts_projection_1.CARRIED_BY : fairness_facts_projection_1.CARRIED_TO;
    return `coalesce((SELECT f.${n} || ',' || f.${total} FROM ${FACTS} f
    WHERE ${ofGroup(side)} AND f.recorded_at < ${cut} ORDER BY f.recorded_at DESC, f.${n} DESC LIMIT 1), '0,0')`;
};
const inList = (param) => `(SELECT value FROM json_each(${param}))`;
/** The groups of the tallies and subjects asked for, each with its lower cut (TallyQueries' `groups`). */
const GROUPS_ASKED = `SELECT agreement_id, tally, subject, bucket, latest, n, total, substr(tally, 4) AS kind,
      CASE WHEN tally = '${fairness_facts_projection_1.LAGGED_TALLY}'
             THEN min(@to, strftime('%Y-%m-%dT%H:%M:%fZ', @fromSeconds + 86400 * CAST(bucket AS INTEGER), 'unixepoch'))
           WHEN tally IN (${fairness_tallies_1.STOCK_TALLIES.map((tally) => `'${tally}'`).join(', ')}) THEN NULL
           ELSE @from END AS lower
    FROM ${TOTALS}
    WHERE agreement_id IN ${inList('@agreements')} AND tally IN ${inList('@tallies')}
      AND (@subjects IS NULL OR subject IN ${inList('@subjects')})`;
/** The `groups` statement: a row per tally and subject, its groups packed (TallyQueries). */
const GROUPS = (() => {
    const side = (which, prefix) => `
    SELECT agreement_id, tally, subject, group_concat(bucket || ','
      || CASE WHEN latest < @to THEN n || ',' || total ELSE ${seek(which, '@to')} END || ','
      || CASE WHEN lower IS NULL THEN '0,0' WHEN latest < lower THEN n || ',' || total ELSE ${seek(which, 'g.lower')} END, ' ')
    FROM g WHERE tally LIKE '${prefix}:%' GROUP BY agreement_id, tally, subject`;
    return `WITH g AS (${GROUPS_ASKED}) ${side('party', 'by')} UNION ALL ${side('counterparty', 'to')}`;
})();
/** The acceptances' groups of a lag of a day or more, each row a lender's, packed "bucket,count,total" at their own start (TallyQueries' `period`). */
const LAGGED_STARTS = `WITH g AS (${GROUPS_ASKED})
  SELECT agreement_id, tally, subject, group_concat(bucket || ','
    || CASE WHEN latest < lower THEN n || ',' || total ELSE ${seek('party', 'g.lower')} END, ' ')
  FROM g WHERE tally = '${fairness_facts_projection_1.LAGGED_TALLY}' AND bucket NOT IN ('0', '') GROUP BY agreement_id, tally, subject`;
/**
 * The rows of the agreement's opening on the day `day` gives, as [agreement,
 * OPENING, end, opening]: those of the first opening on or after the day,
 * or, with none, its groups as they are, written as an opening is,
 * OPENED_ROW to a row.
 */
const openingAt = (end, day) => {
    const agreement = '@agreements ->> 0';
    const first = `(SELECT subject FROM ${TOTALS} WHERE agreement_id = ${agreement} AND tally = '${fairness_facts_projection_1.OPENING}' AND subject >= ${day} ORDER BY subject LIMIT 1)`;
    return `
    SELECT ${agreement}, '${fairness_facts_projection_1.OPENING}', '${end}', spread FROM ${TOTALS}
    WHERE agreement_id = ${agreement} AND tally = '${fairness_facts_projection_1.OPENING}' AND subject = ${first}
    UNION ALL
    SELECT ${agreement}, '${fairness_facts_projection_1.OPENING}', '${end}', '[' || group_concat(part, ',') || ']' FROM (
      SELECT json_quote(tally) || ',' || json_quote(subject) || ',' || json_quote(bucket) || ',' || n || ','
          || CASE WHEN length(total) < 16 THEN total ELSE '"' || total || '"' END || ',' || coalesce(spread, 'null') AS part,
        (row_number() OVER () - 1) / ${fairness_tallies_1.OPENED_ROW} AS chunk
      FROM ${TOTALS}
      WHERE agreement_id = ${agreement} AND tally IN (${fairness_facts_projection_1.OPENING_TALLIES.map((tally) => `'${tally}'`).join(', ')}) AND ${first} IS NULL)
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
const TALLIES = {
    groups: GROUPS,
    period: `${LAGGED_STARTS}
    UNION ALL ${openingAt('to', 'substr(@to, 1, 10)')}
    UNION ALL ${openingAt('from', 'substr(@from, 1, 10)')}`,
    disordered: `
    SELECT agreement_id FROM ${TOTALS}
    WHERE agreement_id IN ${inList('@agreements')} AND tally = '' AND subject = '' AND bucket = '' AND disordered > 0`,
};
/** The names the tally queries' positional parameters go by in TALLIES. */
const TALLY_PARAMS = {
    groups: ['agreements', 'tallies', 'subjects', 'from', 'to', 'fromSeconds'],
    period: ['agreements', 'tallies', 'subjects', 'from', 'to', 'fromSeconds'],
    disordered: ['agreements'],
};
const sqliteTallyRows = (db) => sqliteRows(db, TALLIES, TALLY_PARAMS);
/**
 * The fairness read side on SQLite: the report's counts from the tallies
 * the fact rows carry (fairness-tallies), the matching of requests to
 * shipments when asked (fairness-gathering) where they cannot answer.
 */
class SqliteFairnessReads extends fairness_tallies_1.TalliedFairnessReads {
    constructor(db) {
        super((0, exports.sqliteFactRows)(db), sqliteTallyRows(db));
    }
}
exports.SqliteFairnessReads = SqliteFairnessReads;
//# sourceMappingURL=sqlite-fairness.js.map