import { readFromMarks } from '../../../src/infrastructure/read-store/balance-marks';

describe('many balance groups: from the last copy of the totals, or by seeks (readFromMarks)', () => {
  it('reads from the copy when the seeks would cost more than its groups and the rows after it', () => {
    // bench:queries: 255 partner groups (750 pairs, 756 in all), a seek 4 rows on SQLite, 12 on PostgreSQL.
    expect(readFromMarks(255, 756, 4)).toBe(true);
    expect(readFromMarks(255, 756, 12)).toBe(true);
  });

  it('seeks when the copy holds many more groups than the query names, as in a network of many pairs', () => {
    // 1,000 partners in one unit, 16,687 groups: every partner, and one partner's pairs.
    expect(readFromMarks(1_000, 16_687, 4)).toBe(false);
    expect(readFromMarks(17, 16_687, 12)).toBe(false);
    // Where the costs meet: 2 × named × seek = named + groups.
    expect(readFromMarks(100, 700, 4)).toBe(true);
    expect(readFromMarks(100, 701, 4)).toBe(false);
  });
});
