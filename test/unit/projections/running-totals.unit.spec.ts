import type { RunningTotals } from '../../../src/application/projections/projection';
import { carryTotals, carryTotalsReading, groupKey, type GroupTotals } from '../../../src/application/projections/running-totals';

type Row = { position: number; at: string; who: string; amount: number };

/** A sum per person and one for everyone, each row keeping its person's sum after it. */
const running: RunningTotals<Row> = {
  key: ['who'],
  sums: ['total', 'count'],
  carried: ['total_after'],
  positionOf: (row) => BigInt(row.position),
  timeOf: (row) => row.at,
  movesOf: ({ who, amount }) => [
    { key: [who], add: [BigInt(amount), 1n], into: ['total_after'] },
    { key: [''], add: [BigInt(amount), 1n] },
  ],
};

/** A second pass: the bucket of a row is the parity of its person's total after it, counted per person and bucket. */
const chained: RunningTotals<Row> = {
  ...running,
  carried: ['total_after', 'bucket_count'],
  labels: ['bucket'],
  laterMovesOf: (carried) => {
    const bucket = (carried.total_after as bigint) % 2n === 0n ? 'even' : 'odd';
    return { labels: { bucket }, moves: [{ key: [`${carried.who}:${bucket}`], add: [1n, 1n], into: ['bucket_count'] }] };
  },
};

const row = (position: number, who: string, amount: number, at = `2025-01-01T00:00:0${position % 10}.000Z`): Row => ({ position, at, who, amount });
const stored = (...groups: GroupTotals[]) => () => new Map(groups.map((group) => [groupKey(group.key), group]));
const nothingStored = stored();

describe('carryTotals', () => {
  it('carries each group’s sums after every row and returns the groups it moved', () => {
    const { rows, totals } = carryTotals(running, [row(1, 'a', 5), row(2, 'b', 7), row(3, 'a', -2)], nothingStored);
    expect(rows.map((r) => r.total_after)).toEqual([5n, 7n, 3n]);
    expect(totals).toEqual(
      expect.arrayContaining([
        { key: ['a'], first: 1n, last: 3n, latest: '2025-01-01T00:00:03.000Z', disordered: 0n, sums: [3n, 2n] },
        { key: ['b'], first: 2n, last: 2n, latest: '2025-01-01T00:00:02.000Z', disordered: 0n, sums: [7n, 1n] },
        { key: [''], first: 1n, last: 3n, latest: '2025-01-01T00:00:03.000Z', disordered: 0n, sums: [10n, 3n] },
      ]),
    );
  });

  it('keeps only the sums a move names a column for', () => {
    const countOnly: RunningTotals<Row> = { ...running, carried: ['count_after'], movesOf: ({ who, amount }) => [{ key: [who], add: [BigInt(amount), 1n], into: [null, 'count_after'] }] };
    const { rows, totals } = carryTotals(countOnly, [row(1, 'a', 5), row(2, 'a', 7)], nothingStored);
    expect(rows.map(({ total_after, count_after }) => [total_after, count_after])).toEqual([[undefined, 1n], [undefined, 2n]]);
    expect(totals.map(({ sums }) => sums)).toEqual([[12n, 2n]]);
  });

  it('goes on from the stored totals, and asks for exactly the groups the batch moves', () => {
    const asked: Array<readonly string[]> = [];
    const a: GroupTotals = { key: ['a'], first: 1n, last: 3n, latest: '2025-01-01T00:00:03.000Z', disordered: 0n, sums: [3n, 2n] };
    const { rows } = carryTotals(running, [row(4, 'a', 10)], (keys) => {
      asked.push(...keys);
      return stored(a)();
    });
    expect(asked).toEqual([['a'], ['']]);
    expect(rows[0].total_after).toBe(13n);
  });

  it('leaves out a row its groups have counted already (an event folded twice) and moves nothing for it', () => {
    const a: GroupTotals = { key: ['a'], first: 1n, last: 3n, latest: '2025-01-01T00:00:03.000Z', disordered: 0n, sums: [3n, 2n] };
    const { rows, totals } = carryTotals(running, [row(3, 'a', -2), row(4, 'a', 1)], stored(a));
    expect(rows.map((r) => r.position)).toEqual([4]);
    expect(totals.find((t) => t.key[0] === 'a')?.sums).toEqual([4n, 3n]);
  });

  it('counts the rows that come earlier in time than a row before them', () => {
    const { totals } = carryTotals(running, [row(1, 'a', 1, '2025-01-01T00:00:05.000Z'), row(2, 'b', 1, '2025-01-01T00:00:04.000Z')], nothingStored);
    expect(totals.find((t) => t.key[0] === '')).toMatchObject({ disordered: 1n, latest: '2025-01-01T00:00:05.000Z' });
    expect(totals.find((t) => t.key[0] === 'b')).toMatchObject({ disordered: 0n });
  });

  it('sets a state group to a row’s values and adds what that changed to a later move’s group', () => {
    type Title = { position: number; who: string; title: string; held: number };
    /** Whether each person holds each title, and how many titles each holds. */
    const holding: RunningTotals<Title> = {
      key: ['who', 'title'],
      sums: ['held'],
      carried: ['count_after'],
      positionOf: (title) => BigInt(title.position),
      timeOf: () => '',
      movesOf: ({ who, title, held }) => [
        { key: [who, title], set: [BigInt(held)] },
        { key: [who, ''], add: 'change', into: ['count_after'] },
      ],
    };
    const title = (position: number, t: string, held: number, who = 'a'): Title => ({ position, who, title: t, held });
    // x held, held again (no change), y held, x let go, y held again, x held again
    const first = carryTotals(holding, [title(1, 'x', 1), title(2, 'x', 1), title(3, 'y', 1), title(4, 'x', 0), title(5, 'y', 1)], nothingStored);
    expect(first.rows.map((r) => r.count_after)).toEqual([1n, 1n, 2n, 1n, 1n]);
    const byKey = new Map(first.totals.map((group) => [groupKey(group.key), group]));
    expect([['a', 'x'], ['a', 'y'], ['a', '']].map((key) => byKey.get(groupKey(key))?.sums)).toEqual([[0n], [1n], [1n]]);
    // The next batch goes on from what was stored; a row folded again is left out.
    const second = carryTotals(holding, [title(5, 'y', 1), title(6, 'x', 1), title(7, 'y', 0)], () => byKey);
    expect(second.rows.map((r) => [r.position, r.count_after])).toEqual([[6, 2n], [7, 1n]]);
  });

  it('counts a second pass whose groups and labels depend on what the first carried, loading its groups in one call', () => {
    const asked: Array<ReadonlyArray<readonly string[]>> = [];
    const { rows, totals } = carryTotals(chained, [row(1, 'a', 2), row(2, 'a', 1), row(3, 'a', 1)], (keys) => {
      asked.push(keys);
      return new Map();
    });
    expect(rows.map((r) => [r.total_after, r.bucket, r.bucket_count])).toEqual([[2n, 'even', 1n], [3n, 'odd', 1n], [4n, 'even', 2n]]);
    expect(asked).toEqual([[['a'], ['']], [['a:even'], ['a:odd']]]);
    expect(totals.find((t) => t.key[0] === 'a:even')?.sums).toEqual([2n, 2n]);
  });
});

describe('carryTotals with a spread', () => {
  type Sale = { position: number; at: string; who: string; what: string; amount: number };
  /** Each person's sales and amount, per kind of thing sold as a spread; the first sale of a day opens it with the spread before it. */
  const spreading: RunningTotals<Sale> = {
    key: ['who'],
    sums: ['count', 'total'],
    carried: ['count_after'],
    labels: ['opening'],
    spreads: true,
    positionOf: (sale) => BigInt(sale.position),
    timeOf: (sale) => sale.at,
    movesOf: ({ who, what, amount }) => [{ key: [who], add: [1n, BigInt(amount)], into: ['count_after'], spread: { bucket: what, opening: 'opening' } }],
  };
  const sale = (position: number, at: string, what: string, amount: number, who = 'a'): Sale => ({ position, at, who, what, amount });

  it('adds each row to its bucket as well as to the sums, and opens each UTC day with the spread before its first row', () => {
    const { rows, totals } = carryTotals(
      spreading,
      [
        sale(1, '2025-01-01T09:00:00.000Z', 'pen', 2),
        sale(2, '2025-01-01T23:59:59.999Z', 'ink', 5),
        sale(3, '2025-01-02T00:00:00.000Z', 'pen', 3),
        sale(4, '2025-01-02T10:00:00.000Z', 'pen', 1),
        sale(5, '2025-01-05T10:00:00.000Z', 'pad', 4, 'b'),
      ],
      nothingStored,
    );
    expect(rows.map((r) => [r.count_after, r.opening])).toEqual([
      [1n, '[]'],
      [2n, null],
      [3n, '["pen",1,2,"ink",1,5]'],
      [4n, null],
      [1n, '[]'],
    ]);
    expect(totals.map(({ key, sums, spread }) => [key, sums, spread])).toEqual([
      [['a'], [4n, 11n], '["pen",3,6,"ink",1,5]'],
      [['b'], [1n, 4n], '["pad",1,4]'],
    ]);
  });

  it('goes on from a stored spread, opening a later day with it, and adds nothing for a row counted already', () => {
    const a: GroupTotals = { key: ['a'], first: 1n, last: 2n, latest: '2025-01-01T23:59:59.999Z', disordered: 0n, sums: [2n, 7n], spread: '["pen",1,2,"ink",1,5]' };
    const { rows, totals } = carryTotals(spreading, [sale(2, '2025-01-01T23:59:59.999Z', 'ink', 5), sale(3, '2025-01-03T08:00:00.000Z', 'ink', 1)], stored(a));
    expect(rows.map((r) => [r.position, r.count_after, r.opening])).toEqual([[3, 3n, '["pen",1,2,"ink",1,5]']]);
    expect(totals).toEqual([{ ...a, last: 3n, latest: '2025-01-03T08:00:00.000Z', sums: [3n, 8n], spread: '["pen",1,2,"ink",2,6]' }]);
  });

  it('keeps a sum beyond 2^53 in a spread as decimal text, and reads it back exactly', () => {
    const big = 2n ** 60n;
    const first = carryTotals(spreading, [sale(1, '2025-01-01T09:00:00.000Z', 'pen', 1)], nothingStored).totals;
    const a: GroupTotals = { ...first[0], sums: [1n, big], spread: `["pen",1,"${big}"]` };
    const { rows, totals } = carryTotals(spreading, [sale(2, '2025-01-02T09:00:00.000Z', 'pen', 1)], stored(a));
    expect(rows[0].opening).toBe(`["pen",1,"${big}"]`);
    expect(totals[0].spread).toBe(`["pen",2,"${big + 1n}"]`);
  });

  it('writes a sum of up to 15 digits as a number and a longer one, or a negative one of 15 digits, as text', () => {
    const [fifteen, sixteen] = [10n ** 15n - 1n, 10n ** 15n];
    const spread = `["x",1,${fifteen},"y",1,"${sixteen}","z",1,"-${fifteen}"]`;
    const a: GroupTotals = { key: ['a'], first: 1n, last: 3n, latest: '2025-01-01T09:00:00.000Z', disordered: 0n, sums: [3n, 1n], spread };
    const { totals } = carryTotals(spreading, [sale(9, '2025-01-02T09:00:00.000Z', 'w', 1)], stored(a));
    expect(totals[0].spread).toBe(`["x",1,${fifteen},"y",1,"${sixteen}","z",1,"-${fifteen}","w",1,1]`);
    expect(JSON.parse(totals[0].spread!)).toEqual(['x', 1, Number(fifteen), 'y', 1, String(sixteen), 'z', 1, `-${fifteen}`, 'w', 1, 1]);
  });

  it('keeps no spread for a group no move spreads', () =>
    expect(carryTotals(running, [row(1, 'a', 5)], nothingStored).totals.every((group) => !('spread' in group))).toBe(true));
});

describe('carryTotalsReading', () => {
  it('carries as carryTotals does from totals read asynchronously, reading each group once, a second pass’s after the first’s', async () => {
    // Stored totals that change the first pass's sums, and so the second pass's groups.
    const groups = [
      { key: ['a'], first: 1n, last: 4n, latest: '2025-01-01T00:00:04.000Z', disordered: 0n, sums: [5n, 2n] },
      { key: ['a:odd'], first: 2n, last: 4n, latest: '2025-01-01T00:00:04.000Z', disordered: 0n, sums: [7n, 7n] },
    ];
    const rows = [row(5, 'a', 2), row(6, 'a', 1), row(7, 'b', 1)];
    const read: Array<readonly string[]> = [];
    const carried = await carryTotalsReading(chained, rows, async (keys) => {
      read.push(...keys);
      return stored(...groups.filter((group) => keys.some((key) => groupKey(key) === groupKey(group.key))))();
    });
    expect(carried).toEqual(carryTotals(chained, rows, stored(...groups)));
    expect(carried.rows.map((r) => [r.total_after, r.bucket, r.bucket_count])).toEqual([[7n, 'odd', 8n], [8n, 'even', 1n], [1n, 'odd', 1n]]);
    expect(read.map((key) => groupKey(key)).sort()).toEqual(['', 'a', 'a:even', 'a:odd', 'b', 'b:odd']);
  });
});
