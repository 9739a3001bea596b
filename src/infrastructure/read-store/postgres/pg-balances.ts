import { hash } from 'node:crypto';
import type { Pool } from 'pg';
import { CARRIED, POSTINGS_PROJECTION } from '../../../application/ledger/postings.projection';
import type { BalanceCut, BalanceFilter, BalanceLine, BalancesQueries, TrialBalanceLine } from '../../../application/ports/balances.port';
import { formatAmount, trialBalanceOf, type PairFlow } from '../../../domain/ledger';
import { quoteIdentifier } from '../../event-store/postgres/pg-migrations';
import { PgBalanceSums } from './pg-balance-sums';

/**
 * Each statement is prepared once per connection under a name derived from
 * its text (which names the schema): PostgreSQL then plans it without
 * parsing it again, and two schemas on one pool never share a name.
 */
const statementName = (text: string): string => `ledger_balances_${hash('sha1', text, 'hex').slice(0, 20)}`;

/** One balance group as of a cut: a partner's (counterparty '') or a pair's, in one unit. */
type Group = { partner: string; counterparty: string; unit: string; provided: bigint; received: bigint };

/** Every statement's first parameter is the position of the cut; the others follow, numbered as they are added. */
class Params {
  readonly values: string[];
  constructor(position: bigint) {
    this.values = [position.toString()];
  }
  add(value: string): string {
    return `$${this.values.push(value)}`;
  }
}

/**
 * Balances from the running totals the postings carry, as SqliteBalances
 * reads them (see there): a group's sums as of a position are those of its
 * newest posting at or before it, one index seek per side made inside
 * PostgreSQL, and the totals table holds every group's latest sums, so "now"
 * seeks nothing. Nothing here reads more rows than it returns, however long
 * the history. An instant is turned into the last position recorded at or
 * before it, unless the ledger's times are out of log order (then, and for
 * an agreement's pair flows, PgBalanceSums sums the postings).
 */
export class PgBalances implements BalancesQueries {
  private readonly sums: PgBalanceSums;
  private readonly postings: string;
  private readonly totals: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    this.sums = new PgBalanceSums(pool, schema);
    this.postings = `${quoteIdentifier(schema)}."rm_${POSTINGS_PROJECTION}"`;
    this.totals = `${quoteIdentifier(schema)}."rm_${POSTINGS_PROJECTION}_totals"`;
  }

  async balances(filter: BalanceFilter, cut: BalanceCut): Promise<BalanceLine[]> {
    const position = await this.positionOf(cut);
    if (position === null) return this.sums.balances(filter, cut);
    const pair = filter.counterparty !== undefined;
    return (await this.groupsAt(filter, position)).map(({ partner, counterparty, unit, provided, received }) => ({
      partner,
      ...(pair ? { counterparty } : {}),
      unit,
      balance: formatAmount(provided - received),
    }));
  }

  async trialBalance(cut: BalanceCut): Promise<TrialBalanceLine[]> {
    const position = await this.positionOf(cut);
    return position === null ? this.sums.trialBalance(cut) : trialBalanceOf(await this.groupsAt({}, position));
  }

  /** Each pair's gross flow one way is what one side of it provided to the other. Under one agreement: summed over its postings. */
  async pairFlows(unit: string, cut: BalanceCut, agreementId?: string): Promise<PairFlow[]> {
    const position = agreementId === undefined ? await this.positionOf(cut) : null;
    if (position === null) return this.sums.pairFlows(unit, cut, agreementId);
    const params = new Params(position);
    const groups = await this.asOf('pairs', `g.unit = ${params.add(unit)} AND g.counterparty <> '' AND g.first_position <= $1::bigint`, params);
    return groups
      .filter(({ provided }) => provided > 0n)
      .map(({ partner, counterparty, provided }) => ({ provider: partner, receiver: counterparty, amount: formatAmount(provided) }));
  }

  /** The groups the filter names that have a posting at or before the position, each with its sums there. */
  private groupsAt(filter: BalanceFilter, position: bigint): Promise<Group[]> {
    const params = new Params(position);
    const where = [
      "g.partner <> ''",
      'g.first_position <= $1::bigint',
      filter.counterparty === undefined ? "g.counterparty = ''" : `g.counterparty = ${params.add(filter.counterparty)}`,
    ];
    if (filter.partner !== undefined) where.push(`g.partner = ${params.add(filter.partner)}`);
    if (filter.unit !== undefined) where.push(`g.unit = ${params.add(filter.unit)}`);
    return this.asOf(filter.counterparty === undefined ? 'partners' : 'pairs', where.join(' AND '), params);
  }

  /**
   * One statement for every group `where` names: a group that has not moved
   * since the cut takes its sums from the totals table; one that has seeks
   * each sum at the cut, a correlated subquery per side. A partner's
   * provided and received come from its postings as provider and as
   * receiver; a pair's from its postings each way round.
   */
  private async asOf(kind: 'partners' | 'pairs', where: string, params: Params): Promise<Group[]> {
    const last = (sum: string, side: string) =>
      `coalesce((SELECT ${sum} FROM ${this.postings} WHERE ${side} AND unit = g.unit AND position <= $1::bigint
        ORDER BY position DESC, entry DESC LIMIT 1), 0)`;
    const seeks =
      kind === 'partners'
        ? { provided: last(CARRIED.provided, 'provider = g.partner'), received: last(CARRIED.received, 'receiver = g.partner') }
        : {
            provided: last(CARRIED.pair, 'provider = g.partner AND receiver = g.counterparty'),
            received: last(CARRIED.pair, 'provider = g.counterparty AND receiver = g.partner'),
          };
    const sum = (name: 'provided' | 'received') => `(CASE WHEN g.last_position <= $1::bigint THEN g.${name} ELSE ${seeks[name]} END)::text`;
    const text = `SELECT g.partner, g.counterparty, g.unit, ${sum('provided')}, ${sum('received')}
      FROM ${this.totals} g WHERE ${where} ORDER BY g.partner, g.counterparty, g.unit`;
    const { rows } = await this.pool.query<[string, string, string, string, string]>({ name: statementName(text), text, values: params.values, rowMode: 'array' });
    return rows.map(([partner, counterparty, unit, provided, received]) => ({
      partner,
      counterparty,
      unit,
      provided: BigInt(provided),
      received: BigInt(received),
    }));
  }

  /**
   * The position a cut names; null for an instant in a ledger recorded out
   * of log order. Whether it is, and the last position recorded at or before
   * the instant, come in one round trip.
   */
  private async positionOf(cut: BalanceCut): Promise<bigint | null> {
    if ('position' in cut) return BigInt(cut.position);
    const instant = `SELECT (SELECT disordered::text FROM ${this.totals} WHERE partner = '' AND counterparty = '' AND unit = '') AS disordered,
      (SELECT position::text FROM ${this.postings} WHERE recorded_at <= $1 ORDER BY recorded_at DESC, position DESC LIMIT 1) AS position`;
    const { rows } = await this.pool.query<{ disordered: string | null; position: string | null }>({
      name: statementName(instant),
      text: instant,
      values: [cut.instant],
    });
    const [{ disordered, position }] = rows;
    if (disordered === null) return -1n;
    if (BigInt(disordered) > 0n) return null;
    return position === null ? -1n : BigInt(position);
  }
}
