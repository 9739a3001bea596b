import type { Database } from 'better-sqlite3';
import { POSTINGS_PROJECTION } from '../../application/ledger/postings.projection';
import type { BalanceCut, BalanceFilter, BalanceLine, BalancesQueries, TrialBalanceLine } from '../../application/ports/balances.port';
import { formatAmount } from '../../domain/ledger';

const POSTINGS = `rm_${POSTINGS_PROJECTION}`;

type Params = Record<string, string | bigint>;
type RawBalance = { partner: string; counterparty?: string; unit: string; balance: bigint };

const cutOf = (cut: BalanceCut): { clause: string; params: Params } =>
  'position' in cut
    ? { clause: 'position <= @position', params: { position: BigInt(cut.position) } }
    : { clause: 'recorded_at <= @instant', params: { instant: cut.instant } };

/**
 * Balances as SQL sums over `rm_postings` (kept by the postings projection).
 * A partner's balance in a unit is what it provided minus what it received:
 * each posting is read once from each side, the provider's with +amount and
 * the receiver's with −amount, so a pair and a cut are only WHERE clauses.
 * Amounts are summed as exact 64-bit integers (scaled by 10^4) and read back
 * as bigints, so no sum passes through a floating-point number; they leave
 * as decimal strings. SQLite refuses a sum beyond 2^63 (about 922 trillion
 * units in one balance) with an error rather than a wrong figure.
 */
export class SqliteBalances implements BalancesQueries {
  constructor(private readonly db: Database) {}

  async balances(filter: BalanceFilter, cut: BalanceCut): Promise<BalanceLine[]> {
    return this.rawBalances(filter, cut).map(({ balance, ...line }) => ({ ...line, balance: formatAmount(balance) }));
  }

  /**
   * The sum over every partner of its balance, per unit, computed from the
   * same per-partner sums the balances answer with: a posting that lost a
   * side, a sign or a filter on the way would show here as a non-zero total.
   */
  async trialBalance(cut: BalanceCut): Promise<TrialBalanceLine[]> {
    const totals = new Map<string, bigint>();
    for (const { unit, balance } of this.rawBalances({}, cut)) totals.set(unit, (totals.get(unit) ?? 0n) + balance);
    const { clause, params } = cutOf(cut);
    const turnover = this.query<{ unit: string; turnover: bigint }>(
      `SELECT unit, SUM(amount) AS turnover FROM ${POSTINGS} WHERE ${clause} GROUP BY unit ORDER BY unit`,
      params,
    );
    return turnover.map(({ unit, turnover: provided }) => ({
      unit,
      total: formatAmount(totals.get(unit) ?? 0n),
      turnover: formatAmount(provided),
    }));
  }

  private rawBalances(filter: BalanceFilter, cut: BalanceCut): RawBalance[] {
    const { clause, params } = cutOf(cut);
    const bound: Params = { ...params };
    const side = (self: 'provider' | 'receiver', other: 'provider' | 'receiver', sign: '' | '-') => {
      const where = [clause];
      if (filter.partner !== undefined) where.push(`${self} = @partner`);
      if (filter.counterparty !== undefined) where.push(`${other} = @counterparty`);
      if (filter.unit !== undefined) where.push('unit = @unit');
      return `SELECT ${self} AS partner, ${other} AS counterparty, unit, ${sign}amount AS amount FROM ${POSTINGS} WHERE ${where.join(' AND ')}`;
    };
    if (filter.partner !== undefined) bound.partner = filter.partner;
    if (filter.counterparty !== undefined) bound.counterparty = filter.counterparty;
    if (filter.unit !== undefined) bound.unit = filter.unit;
    const keys = filter.counterparty === undefined ? 'partner, unit' : 'partner, counterparty, unit';
    return this.query<RawBalance>(
      `SELECT ${keys}, SUM(amount) AS balance
       FROM (${side('provider', 'receiver', '')} UNION ALL ${side('receiver', 'provider', '-')})
       GROUP BY ${keys} ORDER BY ${keys}`,
      bound,
    );
  }

  /**
   * Prepared per call: the read model may be dropped and rebuilt under a
   * cached statement, and preparing costs microseconds against the sum.
   */
  private query<Row>(sql: string, params: Params): Row[] {
    return this.db.prepare(sql).safeIntegers(true).all(params) as Row[];
  }
}
