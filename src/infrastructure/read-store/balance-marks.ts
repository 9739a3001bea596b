import { CARRIED } from '../../application/ledger/postings.projection';

/** A partner's balance groups (counterparty '') or its pairs'. */
export type GroupKind = 'partners' | 'pairs';

/**
 * Many balance groups as of a cut, in one statement on either store, from
 * the copies of the running totals the store keeps (RunningTotals.marks):
 * the last copy at or before the cut (`m`), the postings after it up to the
 * cut (`r`, as many positions as the copies are apart at most), and each
 * group's sums, the largest of the copy's and those these rows carry: every
 * amount is above 0, so a sum only grows, and the last row that moved a
 * group carries the largest. A seek per group costs more once the groups
 * are many (on PostgreSQL about 20 µs each, 3–5 ms for every partner as of
 * a past cut at 1,000,000 postings; on SQLite some 6 µs each), and the
 * totals table, which every batch rewrites, is not read.
 *
 * A partner's provided and received are what its postings as provider and
 * as receiver carry; a pair's, what the postings each way round carry (what
 * the counterparty provided to the partner is what the partner received).
 * `tables` are the postings' and the copies' tables as the store names
 * them, `position` the cut's position as an SQL expression. Gives the
 * common table expressions (for a WITH) and the select of every group
 * `where` (over `g`) names, as (partner, counterparty, unit, provided,
 * received), unordered.
 */
export const fromMarks = (
  kind: GroupKind,
  where: string,
  { postings, marks, position }: Readonly<{ postings: string; marks: string; position: string }>,
): { ctes: string; groups: string } => {
  const moved =
    kind === 'partners'
      ? `SELECT provider, '', unit, ${CARRIED.provided}, NULL FROM r UNION ALL SELECT receiver, '', unit, NULL, ${CARRIED.received} FROM r`
      : `SELECT provider, receiver, unit, ${CARRIED.pair}, NULL FROM r UNION ALL SELECT receiver, provider, unit, NULL, ${CARRIED.pair} FROM r`;
  return {
    ctes: `m AS MATERIALIZED (SELECT coalesce((SELECT mark FROM ${marks} WHERE mark <= ${position} ORDER BY mark DESC LIMIT 1), 0) AS mark),
      r AS MATERIALIZED (SELECT provider, receiver, unit, ${Object.values(CARRIED).join(', ')} FROM ${postings}
        WHERE position > (SELECT mark FROM m) AND position <= ${position}),
      g (partner, counterparty, unit, provided, received) AS (
        SELECT partner, counterparty, unit, provided, received FROM ${marks} WHERE mark = (SELECT mark FROM m) UNION ALL ${moved})`,
    groups: `SELECT partner, counterparty, unit, coalesce(max(provided), 0) AS provided, coalesce(max(received), 0) AS received
      FROM g WHERE ${where} GROUP BY partner, counterparty, unit`,
  };
};
