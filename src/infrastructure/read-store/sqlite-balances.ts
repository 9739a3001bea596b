import type { Database, Statement } from 'better-sqlite3';
import { CARRIED, POSTINGS_PROJECTION } from '../../application/ledger/postings.projection';
import type { BalanceCut, BalanceFilter, BalanceLine, BalancesQueries, TrialBalanceLine } from '../../application/ports/balances.port';
import { formatAmount, trialBalanceOf, type PairFlow } from '../../domain/ledger';
import { SqliteBalanceSums } from './sqlite-balance-sums';
import { totalsTable } from './sqlite-read-store';

const POSTINGS = `rm_${POSTINGS_PROJECTION}`;
const TOTALS = totalsTable(POSTINGS_PROJECTION);

/** One balance group as of a cut: a partner's (counterparty '') or a pair's, in one unit. */
type Group = { partner: string; counterparty: string; unit: string; provided: bigint; received: bigint };
type StoredGroup = Group & { last_position: bigint };
/** The last row of a group at or before a cut, with the group's sums after it. */
type Step = { position: bigint; entry: bigint; provided: bigint; received: bigint };

const later = (a: Step | undefined, b: Step | undefined): Step | undefined =>
  a === undefined ? b : b === undefined ? a : b.position > a.position || (b.position === a.position && b.entry > a.entry) ? b : a;

const SEEK = {
  provider: `SELECT position, entry, ${CARRIED.provider[0]} AS provided, ${CARRIED.provider[1]} AS received FROM ${POSTINGS}
    WHERE provider = ? AND unit = ? AND position <= ? ORDER BY position DESC, entry DESC LIMIT 1`,
  receiver: `SELECT position, entry, ${CARRIED.receiver[0]} AS provided, ${CARRIED.receiver[1]} AS received FROM ${POSTINGS}
    WHERE receiver = ? AND unit = ? AND position <= ? ORDER BY position DESC, entry DESC LIMIT 1`,
  /** The pair's sums as the row's provider sees them. */
  pair: `SELECT position, entry, ${CARRIED.pair[0]} AS provided, ${CARRIED.pair[1]} AS received FROM ${POSTINGS}
    WHERE provider = ? AND receiver = ? AND unit = ? AND position <= ? ORDER BY position DESC, entry DESC LIMIT 1`,
  /** The log position an instant names, when recorded times follow the log (the ledger's own group says so). */
  instant: `SELECT position FROM ${POSTINGS} WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1`,
  order: `SELECT disordered FROM ${TOTALS} WHERE partner = '' AND counterparty = '' AND unit = ''`,
} as const;

/**
 * Balances from the running totals the postings carry (postings.projection,
 * RunningTotals): a group's balance as of a position is the sums of its
 * newest row at or before it, one index seek per side, and the totals table
 * holds every group's latest sums, so "now" needs no seek at all. Which
 * groups exist at a cut is the totals table's first position: nothing here
 * reads more rows than it returns, however long the history.
 *
 * An instant names the prefix of the log recorded at or before it, so it is
 * turned into that prefix's last position with one seek. That holds while
 * recorded times never decrease in log order, which every event store
 * guarantees (it stamps them as it gives positions); a ledger whose times
 * were written out of order (the ledger's own group counts such rows) is
 * answered by the sums over its postings instead.
 *
 * Amounts are exact 64-bit integers scaled by 10^4, read as bigints.
 */
export class SqliteBalances implements BalancesQueries {
  private readonly sums: SqliteBalanceSums;
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    this.sums = new SqliteBalanceSums(db);
  }

  async balances(filter: BalanceFilter, cut: BalanceCut): Promise<BalanceLine[]> {
    const position = this.positionOf(cut);
    if (position === null) return this.sums.balances(filter, cut);
    const pair = filter.counterparty !== undefined;
    return this.groupsAt(filter, position).map(({ partner, counterparty, unit, provided, received }) => ({
      partner,
      ...(pair ? { counterparty } : {}),
      unit,
      balance: formatAmount(provided - received),
    }));
  }

  /** The domain's trial balance over every partner's sums at the cut. */
  async trialBalance(cut: BalanceCut): Promise<TrialBalanceLine[]> {
    const position = this.positionOf(cut);
    return position === null ? this.sums.trialBalance(cut) : trialBalanceOf(this.groupsAt({}, position));
  }

  /** Each pair's gross flow one way is what one side of it provided to the other. Under one agreement: summed over its postings. */
  async pairFlows(unit: string, cut: BalanceCut, agreementId?: string): Promise<PairFlow[]> {
    const position = agreementId === undefined ? this.positionOf(cut) : null;
    if (position === null) return this.sums.pairFlows(unit, cut, agreementId);
    const stored = this.all<StoredGroup>(
      `SELECT partner, counterparty, unit, last_position, provided, received FROM ${TOTALS}
       WHERE unit = ? AND counterparty <> '' AND first_position <= ? ORDER BY partner, counterparty`,
      unit,
      position,
    );
    return stored
      .map((group) => this.at(group, position))
      .filter(({ provided }) => provided > 0n)
      .map(({ partner, counterparty, provided }) => ({ provider: partner, receiver: counterparty, amount: formatAmount(provided) }));
  }

  /** The groups the filter names that have a posting at or before the position, each with its sums there. */
  private groupsAt(filter: BalanceFilter, position: bigint): Group[] {
    const where = ["partner <> ''", 'first_position <= @position', filter.counterparty === undefined ? "counterparty = ''" : 'counterparty = @counterparty'];
    if (filter.partner !== undefined) where.push('partner = @partner');
    if (filter.unit !== undefined) where.push('unit = @unit');
    const stored = this.all<StoredGroup>(
      `SELECT partner, counterparty, unit, last_position, provided, received FROM ${TOTALS}
       WHERE ${where.join(' AND ')} ORDER BY partner, counterparty, unit`,
      { position, ...filter },
    );
    return stored.map((group) => this.at(group, position));
  }

  /** A group's sums at the position: its latest sums when it has not moved since, else its last row's at or before it. */
  private at(group: StoredGroup, position: bigint): Group {
    const { partner, counterparty, unit } = group;
    if (group.last_position <= position) return group;
    const step =
      counterparty === ''
        ? later(this.get<Step>(SEEK.provider, partner, unit, position), this.get<Step>(SEEK.receiver, partner, unit, position))
        : later(this.get<Step>(SEEK.pair, partner, counterparty, unit, position), this.swapped(this.get<Step>(SEEK.pair, counterparty, partner, unit, position)));
    // The group's first posting is at or before the position, so one of its sides has a row there.
    if (step === undefined) throw new Error(`no posting of ${partner}/${counterparty}/${unit} at or before ${position}`);
    return { partner, counterparty, unit, provided: step.provided, received: step.received };
  }

  private swapped(step: Step | undefined): Step | undefined {
    return step && { ...step, provided: step.received, received: step.provided };
  }

  /** The position a cut names; null for an instant in a ledger recorded out of log order. */
  private positionOf(cut: BalanceCut): bigint | null {
    if ('position' in cut) return BigInt(cut.position);
    const order = this.get<{ disordered: bigint }>(SEEK.order);
    if (order === undefined) return -1n;
    if (order.disordered > 0n) return null;
    return this.get<{ position: bigint }>(SEEK.instant, cut.instant)?.position ?? -1n;
  }

  private get<Row>(sql: string, ...params: unknown[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  private all<Row>(sql: string, ...params: unknown[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  /** Cached: SQLite prepares a statement again by itself when the read model under it is dropped and made anew. */
  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql).safeIntegers(true);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
