import type { RunningTotals } from './projection';

/** What a store keeps of one group of a row read model's running totals. */
export type GroupTotals = Readonly<{
  key: readonly string[];
  /** Positions of the first and the last row counted in the group. */
  first: bigint;
  last: bigint;
  /** The latest time of a row counted, and how many rows came earlier in time than a row counted before them. */
  latest: string;
  disordered: bigint;
  sums: readonly bigint[];
}>;

/** A group's key as one map key. */
export const groupKey = (key: readonly string[]): string => key.join('\u0000');

/** The groups the rows of a batch move: the store loads their totals before `carryTotals`. */
export const groupsOf = <Row>(running: RunningTotals<Row>, rows: readonly Row[]): Array<readonly string[]> => {
  const keys = new Map<string, readonly string[]>();
  for (const row of rows) for (const { key } of running.movesOf(row)) keys.set(groupKey(key), key);
  return [...keys.values()];
};

type Carried<Row> = Readonly<{ rows: Array<Row & Record<string, bigint | string | number | null>>; totals: GroupTotals[] }>;

/**
 * Counts a batch of rows, in log order, into the totals of their groups as
 * they were stored before the batch (`stored`, by groupKey): each row leaves
 * with its `carried` columns set to the sums of its groups after it, and the
 * groups it changed come back to be stored. A row at or before a stored
 * group's last position was counted by an earlier fold of its event (another
 * writer got there first) and is left out: it is stored already, so counting
 * it again would count it twice. Pure, so every store carries the same sums.
 */
export const carryTotals = <Row>(running: RunningTotals<Row>, rows: readonly Row[], stored: ReadonlyMap<string, GroupTotals>): Carried<Row> => {
  const totals = new Map<string, GroupTotals>();
  const out: Array<Row & Record<string, bigint | string | number | null>> = [];
  for (const row of rows) {
    const position = running.positionOf(row);
    const moves = running.movesOf(row);
    if (moves.some(({ key }) => (stored.get(groupKey(key))?.last ?? -1n) >= position)) continue;
    const carried: Record<string, bigint | string | number | null> = { ...(row as Record<string, string | number | null>) };
    for (const column of running.carried) carried[column] ??= null;
    const time = running.timeOf(row);
    for (const { key, add, into } of moves) {
      const id = groupKey(key);
      const before = totals.get(id) ?? stored.get(id);
      const sums = running.sums.map((_, i) => (before?.sums[i] ?? 0n) + (add[i] ?? 0n));
      const after: GroupTotals = {
        key,
        first: before?.first ?? position,
        last: position,
        latest: before === undefined || time > before.latest ? time : before.latest,
        disordered: (before?.disordered ?? 0n) + (before !== undefined && time < before.latest ? 1n : 0n),
        sums,
      };
      totals.set(id, after);
      into?.forEach((column, i) => (carried[column] = sums[i]));
    }
    out.push(carried as Row & Record<string, bigint | string | number | null>);
  }
  return { rows: out, totals: [...totals.values()] };
};
