import fc from 'fast-check';
import { InvalidValue } from '../../../src/domain/shared/errors';
import {
  fillRate, gini, loadLevellingScore, median, networkFairness, partnerFairness, quantile, rankLenders, sameScore,
  type PartnerFairness, type PartnerPeriodCounts,
} from '../../../src/domain/ledger/fairness';
import { parseAmount } from '../../../src/domain/ledger/amount';
import { turnaroundHistogram } from '../../../src/domain/ledger/turnaround';

/** Turnarounds in hours as the report gathers them: a histogram of milliseconds. */
const hours = (values: readonly number[]) => turnaroundHistogram(values.map((h) => h * 3_600_000));

/** Service units per kind as a read model sums them (scaled), from decimals. */
const units = (decimals: Record<string, string>) => new Map(Object.entries(decimals).map(([kind, amount]) => [kind, parseAmount(amount)]));

/** Ten turnarounds (hours); sorted: 4, 6, 8, 10, 12, 16, 20, 30, 48, 72. */
const TURNAROUNDS = [30, 4, 12, 48, 8, 20, 6, 72, 10, 16];

describe('median', () => {
  it('takes the mean of the two middle values for an even count', () =>
    // sorted ranks 5 and 6 are 12 and 16: (12 + 16) / 2 = 14
    expect(median(TURNAROUNDS)).toBe(14));

  it('takes the middle value for an odd count', () => expect(median([5, 1, 3])).toBe(3));

  it('is the value itself for one value', () => expect(median([7.5])).toBe(7.5));

  it('is null for no data', () => expect(median([])).toBeNull());

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('quantile (nearest rank)', () => {
  it.each([
    [0.9, 48], //  ⌈0.9 × 10⌉ = 9th of 4, 6, 8, 10, 12, 16, 20, 30, 48, 72
    [0.5, 12], //  ⌈0.5 × 10⌉ = 5th: the lower median, an observed value
    [0.25, 8], //  ⌈2.5⌉ = 3rd
    [0.91, 72], // ⌈9.1⌉ = 10th
    [0, 4], //     rank 1 at least
    [1, 72], //    rank n
  ])('q = %d picks %d', (q, expected) => expect(quantile(TURNAROUNDS, q)).toBe(expected));

  it('takes p90 of three values as the largest: ⌈0.9 × 3⌉ = ⌈2.7⌉ = 3rd', () => expect(quantile([5, 1, 3], 0.9)).toBe(5));

  it('is not thrown off by floating point: 0.07 × 100 is 7.000000000000001 but p7 of 1..100 is the 7th value', () =>
    expect(quantile(Array.from({ length: 100 }, (_, i) => i + 1), 0.07)).toBe(7));

  it('is null for no data', () => expect(quantile([], 0.9)).toBeNull());

  it.each([-0.1, 1.1, Number.NaN])('refuses q = %d', (q) => expect(() => quantile([1], q)).toThrow(InvalidValue));

  it('refuses values that are not finite', () => expect(() => quantile([1, Number.NaN], 0.5)).toThrow(InvalidValue));
});

describe('gini', () => {
  it('is 0 when all are equal', () => expect(gini([2, 2, 2, 2])).toBe(0));

  it('is (n − 1)/n when one holds everything', () =>
    // pairs (i, j) with |xᵢ − xⱼ| = 1: 3 × 2 ordered = 6; 6 / (2 × 4² × 0.25) = 6 / 8
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 12));

  it('matches the hand computation for 1, 2, 3, 4', () =>
    // unordered |differences|: 1,2,3,1,2,1 = 10, ordered 20; mean 2.5; 20 / (2 × 16 × 2.5) = 20 / 80
    expect(gini([4, 1, 3, 2])).toBeCloseTo(0.25, 12));

  it('is 0 for a single value', () => expect(gini([5])).toBe(0));

  it('is null for no values or a zero sum', () => {
    expect(gini([])).toBeNull();
    expect(gini([0, 0, 0])).toBeNull();
  });

  it('refuses negative values', () => expect(() => gini([1, -1])).toThrow(InvalidValue));
});

describe('loadLevellingScore', () => {
  it('is borrowed × goal ratio − lent', () => {
    expect(loadLevellingScore({ lent: 6, borrowed: 2, goalRatio: 1 })).toBe(-4);
    expect(loadLevellingScore({ lent: 2, borrowed: 4, goalRatio: 1.5 })).toBe(4); // 4 × 1.5 − 2
    expect(loadLevellingScore({ lent: 0, borrowed: 0, goalRatio: 1 })).toBe(0);
  });
});

describe('fillRate', () => {
  it('is accepted / received when no borrower withdrew a request', () => expect(fillRate(6, 8, 0)).toBe(0.75));
  it('is null when no requests came in', () => expect(fillRate(0, 0, 0)).toBeNull());
  it('refuses counts that are not whole', () => {
    expect(() => fillRate(-1, 3, 0)).toThrow(InvalidValue);
    expect(() => fillRate(1, 3, 0.5)).toThrow(InvalidValue);
  });

  it('leaves out the requests the borrower cancelled before the lender answered', () =>
    // one filled, one cancelled by the borrower before any answer: 1 / (2 − 1), not 1 / 2
    expect(fillRate(1, 2, 1)).toBe(1));

  it('keeps a declined request as unfilled', () =>
    // filled, declined, withdrawn: 1 / (3 − 1)
    expect(fillRate(1, 3, 1)).toBe(0.5));

  it('is null when the borrowers withdrew every request before an answer', () => expect(fillRate(0, 2, 2)).toBeNull());

  it('refuses more withdrawn requests than were received', () => expect(() => fillRate(0, 1, 2)).toThrow(InvalidValue));

  /** What became of a request by the period's end, as the lender saw it. */
  const OUTCOMES = ['filled', 'declined', 'unanswered', 'withdrawn'] as const;

  it('is filled / (filled + unfilled) over the requests the lender had to answer, for any mix of outcomes', () =>
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...OUTCOMES), { maxLength: 60 }), (outcomes) => {
        const count = (outcome: (typeof OUTCOMES)[number]) => outcomes.filter((o) => o === outcome).length;
        const toAnswer = outcomes.filter((o) => o !== 'withdrawn');
        const rate = fillRate(count('filled'), outcomes.length, count('withdrawn'));
        if (toAnswer.length === 0) return expect(rate).toBeNull();
        expect(rate).toBe(count('filled') / (count('filled') + count('declined') + count('unanswered')));
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      }),
    ));
});

/**
 * A four-partner network over one period, goal ratio 1 (lend one per loan borrowed).
 *
 * | partner | lent | borrowed | ratio     | distance | score = borrowed × 1 − lent | holdings | lent / holdings |
 * |---------|------|----------|-----------|----------|-----------------------------|----------|-----------------|
 * | A       | 6    | 2        | 3         | 2        | 2 − 6 = −4                  | 1000     | 0.006           |
 * | B       | 2    | 4        | 0.5       | −0.5     | 4 − 2 = 2                   | 1000     | 0.002           |
 * | C       | 4    | 4        | 1         | 0        | 4 − 4 = 0                   | 1000     | 0.004           |
 * | D       | 0    | 2        | 0         | −1       | 2 − 0 = 2                   | 0        | (left out)      |
 *
 * Every loan has a lender and a borrower in the network: Σ lent = Σ borrowed = 12.
 */
const A = 'ID-AAA';
const B = 'ID-BBB';
const C = 'ID-CCC';
const D = 'ID-DDD';

const counts = (isil: string, loansLent: number, loansBorrowed: number, extra: Partial<PartnerPeriodCounts> = {}): PartnerPeriodCounts => ({
  isil, loansLent, loansBorrowed, requestsReceived: 0, requestsAccepted: 0, requestsWithdrawn: 0, turnarounds: {}, exchangeBalance: 0n,
  claimsFulfilled: 0, claimsLapsed: 0, servicesGiven: new Map(), servicesReceived: new Map(), holdings: 1000, ...extra,
});

const NETWORK: PartnerPeriodCounts[] = [
  counts(A, 6, 2, {
    requestsReceived: 8, requestsAccepted: 6, turnarounds: hours(TURNAROUNDS), exchangeBalance: parseAmount('-2'),
    claimsFulfilled: 3, claimsLapsed: 1, servicesGiven: units({ cataloguing: '12.50' }), servicesReceived: units({ training: '2' }),
  }),
  counts(B, 2, 4, { requestsReceived: 4, requestsAccepted: 2, turnarounds: hours([5, 1, 3]), exchangeBalance: parseAmount('3'), servicesReceived: units({ cataloguing: '12.5' }) }),
  counts(C, 4, 4, { requestsReceived: 5, requestsAccepted: 4, claimsLapsed: 2, servicesGiven: units({ training: '2' }) }),
  counts(D, 0, 2, { holdings: 0, exchangeBalance: parseAmount('-1') }),
];
const HOLDINGS = Object.fromEntries(NETWORK.map((p) => [p.isil, p.holdings]));
const ROWS = NETWORK.map((p) => partnerFairness(p, 1));
const row = (isil: string) => ROWS.find((r) => r.isil === isil)!;

describe('partnerFairness', () => {
  it('computes the whole row for a partner that lends more than it borrows', () =>
    expect(row(A)).toEqual<PartnerFairness>({
      isil: A,
      loansLent: 6,
      loansBorrowed: 2,
      ratio: 3, // 6 / 2
      goalRatio: 1,
      distanceFromGoal: 2, // 3 − 1
      loadLevellingScore: -4, // 2 × 1 − 6
      fillRate: 0.75, // 6 / 8
      turnaroundMedianHours: 14, // (12 + 16) / 2
      turnaroundP90Hours: 48, // 9th of 10
      openExchangeDebt: '2', // balance −2: it owes two items
      claimsFulfilled: 3,
      claimsLapsed: 1,
      servicesGiven: { cataloguing: '12.5' },
      servicesReceived: { training: '2' },
    }));

  it('computes the row for a partner that borrows more than it lends', () =>
    expect(row(B)).toMatchObject({
      ratio: 0.5, // 2 / 4
      distanceFromGoal: -0.5,
      loadLevellingScore: 2, // 4 × 1 − 2
      fillRate: 0.5, // 2 / 4
      turnaroundMedianHours: 3, // middle of 1, 3, 5
      turnaroundP90Hours: 5, // ⌈2.7⌉ = 3rd
      openExchangeDebt: '0', // balance +3: others owe it, it owes nothing
    }));

  it('puts a partner on goal at distance 0 and score 0', () =>
    expect(row(C)).toMatchObject({ ratio: 1, distanceFromGoal: 0, loadLevellingScore: 0, fillRate: 0.8 })); // 4 / 5

  it('takes the requests its borrowers withdrew before it answered out of its fill rate', () =>
    // 4 received: 2 accepted, 1 declined, 1 cancelled by the borrower before an answer: 2 / (4 − 1)
    expect(partnerFairness(counts('ID-W', 0, 0, { requestsReceived: 4, requestsAccepted: 2, requestsWithdrawn: 1 }), 1).fillRate).toBe(2 / 3));

  it('gives no fill rate to a partner whose every request was withdrawn before it answered', () =>
    expect(partnerFairness(counts('ID-W', 0, 0, { requestsReceived: 2, requestsWithdrawn: 2 }), 1).fillRate).toBeNull());

  it('uses the goal ratio it is given', () =>
    // target 4 × 1.5 = 6 loans; lent 2: score 4; ratio 0.5 − 1.5 = −1
    expect(partnerFairness(NETWORK[1], 1.5)).toMatchObject({ goalRatio: 1.5, loadLevellingScore: 4, distanceFromGoal: -1 }));

  it('handles a partner with no loans and no requests', () =>
    expect(partnerFairness(counts('ID-NEW', 0, 0), 1)).toMatchObject({
      ratio: null, distanceFromGoal: null, loadLevellingScore: 0, fillRate: null,
      turnaroundMedianHours: null, turnaroundP90Hours: null, openExchangeDebt: '0',
    }));

  it('gives no ratio to a partner that lent but borrowed nothing, and a negative score', () =>
    expect(partnerFairness(counts('ID-LEND', 3, 0), 1)).toMatchObject({ ratio: null, distanceFromGoal: null, loadLevellingScore: -3 }));

  it('keeps a fractional exchange debt exact', () =>
    expect(partnerFairness(counts('ID-X', 0, 0, { exchangeBalance: parseAmount('-0.1') }), 1).openExchangeDebt).toBe('0.1'));

  it('writes service units as decimals in kind order, leaving out kinds that net to zero', () =>
    expect(
      partnerFairness(counts('ID-X', 0, 0, { servicesGiven: units({ training: '2.50', cataloguing: '-1', 'facility-access': '0' }) }), 1).servicesGiven,
    ).toEqual({ cataloguing: '-1', training: '2.5' }));

  it('orders the kinds of service units by name', () =>
    expect(Object.keys(partnerFairness(counts('ID-X', 0, 0, { servicesReceived: units({ training: '1', cataloguing: '1' }) }), 1).servicesReceived)).toEqual([
      'cataloguing',
      'training',
    ]));

  it.each<[string, Partial<PartnerPeriodCounts>, number]>([
    ['a negative count', { loansLent: -1 }, 1],
    ['a fractional count', { requestsReceived: 1.5 }, 1],
    ['a negative goal ratio', {}, -1],
    ['a goal ratio that is no number', {}, Number.NaN],
  ])('refuses %s', (_why, extra, goal) => expect(() => partnerFairness(counts('ID-X', 1, 1, extra), goal)).toThrow(InvalidValue));
});

describe('networkFairness', () => {
  const network = networkFairness(ROWS, HOLDINGS);

  it('measures the Gini of loans lent per title held, leaving out partners that hold nothing', () =>
    // loads of A, B, C: 0.006, 0.002, 0.004 (D holds nothing). Unordered |differences|: 0.004, 0.002, 0.002 = 0.008,
    // ordered 0.016; n = 3, mean 0.004: 0.016 / (2 × 9 × 0.004) = 0.016 / 0.072 = 2/9
    expect(network.giniOfLendingLoad).toBeCloseTo(2 / 9, 12));

  it('counts a partner in once it holds something', () =>
    // D with 500 titles: loads 0.006, 0.002, 0.004, 0. Unordered |differences|: 4, 2, 6, 2, 2, 4 (× 0.001) = 0.020,
    // ordered 0.040; n = 4, mean 0.003: 0.040 / (2 × 16 × 0.003) = 0.040 / 0.096 = 5/12
    expect(networkFairness(ROWS, { ...HOLDINGS, [D]: 500 }).giniOfLendingLoad).toBeCloseTo(5 / 12, 12));

  it('reads 0 when every partner lends in proportion to its holdings', () =>
    // 6/3000 = 2/1000 = 4/2000 = 0.002
    expect(networkFairness(ROWS, { [A]: 3000, [B]: 1000, [C]: 2000 }).giniOfLendingLoad).toBe(0));

  it('has no Gini when nobody holds anything or nobody lent', () => {
    expect(networkFairness(ROWS, {}).giniOfLendingLoad).toBeNull();
    expect(networkFairness([row(D)], { [D]: 100 }).giniOfLendingLoad).toBeNull();
    expect(networkFairness([], {}).giniOfLendingLoad).toBeNull();
  });

  it('lists the partners furthest from goal by |score|, ties by ISIL, leaving out those on goal', () => {
    // |scores|: A 4, B 2, D 2, C 0
    expect(network.furthestFromGoal.map((p) => p.isil)).toEqual([A, B, D]);
    expect(networkFairness(ROWS, HOLDINGS, 2).furthestFromGoal.map((p) => p.isil)).toEqual([A, B]);
  });

  it('adds up the network', () =>
    expect(network.totals).toEqual({
      partners: 4,
      loansLent: 12, // 6 + 2 + 4 + 0
      loansBorrowed: 12, // 2 + 4 + 4 + 2
      openExchangeDebt: '3', // A owes 2, D owes 1
      claimsFulfilled: 3,
      claimsLapsed: 3, // 1 + 2
      servicesGiven: { cataloguing: '12.5', training: '2' },
      servicesReceived: { cataloguing: '12.5', training: '2' },
    }));

  it('leaves its input in order', () => {
    networkFairness(ROWS, HOLDINGS);
    expect(ROWS.map((p) => p.isil)).toEqual([A, B, C, D]);
  });
});

describe('rankLenders', () => {
  it('puts the partner that most owes a loan first, ties to fewer loans lent, then ISIL', () => {
    // scores: B 2 (lent 2), D 2 (lent 0), C 0, A −4. B and D tie on score: D lent fewer.
    const ranked = rankLenders(ROWS);
    expect(ranked.map((p) => p.isil)).toEqual([D, B, C, A]);
  });

  it('breaks a full tie by ISIL and keeps extra fields', () =>
    expect(rankLenders([
      { isil: 'ID-ZZZ', loadLevellingScore: 1, loansLent: 3, holdsCopies: 2 },
      { isil: 'ID-MMM', loadLevellingScore: 1, loansLent: 3, holdsCopies: 1 },
    ])).toEqual([
      { isil: 'ID-MMM', loadLevellingScore: 1, loansLent: 3, holdsCopies: 1 },
      { isil: 'ID-ZZZ', loadLevellingScore: 1, loansLent: 3, holdsCopies: 2 },
    ]));

  it('treats scores that differ by floating-point noise as equal', () =>
    // 3 × 0.1 − 0 = 0.30000000000000004 against 0.3: a tie, so fewer loans lent wins
    expect(rankLenders([
      { isil: 'ID-AAA', loadLevellingScore: loadLevellingScore({ lent: 0, borrowed: 3, goalRatio: 0.1 }), loansLent: 5 },
      { isil: 'ID-BBB', loadLevellingScore: 0.3, loansLent: 1 },
    ]).map((p) => p.isil)).toEqual(['ID-BBB', 'ID-AAA']));

  it('ties exactly the scores sameScore calls the same, so a reason never contradicts the rank', () => {
    const noisy = loadLevellingScore({ lent: 0, borrowed: 3, goalRatio: 0.1 });
    expect(sameScore(noisy, 0.3)).toBe(true);
    expect(sameScore(0.3, 0.300001)).toBe(false);
    // 0.4999999996e-9 and 0.5000000004e-9 round to different keys though they differ by less than 1e-9.
    expect(sameScore(0.4999999996e-9, 0.5000000004e-9)).toBe(false);
    const ranked = rankLenders([
      { isil: 'ID-AAA', loadLevellingScore: 0.4999999996e-9, loansLent: 1 },
      { isil: 'ID-BBB', loadLevellingScore: 0.5000000004e-9, loansLent: 5 },
    ]);
    expect(ranked.map((p) => p.isil)).toEqual(['ID-BBB', 'ID-AAA']);
  });

  it('returns a new array and ranks nobody when nobody holds the title', () => {
    const candidates = [{ isil: A, loadLevellingScore: -1, loansLent: 0 }, { isil: B, loadLevellingScore: 1, loansLent: 0 }];
    expect(rankLenders(candidates).map((p) => p.isil)).toEqual([B, A]);
    expect(candidates.map((p) => p.isil)).toEqual([A, B]);
    expect(rankLenders([])).toEqual([]);
  });
});
