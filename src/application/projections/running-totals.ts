import type { RunningMove, RunningTotals } from './projection';

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

type Carried<Row> = Readonly<{ rows: Array<Row & Record<string, bigint | string | number | null>>; totals: GroupTotals[] }>;
type Moving = { key: readonly string[]; first: bigint; last: bigint; latest: string; disordered: bigint; sums: bigint[] };

type CarriedRow = Record<string, bigint | string | number | null>;

/**
 * Counts a batch of rows, in log order, into the totals of their groups as
 * they were stored before the batch (`load` reads them, by groupKey, for the
 * keys of every group the batch moves): each row leaves
 * with its `carried` columns set to the sums of its groups after it, and the
 * groups it changed come back to be stored. A row at or before a stored
 * group's last position was counted by an earlier fold of its event (another
 * writer got there first) and is left out: it is stored already, so counting
 * it again would count it twice. Pure, so every store carries the same sums.
 *
 * With `laterMovesOf`, a second pass over the rows the first kept counts the
 * moves that depend on what the first carried, its groups loaded in one call
 * as the first's were.
 */
export const carryTotals = <Row>(
  running: RunningTotals<Row>,
  rows: readonly Row[],
  load: (keys: ReadonlyArray<readonly string[]>) => ReadonlyMap<string, GroupTotals>,
): Carried<Row> => {
  const copies = rows.map((row) => {
    const copy: CarriedRow = Object.assign({}, row);
    for (const column of running.carried) copy[column] ??= null;
    for (const column of running.labels ?? []) copy[column] ??= null;
    return copy;
  });
  const first = carryPass(running, copies, rows.map((row) => running.movesOf(row)), load);
  if (running.laterMovesOf === undefined) return first as Carried<Row>;
  const later = first.rows.map((row) => {
    const { labels, moves } = running.laterMovesOf!(row);
    if (labels !== undefined) Object.assign(row, labels);
    return moves;
  });
  const second = carryPass(running, first.rows, later, load);
  return { rows: second.rows, totals: [...first.totals, ...second.totals] } as Carried<Row>;
};

/**
 * One pass of carryTotals: each row (already a copy, set in place) with the
 * moves given for it. Written as plain loops over one entry per group (its
 * stored totals and, once moved, its moving ones): the running totals were
 * 17% of a bulk rebuild's samples at 1,000,000 events, a third of it this
 * pass's own lookups and copies.
 */
const carryPass = (
  running: RunningTotals<never>,
  rows: readonly CarriedRow[],
  movesOfRow: ReadonlyArray<readonly RunningMove[]>,
  load: (keys: ReadonlyArray<readonly string[]>) => ReadonlyMap<string, GroupTotals>,
): { rows: CarriedRow[]; totals: GroupTotals[] } => {
  const groups = new Map<string, Group>();
  const groupsOf: Group[][] = new Array(movesOfRow.length);
  for (let r = 0; r < movesOfRow.length; r++) {
    const moves = movesOfRow[r];
    const of: Group[] = new Array(moves.length);
    for (let m = 0; m < moves.length; m++) {
      const { key } = moves[m];
      const id = groupKey(key);
      let group = groups.get(id);
      if (group === undefined) groups.set(id, (group = { key, stored: undefined, moving: undefined }));
      of[m] = group;
    }
    groupsOf[r] = of;
  }
  if (groups.size > 0) {
    const stored = load([...groups.values()].map((group) => group.key));
    if (stored.size > 0) for (const [id, group] of groups) group.stored = stored.get(id);
  }
  const moved: Moving[] = [];
  const out: CarriedRow[] = [];
  const width = running.sums.length;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const position = running.positionOf(row as never);
    const moves = movesOfRow[r];
    const of = groupsOf[r];
    let counted = false;
    for (let m = 0; m < of.length && !counted; m++) counted = (of[m].stored?.last ?? -1n) >= position;
    if (counted) continue;
    const time = running.timeOf(row as never);
    for (let m = 0; m < moves.length; m++) {
      const { add, into } = moves[m];
      const entry = of[m];
      let group = entry.moving;
      let first = false;
      if (group === undefined) {
        const before = entry.stored;
        first = before === undefined;
        group = first
          ? { key: entry.key, first: position, last: position, latest: time, disordered: 0n, sums: new Array<bigint>(width).fill(0n) }
          : { key: before!.key, first: before!.first, last: before!.last, latest: before!.latest, disordered: before!.disordered, sums: [...before!.sums] };
        entry.moving = group;
        moved.push(group);
      }
      if (!first && time < group.latest) group.disordered += 1n;
      if (time > group.latest) group.latest = time;
      group.last = position;
      const sums = group.sums;
      for (let i = 0; i < width; i++) {
        const value = add[i];
        if (value !== undefined && value !== 0n) sums[i] += value;
      }
      if (into !== undefined) {
        for (let i = 0; i < into.length; i++) {
          const column = into[i];
          if (column !== null) row[column] = sums[i];
        }
      }
    }
    out.push(row);
  }
  return { rows: out, totals: moved };
};

/** A group a pass moves: its key, its totals as stored before the batch, and its totals as the pass moves them. */
type Group = { key: readonly string[]; stored: GroupTotals | undefined; moving: Moving | undefined };
