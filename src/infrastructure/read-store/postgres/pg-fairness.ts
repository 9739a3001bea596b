import type { Pool } from 'pg';
import { AGREEMENTS_PROJECTION } from '../../../application/agreements/agreements.projection';
import { FAIRNESS_FACTS_PROJECTION, FAIRNESS_HOLDINGS_PROJECTION } from '../../../application/fairness/fairness-facts.projection';
import { quoteIdentifier } from '../../event-store/postgres/pg-migrations';
import { FactsFairnessReads, type FactQueries } from '../fairness-gathering';

/**
 * The SQLite adapter's queries in PostgreSQL's words. Each range scan is
 * ordered as SQLite's walk of the (agreement_id, kind, recorded_at, …) index
 * returns it, and each group by its keys, so both stores hand the domain the
 * same rows in the same order. Counts are cast to int (pg gives bigint as
 * text); sums stay exact as decimal text.
 */
const sqlFor = (schema: string): Record<keyof FactQueries, string> => {
  const facts = `${schema}."rm_${FAIRNESS_FACTS_PROJECTION}"`;
  const holdings = `${schema}."rm_${FAIRNESS_HOLDINGS_PROJECTION}"`;
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
    exchanges: `
      SELECT party, counterparty, sum(units)::text FROM ${facts}
      WHERE agreement_id = $1 AND kind = 'exchange-dispatched' AND recorded_at < $2
      GROUP BY party, counterparty ORDER BY party, counterparty`,
    claims: `
      SELECT party, kind, count(*)::int FROM ${facts}
      WHERE agreement_id = $1 AND kind IN ('claim-fulfilled', 'claim-expired') AND recorded_at >= $2 AND recorded_at < $3
      GROUP BY party, kind ORDER BY party, kind`,
    services: `
      SELECT party, counterparty, detail, sum(CASE kind WHEN 'service-voided' THEN -units ELSE units END)::text FROM ${facts}
      WHERE agreement_id = $1 AND kind IN ('service-rendered', 'service-voided') AND recorded_at >= $2 AND recorded_at < $3
      GROUP BY party, counterparty, detail ORDER BY party, counterparty, detail`,
    /** The latest row of each (isil, isbn) says whether it is held. */
    holdings: `
      SELECT isil, count(*)::int
      FROM (SELECT DISTINCT ON (isil, isbn) isil, held FROM ${holdings} WHERE isil = ANY($1::text[]) ORDER BY isil, isbn, seq DESC) AS latest
      WHERE held = 1
      GROUP BY isil ORDER BY isil`,
    loanAgreements: `
      SELECT doc FROM ${agreements} a
      WHERE a."ix_status" = 'active'
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

/** The fairness read side on PostgreSQL: the shared gathering over the read store's tables. */
export class PgFairnessReads extends FactsFairnessReads {
  constructor(pool: Pool, schema: string) {
    const sql = sqlFor(quoteIdentifier(schema));
    super(async <Row extends unknown[]>(query: keyof FactQueries, params: FactQueries[keyof FactQueries]) => {
      const { rows } = await pool.query<Row>({ text: sql[query], values: [...params], rowMode: 'array' });
      return rows;
    });
  }
}
