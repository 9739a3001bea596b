import type { RunningTotals } from '../../../src/application/projections/projection';
import { carryParts, carryTotals, carryTotalsReading, DAYS_PER_CARRY, groupKey, OPENING_CHARS, openingTexts, type GroupTotals } from '../../../src/application/projections/running-totals';

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
  /** Each person's sales and amount, per kind of thing sold as a spread. */
  const spreading: RunningTotals<Sale> = {
    key: ['who'],
    sums: ['count', 'total'],
    carried: ['count_after'],
    spreads: true,
    positionOf: (sale) => BigInt(sale.position),
    timeOf: (sale) => sale.at,
    movesOf: ({ who, what, amount }) => [{ key: [who], add: [1n, BigInt(amount)], into: ['count_after'], spread: { bucket: what } }],
  };
  const sale = (position: number, at: string, what: string, amount: number, who = 'a'): Sale => ({ position, at, who, what, amount });

  it('adds each row to its bucket as well as to the sums, buckets in the order first moved', () => {
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
    expect(rows.map((r) => r.count_after)).toEqual([1n, 2n, 3n, 4n, 1n]);
    expect(totals.map(({ key, sums, spread }) => [key, sums, spread])).toEqual([
      [['a'], [4n, 11n], '["pen",3,6,"ink",1,5]'],
      [['b'], [1n, 4n], '["pad",1,4]'],
    ]);
  });

  it('goes on from a stored spread, and adds nothing for a row counted already', () => {
    const a: GroupTotals = { key: ['a'], first: 1n, last: 2n, latest: '2025-01-01T23:59:59.999Z', disordered: 0n, sums: [2n, 7n], spread: '["pen",1,2,"ink",1,5]' };
    const { rows, totals } = carryTotals(spreading, [sale(2, '2025-01-01T23:59:59.999Z', 'ink', 5), sale(3, '2025-01-03T08:00:00.000Z', 'ink', 1)], stored(a));
    expect(rows.map((r) => [r.position, r.count_after])).toEqual([[3, 3n]]);
    expect(totals).toEqual([{ ...a, last: 3n, latest: '2025-01-03T08:00:00.000Z', sums: [3n, 8n], spread: '["pen",1,2,"ink",2,6]' }]);
  });

  it('keeps a sum beyond 2^53 in a spread as decimal text, and reads it back exactly', () => {
    const big = 2n ** 60n;
    const first = carryTotals(spreading, [sale(1, '2025-01-01T09:00:00.000Z', 'pen', 1)], nothingStored).totals;
    const a: GroupTotals = { ...first[0], sums: [1n, big], spread: `["pen",1,"${big}"]` };
    const { totals } = carryTotals(spreading, [sale(2, '2025-01-02T09:00:00.000Z', 'pen', 1)], stored(a));
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

describe('carryTotals with openings', () => {
  type Sale = { position: number; at: string; shop: string; who: string; what: string; amount: number };
  /**
   * Per shop: each person's sales (a spread per kind of thing) and each
   * person's returns, and one group per shop every sale moves, which opens
   * the shop's day; the shop's openings hold its sales, not its returns.
   */
  const shops: RunningTotals<Sale> = {
    key: ['shop', 'tally', 'who', 'day'],
    sums: ['count', 'total'],
    carried: [],
    spreads: true,
    openings: { scope: 1, holds: ['sales'], as: 'opening' },
    positionOf: (sale) => BigInt(sale.position),
    timeOf: (sale) => sale.at,
    movesOf: ({ shop, who, what, amount }) => [
      { key: [shop, '', '', ''], add: [], opens: true },
      amount < 0 ? { key: [shop, 'returns', who, ''], add: [1n, BigInt(-amount)] } : { key: [shop, 'sales', who, ''], add: [1n, BigInt(amount)], spread: { bucket: what } },
    ],
  };
  const sale = (position: number, at: string, who: string, what: string, amount: number, shop = 'north'): Sale => ({ position, at, shop, who, what, amount });
  const openingsOf = (totals: readonly GroupTotals[]) => totals.filter((group) => group.key[1] === 'opening').map(({ key, first, latest, sums, spread }) => ({ key, first, latest, sums, spread }));
  const noScope = () => new Map<string, GroupTotals>();
  /** An opening's groups (in no particular order: sorted here), each [tally, who, day, count, total, spread]. */
  const groupsIn = (text: string) => {
    const flat = JSON.parse(text) as unknown[];
    return Array.from({ length: flat.length / 6 }, (_, i) => flat.slice(i * 6, i * 6 + 6)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  };

  it('opens each UTC day of a scope with what its groups held before its first row, the groups this batch moved as they stood then', () => {
    const { totals } = carryTotals(
      shops,
      [
        sale(1, '2025-01-01T09:00:00.000Z', 'ann', 'pen', 2),
        sale(2, '2025-01-01T10:00:00.000Z', 'bob', 'ink', 5),
        sale(3, '2025-01-01T11:00:00.000Z', 'ann', 'pen', -2),
        sale(4, '2025-01-01T12:00:00.000Z', 'cyd', 'pad', 1, 'south'),
        sale(5, '2025-01-02T00:00:00.000Z', 'ann', 'ink', 3),
        sale(6, '2025-01-02T23:00:00.000Z', 'ann', 'pen', 1),
        sale(7, '2025-01-04T08:00:00.000Z', 'bob', 'pen', 1),
      ],
      nothingStored,
      noScope,
    );
    expect(openingsOf(totals)).toEqual([
      // Each shop's first row: nothing before it.
      { key: ['north', 'opening', '2025-01-01', ''], first: 1n, latest: '2025-01-01T09:00:00.000Z', sums: [0n, 0n], spread: '[]' },
      { key: ['south', 'opening', '2025-01-01', ''], first: 4n, latest: '2025-01-01T12:00:00.000Z', sums: [0n, 0n], spread: '[]' },
      // At midnight: ann's and bob's sales, ann's return left out (not a tally the openings hold), the other shop's too.
      { key: ['north', 'opening', '2025-01-02', ''], first: 5n, latest: '2025-01-02T00:00:00.000Z', sums: [0n, 0n], spread: expect.any(String) },
      // A day with no sale has no opening; the next one opens with the day before's sales.
      { key: ['north', 'opening', '2025-01-04', ''], first: 7n, latest: '2025-01-04T08:00:00.000Z', sums: [0n, 0n], spread: expect.any(String) },
    ]);
    const [, , second, fourth] = openingsOf(totals);
    expect(groupsIn(second.spread!)).toEqual([['sales', 'ann', '', 1, 2, ['pen', 1, 2]], ['sales', 'bob', '', 1, 5, ['ink', 1, 5]]]);
    expect(groupsIn(fourth.spread!)).toEqual([['sales', 'ann', '', 3, 6, ['pen', 2, 3, 'ink', 1, 3]], ['sales', 'bob', '', 1, 5, ['ink', 1, 5]]]);
  });

  it('opens a day with the scope’s stored groups, those the batch moved as they stood, and reads each scope once a pass', () => {
    const ann: GroupTotals = { key: ['north', 'sales', 'ann', ''], first: 1n, last: 1n, latest: '2025-01-01T09:00:00.000Z', disordered: 0n, sums: [1n, 2n], spread: '["pen",1,2]' };
    const dan: GroupTotals = { key: ['north', 'sales', 'dan', ''], first: 2n, last: 2n, latest: '2025-01-01T10:00:00.000Z', disordered: 0n, sums: [2n, 2n ** 60n], spread: `["pad",2,"${2n ** 60n}"]` };
    const shop: GroupTotals = { key: ['north', '', '', ''], first: 1n, last: 2n, latest: '2025-01-01T10:00:00.000Z', disordered: 0n, sums: [0n, 0n] };
    const read: string[][] = [];
    const { totals } = carryTotals(
      shops,
      [sale(3, '2025-01-02T08:00:00.000Z', 'ann', 'ink', 4), sale(4, '2025-01-03T08:00:00.000Z', 'eve', 'pen', 1)],
      stored(ann, dan, shop),
      (prefix) => {
        read.push([...prefix]);
        return stored(ann, dan)();
      },
    );
    const [second, third] = openingsOf(totals);
    const dans = ['sales', 'dan', '', 2, String(2n ** 60n), ['pad', 2, String(2n ** 60n)]];
    expect(groupsIn(second.spread!)).toEqual([['sales', 'ann', '', 1, 2, ['pen', 1, 2]], dans]);
    expect(groupsIn(third.spread!)).toEqual([['sales', 'ann', '', 2, 6, ['pen', 1, 2, 'ink', 1, 4]], dans]);
    expect(read).toEqual([['north']]);
  });

  it('opens no day for a row counted already, nor again for a day the scope has moved in', () => {
    const shop: GroupTotals = { key: ['north', '', '', ''], first: 1n, last: 2n, latest: '2025-01-02T10:00:00.000Z', disordered: 0n, sums: [0n, 0n] };
    const { totals } = carryTotals(shops, [sale(2, '2025-01-02T10:00:00.000Z', 'ann', 'pen', 1), sale(3, '2025-01-02T11:00:00.000Z', 'ann', 'pen', 1)], stored(shop), noScope);
    expect(openingsOf(totals)).toEqual([]);
  });

  describe('an opening longer than OPENING_CHARS', () => {
    // Enough people that the north shop's groups at the second day's midnight take more than OPENING_CHARS.
    const people = Array.from({ length: 3000 }, (_, i) => `person-${String(i).padStart(4, '0')}`);
    const rows = [...people.map((who, i) => sale(i + 1, '2025-01-01T09:00:00.000Z', who, 'pen', 2)), sale(people.length + 1, '2025-01-02T08:00:00.000Z', 'ann', 'ink', 1)];
    const everyone = people.map((who) => ['sales', who, '', 1, 2, ['pen', 1, 2]]);

    it('is kept in several rows of its day, keyed after the day, each an opening of some of its groups', () => {
      const second = openingsOf(carryTotals(shops, rows, nothingStored, noScope).totals).filter(({ key }) => key[2] === '2025-01-02');
      expect(second.length).toBeGreaterThan(1);
      expect(second.map(({ key }) => key)).toEqual(second.map((_, i) => ['north', 'opening', '2025-01-02', i === 0 ? '' : String(i)]));
      for (const { spread } of second) expect(spread!.length).toBeLessThanOrEqual(OPENING_CHARS);
      expect(second.flatMap(({ spread }) => groupsIn(spread!))).toEqual(everyone);
    });

    it('takes rows of up to OPENING_CHARS characters, brackets and commas counted, longer only for a part longer alone', () => {
      const part = (length: number) => 'x'.repeat(length);
      // '[' + 29,998 + ',' + 29,999 + ']': 60,000 characters
      expect(openingTexts([part(29_998), part(29_999)], OPENING_CHARS).map((text) => text.length)).toEqual([OPENING_CHARS]);
      expect(openingTexts([part(29_999), part(29_999)], OPENING_CHARS).map((text) => text.length)).toEqual([30_001, 30_001]);
      expect(openingTexts([part(70_000), part(1)], OPENING_CHARS).map((text) => text.length)).toEqual([70_002, 3]);
      expect(openingTexts([], OPENING_CHARS)).toEqual(['[]']);
      // Each row's text is the JSON of its parts: one part alone, or several, in brackets.
      expect(openingTexts(['"a",1,null'], OPENING_CHARS)).toEqual(['["a",1,null]']);
      expect(openingTexts(['"a",1,null', '"b",2,[]', '"c",3,null'], 24)).toEqual(['["a",1,null,"b",2,[]]', '["c",3,null]']);
    });

    it('is kept in one row when the key has no column after the day', () => {
      const narrow: RunningTotals<Sale> = {
        ...shops,
        key: ['shop', 'tally', 'who'],
        movesOf: ({ shop, who, what, amount }) => [{ key: [shop, '', ''], add: [], opens: true }, { key: [shop, 'sales', who], add: [1n, BigInt(amount)], spread: { bucket: what } }],
      };
      const second = carryTotals(narrow, rows, nothingStored, noScope).totals.filter(({ key }) => key[1] === 'opening' && key[2] === '2025-01-02');
      expect(second.map(({ key }) => key)).toEqual([['north', 'opening', '2025-01-02']]);
      expect(second[0].spread!.length).toBeGreaterThan(OPENING_CHARS);
      // Each group [tally, who, count, total, spread]: no bucket column.
      const flat = JSON.parse(second[0].spread!) as unknown[];
      const groups = Array.from({ length: flat.length / 5 }, (_, i) => flat.slice(i * 5, i * 5 + 5));
      expect(groups.map(([tally, who, ...sums]) => [tally, who, '', ...sums]).sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual(everyone);
    });
  });

  it('is carried in parts of at most DAYS_PER_CARRY days, an event’s rows in one, that carry what one carry of them all does', () => {
    const rows = Array.from({ length: 3 * DAYS_PER_CARRY }, (_, i) => {
      const at = new Date(Date.parse('2025-01-01T10:00:00.000Z') + Math.floor(i / 2) * 86_400_000).toISOString();
      // Rows 2k and 2k + 1 are one event's when k is odd: the second lands a day later, and still goes with the first.
      const position = i % 4 === 3 ? i : i + 1;
      return sale(position, i % 4 === 3 ? new Date(Date.parse(at) + 86_400_000).toISOString() : at, i % 3 === 0 ? 'ann' : 'bob', 'pen', i + 1);
    });
    const parts = carryParts(shops, rows);
    expect(parts.flat()).toEqual(rows);
    for (const part of parts) expect(new Set(part.map((row) => row.at.slice(0, 10))).size).toBeLessThanOrEqual(DAYS_PER_CARRY + 1);
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) if (i > 0) expect(part[0].position).not.toBe(parts[i - 1].at(-1)!.position);
    // Carried part after part, each from what the one before stored, as a store does.
    const stored = new Map<string, GroupTotals>();
    const carriedRows: unknown[] = [];
    for (const part of parts) {
      const scope = (prefix: readonly string[]) => new Map([...stored].filter(([, group]) => group.key[0] === prefix[0] && group.key[1] === 'sales'));
      const carried = carryTotals(shops, part, () => stored, scope);
      carriedRows.push(...carried.rows);
      for (const group of carried.totals) stored.set(groupKey(group.key), group);
    }
    const whole = carryTotals(shops, rows, nothingStored, noScope);
    expect(carriedRows).toEqual(whole.rows);
    const normalized = (groups: Iterable<GroupTotals>) =>
      [...groups].map((group) => (group.key[1] === 'opening' ? { ...group, spread: groupsIn(group.spread!) } : group)).sort((a, b) => groupKey(a.key).localeCompare(groupKey(b.key)));
    expect(normalized(stored.values())).toEqual(normalized(whole.totals));
  });

  it('is carried in one part without openings', () => expect(carryParts(running, [row(1, 'a', 1), row(2, 'a', 1)])).toHaveLength(1));

  it('carries parts of `every` rows with marks, never ending one inside an event', () => {
    const rows = [row(3, 'a', 1), row(4, 'b', 1), row(4, 'a', 1), row(5, 'a', 1), row(9, 'b', 1), row(12, 'a', 1), row(13, 'a', 1)];
    const marks = (every: number) => ({ ...running, marks: { every, key: ['who'] } });
    expect(carryParts(marks(2), rows).map((part) => part.map((r) => r.position))).toEqual([[3, 4, 4], [5, 9], [12, 13]]);
    expect(carryParts(marks(100), rows)).toEqual([rows]);
  });

  it('needs the scope’s groups read', () =>
    expect(() => carryTotals(shops, [sale(1, '2025-01-01T09:00:00.000Z', 'ann', 'pen', 2)], nothingStored)).toThrow(/scope/));

  it('carries as carryTotals does when the totals and the scope are read asynchronously', async () => {
    const ann: GroupTotals = { key: ['north', 'sales', 'ann', ''], first: 1n, last: 1n, latest: '2025-01-01T09:00:00.000Z', disordered: 0n, sums: [1n, 2n], spread: '["pen",1,2]' };
    const shop: GroupTotals = { key: ['north', '', '', ''], first: 1n, last: 1n, latest: '2025-01-01T09:00:00.000Z', disordered: 0n, sums: [0n, 0n] };
    const rows = [sale(2, '2025-01-02T08:00:00.000Z', 'bob', 'ink', 4), sale(3, '2025-01-02T09:00:00.000Z', 'ann', 'ink', 1)];
    const scopes: string[][] = [];
    const carried = await carryTotalsReading(
      shops,
      rows,
      async (keys) => stored(...[ann, shop].filter((group) => keys.some((key) => groupKey(key) === groupKey(group.key))))(),
      async (prefix) => {
        scopes.push([...prefix]);
        return stored(ann)();
      },
    );
    expect(carried).toEqual(carryTotals(shops, rows, stored(ann, shop), stored(ann)));
    expect(openingsOf(carried.totals).map(({ spread }) => spread)).toEqual(['["sales","ann","",1,2,["pen",1,2]]']);
    expect(scopes).toEqual([['north']]);
  });
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
