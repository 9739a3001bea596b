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
  /** A group that keeps its sums per bucket too (SpreadMove): them, as spreadText writes them. */
  spread?: string;
}>;

/**
 * A spread as the stores keep it, JSON of one flat array: each bucket in the
 * order it was first moved, followed by its sums (a number while it has at
 * most 15 digits, so below 2^53, else its decimal text); "[]" when nothing
 * is in it. Buckets are only ever added at the end, so the spread a group
 * had earlier lists its buckets first, in the same order: a difference of
 * two is taken bucket by bucket, by place.
 */
export const parseSpread = (text: string): Array<string | number> => JSON.parse(text) as Array<string | number>;
const spreadText = (spread: ReadonlyMap<string, readonly bigint[]>): string => {
  // Written by hand: a group's first row of each day takes one, and JSON.stringify over a mapped copy took four times as long.
  const parts: string[] = [];
  for (const [bucket, sums] of spread) {
    parts.push(JSON.stringify(bucket));
    for (const sum of sums) {
      const digits = sum.toString();
      parts.push(digits.length < 16 ? digits : `"${digits}"`);
    }
  }
  return `[${parts.join(',')}]`;
};

/** The UTC day of an ISO 8601 time, as every store stamps them. */
const dayOf = (time: string): string => time.slice(0, 10);

/** A group's key as one map key. */
export const groupKey = (key: readonly string[]): string => key.join('\u0000');

type Carried<Row> = Readonly<{ rows: Array<Row & Record<string, bigint | string | number | null>>; totals: GroupTotals[] }>;
type Moving = {
  key: readonly string[]; first: bigint; last: bigint; latest: string; disordered: bigint; sums: bigint[];
  /** The group's spread as stored, read when a row first moves it (spreadOf). */
  stored?: string;
  spread?: Map<string, bigint[]>;
};

const spreadOf = (group: Moving, width: number): Map<string, bigint[]> => {
  if (group.spread !== undefined) return group.spread;
  const flat = parseSpread(group.stored ?? '[]');
  group.spread = new Map();
  for (let i = 0; i < flat.length; i += 1 + width) group.spread.set(String(flat[i]), flat.slice(i + 1, i + 1 + width).map(BigInt));
  return group.spread;
};

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

/** One pass of carryTotals: each row (already a copy, set in place) with the moves given for it. */
const carryPass = (
  running: RunningTotals<never>,
  rows: readonly CarriedRow[],
  movesOfRow: ReadonlyArray<readonly RunningMove[]>,
  load: (keys: ReadonlyArray<readonly string[]>) => ReadonlyMap<string, GroupTotals>,
): { rows: CarriedRow[]; totals: GroupTotals[] } => {
  const idsOf = movesOfRow.map((moves) => moves.map(({ key }) => groupKey(key)));
  const keys = new Map<string, readonly string[]>();
  movesOfRow.forEach((moves, r) => moves.forEach(({ key }, m) => keys.set(idsOf[r][m], key)));
  const stored = keys.size === 0 ? new Map<string, GroupTotals>() : load([...keys.values()]);
  const moving = new Map<string, Moving>();
  const out: CarriedRow[] = [];
  const width = running.sums.length;
  rows.forEach((row, r) => {
    const position = running.positionOf(row as never);
    const moves = movesOfRow[r];
    const ids = idsOf[r];
    if (ids.some((id) => (stored.get(id)?.last ?? -1n) >= position)) return;
    const time = running.timeOf(row as never);
    // What the row's last `set` changed each sum by, for a later move that adds it.
    let change: readonly bigint[] = [];
    moves.forEach((move, m) => {
      const { key, into } = move;
      const id = ids[m];
      let group = moving.get(id);
      let first = false;
      if (group === undefined) {
        const before = stored.get(id);
        first = before === undefined;
        group = first
          ? { key, first: position, last: position, latest: time, disordered: 0n, sums: new Array<bigint>(width).fill(0n) }
          : { key, first: before!.first, last: before!.last, latest: before!.latest, disordered: before!.disordered, sums: [...before!.sums], stored: before!.spread };
        moving.set(id, group);
      }
      const spread = move.spread === undefined ? undefined : spreadOf(group, width);
      if (spread !== undefined && (first || dayOf(time) > dayOf(group.latest))) row[move.spread!.opening] = spreadText(spread);
      if (!first && time < group.latest) group.disordered += 1n;
      if (time > group.latest) group.latest = time;
      group.last = position;
      if ('set' in move) change = group.sums.map((sum, i) => (move.set[i] ?? sum) - sum);
      const add = 'set' in move || move.add === 'change' ? change : move.add;
      for (let i = 0; i < width; i++) group.sums[i] += add[i] ?? 0n;
      if (spread !== undefined) {
        const bucket = spread.get(move.spread!.bucket) ?? spread.set(move.spread!.bucket, new Array<bigint>(width).fill(0n)).get(move.spread!.bucket)!;
        for (let i = 0; i < width; i++) bucket[i] += add[i] ?? 0n;
      }
      for (let i = 0; i < (into?.length ?? 0); i++) {
        const column = into?.[i] ?? null;
        if (column !== null) row[column] = group.sums[i];
      }
    });
    out.push(row);
  });
  const totals = [...moving.values()].map(({ stored, spread, ...group }): GroupTotals => {
    const kept = spread === undefined ? stored : spreadText(spread);
    return kept === undefined ? group : { ...group, spread: kept };
  });
  return { rows: out, totals };
};

/**
 * carryTotals for a store that reads totals asynchronously (PostgreSQL): the
 * groups a batch moves are only known as it is carried (a second pass's keys
 * depend on what the first carried), so it is carried, the groups it asked
 * for and has not read are read, and it is carried again, until every group
 * it asks for has been read. Pure but for `read`. The first pass's groups
 * are known from the rows and read before the first carry, so a batch is
 * carried once, or twice with a second pass; each read is one query for
 * all the groups it names.
 */
export const carryTotalsReading = async <Row>(
  running: RunningTotals<Row>,
  rows: readonly Row[],
  read: (keys: ReadonlyArray<readonly string[]>) => Promise<ReadonlyMap<string, GroupTotals>>,
): Promise<Carried<Row>> => {
  const stored = new Map<string, GroupTotals>();
  const asked = new Set<string>();
  const readMissing = async (missing: ReadonlyMap<string, readonly string[]>) => {
    const found = await read([...missing.values()]);
    for (const id of missing.keys()) asked.add(id);
    for (const [id, totals] of found) stored.set(id, totals);
  };
  // The first pass's groups are known from the rows alone: read before the first carry, so only a second pass costs a round more.
  const first = new Map<string, readonly string[]>();
  for (const row of rows) for (const { key } of running.movesOf(row)) first.set(groupKey(key), key);
  if (first.size > 0) await readMissing(first);
  for (;;) {
    const missing = new Map<string, readonly string[]>();
    const carried = carryTotals(running, rows, (keys) => {
      for (const key of keys) {
        const id = groupKey(key);
        if (!asked.has(id)) missing.set(id, key);
      }
      return stored;
    });
    if (missing.size === 0) return carried;
    await readMissing(missing);
  }
};
