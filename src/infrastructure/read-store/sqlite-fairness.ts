import type { Database, Statement } from 'better-sqlite3';
import { AGREEMENTS_PROJECTION } from '../../application/agreements/agreements.projection';
import {
  FAIRNESS_FACTS_PROJECTION,
  FAIRNESS_HOLDINGS_PROJECTION,
} from '../../application/fairness/fairness-facts.projection';
import { FactsFairnessReads, type FactQueries } from './fairness-gathering';

const FACTS = `rm_${FAIRNESS_FACTS_PROJECTION}`;
const HOLDINGS = `rm_${FAIRNESS_HOLDINGS_PROJECTION}`;
const AGREEMENTS = `rm_${AGREEMENTS_PROJECTION}`;

/** Every query the adapter runs; each is a range scan of the (agreement_id, kind, recorded_at, …) index alone. */
const SQL: Record<keyof FactQueries, string> = {
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
};

/** Lists go in as JSON for json_each; the tallies name theirs, as they use each twice. */
const bind = (query: keyof FactQueries, params: FactQueries[keyof FactQueries]): unknown[] => {
  const values = params.map((param) => (Array.isArray(param) ? JSON.stringify(param) : param));
  return query === 'tallies' ? [{ agreements: values[0], isils: values[1], since: values[2] }] : values;
};

/**
 * The fairness read side on SQLite. Statements are prepared on first use,
 * once the runner has created the tables.
 */
export class SqliteFairnessReads extends FactsFairnessReads {
  constructor(db: Database) {
    const statements = new Map<string, Statement>();
    super(async <Row extends unknown[]>(query: keyof FactQueries, params: FactQueries[keyof FactQueries]) => {
      let statement = statements.get(query);
      if (statement === undefined) {
        statement = db.prepare(SQL[query]).raw();
        statements.set(query, statement);
      }
      return statement.all(...bind(query, params)) as Row[];
    });
  }
}
