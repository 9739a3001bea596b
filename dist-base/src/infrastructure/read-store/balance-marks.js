"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readFromMarks = exports.copySize = exports.fromMarks = void 0;
const postings_projection_1 = require("../../application/ledger/postings.projection");
/**
 * Many balance groups as of a cut, in one statement on either store, from
 * the copies of the running totals the store keeps (RunningTotals.marks):
 * the last copy at or before the cut (`m`), the postings after it up to the
 * cut (`r`, about as many rows as the copies are apart at most), and each
 * group's sums, the largest of the copy's and those these rows carry: every
 * amount is above 0, so a sum only grows, and the last row that moved a
 * group carries the largest. A cut at or after the last posting (`n`, now)
 * reads the totals table instead, which holds every group's sums there.
 * Whether this reads less than two seeks per group: readFromMarks.
 *
 * A partner's provided and received are what its postings as provider and
 * as receiver carry; a pair's, what the postings each way round carry (what
 * the counterparty provided to the partner is what the partner received).
 * `tables` are the postings', their totals' and the copies' tables as the
 * store names them, `position` the cut's position as an SQL expression.
 * Gives the common table expressions (for a WITH) and the select of every
 * group `where` (over `g`) names, as (partner, counterparty, unit,
 * provided, received), unordered.
 */
const fromMarks = (kind, where, { postings, totals, marks, position }) => {
    const moved = kind === 'partners'
        ? `SELECT provider, '', unit, ${postings_projection_1.CARRIED.provided}, NULL FROM r UNION ALL SELECT receiver, '', unit, NULL, ${postings_projection_1.CARRIED.received} FROM r`
        : `SELECT provider, receiver, unit, ${postings_projection_1.CARRIED.pair}, NULL FROM r UNION ALL SELECT receiver, provider, unit, NULL, ${postings_projection_1.CARRIED.pair} FROM r`;
    const [partner, counterparty, unit] = postings_projection_1.WHOLE_LEDGER.map((value) => `'${value}'`);
    const head = `(SELECT last_position FROM ${totals} WHERE partner = ${partner} AND counterparty = ${counterparty} AND unit = ${unit})`;
    return {
        ctes: `n AS MATERIALIZED (SELECT coalesce(${position} >= ${head}, false) AS now),
      m AS MATERIALIZED (SELECT CASE WHEN (SELECT now FROM n) THEN ${position}
        ELSE coalesce((SELECT mark FROM ${marks} WHERE mark <= ${position} ORDER BY mark DESC LIMIT 1), 0) END AS mark),
      r AS MATERIALIZED (SELECT provider, receiver, unit, ${Object.values(postings_projection_1.CARRIED).join(', ')} FROM ${postings}
        WHERE position > (SELECT mark FROM m) AND position <= ${position}),
      g (partner, counterparty, unit, provided, received) AS (
        SELECT partner, counterparty, unit, provided, received FROM ${totals} WHERE (SELECT now FROM n)
        UNION ALL SELECT partner, counterparty, unit, provided, received FROM ${marks} WHERE mark = (SELECT mark FROM m) AND NOT (SELECT now FROM n)
        UNION ALL ${moved})`,
        groups: `SELECT partner, counterparty, unit, coalesce(max(provided), 0) AS provided, coalesce(max(received), 0) AS received
      FROM g WHERE ${where} GROUP BY partner, counterparty, unit`,
    };
};
exports.fromMarks = fromMarks;
/**
 * The last copy at or before the cut (`position`, an SQL expression): how
 * many of its groups `where` (over `g`) names, and how many it had; no row
 * without a copy. What readFromMarks weighs.
 */
const copySize = (where, { marks, position }) => `SELECT (SELECT count(*) FROM ${marks} g WHERE g.mark = l.mark AND ${where}), l.groups
   FROM (SELECT mark, groups FROM ${marks} WHERE mark <= ${position} ORDER BY mark DESC LIMIT 1) AS l`;
exports.copySize = copySize;
/**
 * Whether the groups a query names are read for less from the last copy
 * (fromMarks: its `named` groups, and the rows after it, about as many as
 * the copy had `groups` when they outnumber RunningTotals.marks' `every`,
 * not many more otherwise) than by two seeks each, a seek costing `seek`
 * rows of a range. Measured: about 4 on SQLite in process (1.4–1.6 µs a
 * seek, 0.3–0.4 µs a row), 12 on PostgreSQL (7–11 µs a seek, 0.6–0.7 µs a
 * row). In a network of 1,000 partners and 16,687 groups every partner's
 * seeks cost under half the copy's rows after it; in one of 51 partners
 * and 756 groups, twice them.
 */
const readFromMarks = (named, groups, seek) => 2 * named * seek >= named + groups;
exports.readFromMarks = readFromMarks;
//# sourceMappingURL=balance-marks.js.map