import type { Database, Statement } from 'better-sqlite3';
import { CARRIED, POSTINGS_PROJECTION } from '../../application/ledger/postings.projection';
import type { BalanceCut, BalanceFilter, BalanceLine, BalancesQueries, TrialBalanceLine } from '../../application/ports/balances.port';
import { formatAmount, trialBalanceOf, type PairFlow } from '../../domain/ledger';
import { copySize, fromMarks, readFromMarks, type GroupKind } from './balance-marks';
import { SqliteBalanceSums } from './sqlite-balance-sums';
import { marksTable, totalsTable } from './sqlite-read-store';

const POSTINGS = `rm_${POSTINGS_PROJECTION}`;
const TOTALS = totalsTable(POSTINGS_PROJECTION);
const MARKS = marksTable(POSTINGS_PROJECTION);
/** A seek costs about this many rows of a range here (readFromMarks). */
const SEEK_ROWS = 4;

/** One balance group as of a cut: a partner's (counterparty '') or a pair's, in one unit. */
type Group = { partner: string; counterparty: string; unit: string; provided: bigint; received: bigint };
type GroupRow = [partner: string, counterparty: string, unit: string, provided: bigint, received: bigint];

/**
 * A sum carried by the last posting at or before the cut that matches
 * `where`, 0 when none does: one seek down an index ending in (position,
 * entry, the sum), read from the index alone.
 */
const lastCarried = (sum: string, where: string) =>
  `coalesce((SELECT ${sum} FROM ${POSTINGS} WHERE ${where} AND unit = g.unit AND position <= @position
    ORDER BY position DESC, entry DESC LIMIT 1), 0)`;

/**
 * Where each sum of a group was at the cut. What a partner provided moves
 * only with the postings it provides, and what it received only with those
 * it receives, so each is read from the last posting of its own side, with
 * no need to know which side moved last: a partner's from its postings as
 * the provider and as the receiver, a pair's from its postings each way
 * round (what the counterparty provided to the partner is what the partner
 * received).
 */
const SUMS = {
  partners: {
    provided: lastCarried(CARRIED.provided, 'provider = g.partner'),
    received: lastCarried(CARRIED.received, 'receiver = g.partner'),
  },
  pairs: {
    provided: lastCarried(CARRIED.pair, 'provider = g.partner AND receiver = g.counterparty'),
    received: lastCarried(CARRIED.pair, 'provider = g.counterparty AND receiver = g.partner'),
  },
} as const;

/**
 * One statement for every group the filter names at a cut (`where`, over
 * `g`). For a few (`few`: one partner's or one pair's), the groups come
 * from the totals table (those with a posting at or before the cut), and a
 * group that moved after the cut seeks each of its sums at or before it
 * inside SQLite, a correlated subquery per sum; a group that has not moved
 * since needs no seek. For many, the copies of the totals (fromMarks): at
 * some 6 µs a seek, every partner as of a past cut took 1–3 ms at 1,000,000
 * postings.
 */
export const asOfStatement = (kind: GroupKind, where: string, few: boolean): string => {
  if (!few) {
    const { ctes, groups } = fromMarks(kind, where, { postings: POSTINGS, totals: TOTALS, marks: MARKS, position: '@position' });
    return `WITH ${ctes} ${groups} ORDER BY partner, counterparty, unit`;
  }
  const sum = (name: keyof (typeof SUMS)[typeof kind]) => `CASE WHEN g.last_position <= @position THEN g.${name} ELSE ${SUMS[kind][name]} END`;
  return `SELECT g.partner, g.counterparty, g.unit, ${sum('provided')}, ${sum('received')}
    FROM ${TOTALS} g WHERE ${where} AND g.first_position <= @position ORDER BY g.partner, g.counterparty, g.unit`;
};

const SEEK = {
  /** The log position an instant names, when recorded times follow the log (the ledger's own group says so). */
  instant: `SELECT position FROM ${POSTINGS} WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1`,
  order: `SELECT disordered FROM ${TOTALS} WHERE partner = '' AND counterparty = '' AND unit = ''`,
} as const;

/**
 * Balances from the running totals the postings carry (postings.projection,
 * RunningTotals): a group's balance as of a position is the sums of its
 * newest row at or before it, one index seek per side, and the totals table
 * holds every group's latest sums, so "now" needs no seek at all. Which
 * groups exist at a cut is the totals table's first position. Many groups
 * are read from the last copy of the totals at or before the cut and the
 * rows after it instead (fromMarks). Nothing here reads more rows than it
 * returns and the copies are apart, however long the history. Every query
 * is one statement (asOfStatement), its seeks made inside SQLite: made one
 * by one from JavaScript, the seeks of every partner as of a position took
 * about 12 ms at 1,000,000 postings, against about 1 ms in one statement.
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
  private readonly asOfStatements = new Map<string, Statement>();

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
    return this.asOf('pairs', "g.unit = @unit AND g.counterparty <> ''", { position, unit })
      .filter(({ provided }) => provided > 0n)
      .map(({ partner, counterparty, provided }) => ({ provider: partner, receiver: counterparty, amount: formatAmount(provided) }));
  }

  /** The groups the filter names that have a posting at or before the position, each with its sums there. */
  private groupsAt(filter: BalanceFilter, position: bigint): Group[] {
    const where = ["g.partner <> ''", filter.counterparty === undefined ? "g.counterparty = ''" : 'g.counterparty = @counterparty'];
    if (filter.partner !== undefined) where.push('g.partner = @partner');
    if (filter.unit !== undefined) where.push('g.unit = @unit');
    return this.asOf(filter.counterparty === undefined ? 'partners' : 'pairs', where.join(' AND '), { position, ...filter }, filter.partner !== undefined);
  }

  /**
   * Every group `where` names, with its sums at the position (asOfStatement): a few (`few`) by seeks; more from
   * the last copy of the totals where that reads less (readFromMarks).
   */
  private asOf(kind: GroupKind, where: string, params: Record<string, unknown>, few = false): Group[] {
    const size = few ? undefined : (this.statement(copySize(where, { marks: MARKS, position: '@position' }), true).get(params) as [bigint, bigint] | undefined);
    const marked = size !== undefined && readFromMarks(Number(size[0]), Number(size[1]), SEEK_ROWS);
    return this.asOfStatement(kind, where, !marked).all(params).map((row) => {
      const [partner, counterparty, unit, provided, received] = row as GroupRow;
      return { partner, counterparty, unit, provided, received };
    });
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

  /**
   * By its kind and conditions: the whole statement's text, built and hashed on every query, cost a
   * balance query (one seek of the totals table) twice what SQLite took to answer it.
   */
  private asOfStatement(kind: GroupKind, where: string, few: boolean): Statement {
    const key = `${kind}\n${where}\n${few}`;
    let statement = this.asOfStatements.get(key);
    if (statement === undefined) this.asOfStatements.set(key, (statement = this.statement(asOfStatement(kind, where, few), true)));
    return statement;
  }

  /** Cached: SQLite prepares a statement again by itself when the read model under it is dropped and made anew. */
  private statement(sql: string, raw = false): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql).safeIntegers(true).raw(raw);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
