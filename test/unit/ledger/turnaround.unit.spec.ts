import fc from 'fast-check';
import { median, quantile } from '../../../src/domain/ledger/fairness';
import {
  histogramMedianHours,
  histogramQuantileHours,
  turnaroundBucket,
  turnaroundBucketSpan,
  turnaroundHistogram,
} from '../../../src/domain/ledger/turnaround';
import { InvalidValue } from '../../../src/domain/shared/errors';

const MINUTE = 60_000;
const HOUR = 3_600_000;

describe('turnaroundBucket', () => {
  it.each([
    [0, 0],
    [59_999, 0], //                 under a minute
    [15 * MINUTE + 59_999, 15], //  the last bucket of one minute
    [16 * MINUTE, 16], //           16–18 minutes
    [18 * MINUTE - 1, 16],
    [18 * MINUTE, 17],
    [31 * MINUTE, 23], //           30–32
    [32 * MINUTE, 24], //           32–36: 8 more buckets per doubling
    [16 * HOUR, 63], //             960 min = 15 × 2⁶: 8 × 6 + 15
    [-5 * MINUTE, 0], //            a negative turnaround counts as none
  ])('puts %d ms in bucket %d', (ms, bucket) => expect(turnaroundBucket(ms)).toBe(bucket));

  it.each([
    [0, 0, 1],
    [15, 15, 16],
    [16, 16, 18],
    [23, 30, 32],
    [24, 32, 36],
    [63, 960, 1024],
  ])('bucket %d spans %d to %d minutes', (bucket, fromMinutes, toMinutes) =>
    expect(turnaroundBucketSpan(bucket)).toEqual({ fromMinutes, toMinutes }));

  it('tiles the minutes: each bucket starts where the one before ends, at most 1/8 of its start wide from 16 minutes on', () => {
    for (let bucket = 0; bucket < 400; bucket++) {
      const { fromMinutes, toMinutes } = turnaroundBucketSpan(bucket);
      expect(turnaroundBucketSpan(bucket + 1).fromMinutes).toBe(toMinutes);
      expect(toMinutes - fromMinutes).toBeLessThanOrEqual(Math.max(1, fromMinutes / 8));
    }
  });

  it('puts every turnaround in the bucket whose span holds it, and never a longer one in a lower bucket', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 24 * HOUR }), fc.integer({ min: 0, max: 400 * 24 * HOUR }), (a, b) => {
        const { fromMinutes, toMinutes } = turnaroundBucketSpan(turnaroundBucket(a));
        expect(a).toBeGreaterThanOrEqual(fromMinutes * MINUTE);
        expect(a).toBeLessThan(toMinutes * MINUTE);
        if (a <= b) expect(turnaroundBucket(a)).toBeLessThanOrEqual(turnaroundBucket(b));
      }),
      { numRuns: 2000 },
    ));

  it('refuses what is not a turnaround', () => {
    expect(() => turnaroundBucket(Number.NaN)).toThrow(InvalidValue);
    expect(() => turnaroundBucketSpan(-1)).toThrow(InvalidValue);
    expect(() => turnaroundBucketSpan(1.5)).toThrow(InvalidValue);
  });
});

describe('the median and p90 of a turnaround histogram', () => {
  it('are exact when the loans of each bucket took the same time', () => {
    const histogram = turnaroundHistogram([2, 2, 7, 24, 24, 24, 84].map((h) => h * HOUR));
    expect(histogramMedianHours(histogram)).toBe(24);
    expect(histogramQuantileHours(histogram, 0.9)).toBe(84); // ⌈6.3⌉ = 7th
    // an even count: the mean of the 2nd and 3rd of 2, 7, 24, 84
    expect(histogramMedianHours(turnaroundHistogram([2, 7, 24, 84].map((h) => h * HOUR)))).toBe(15.5);
  });

  it('stand for a bucket by the mean of its loans', () =>
    // 64 and 66 minutes share the bucket 64–72 minutes
    expect(histogramMedianHours(turnaroundHistogram([64 * MINUTE, 66 * MINUTE]))).toBe(65 / 60));

  it('take the buckets in order, a bucket past the array indices too', () => {
    // Keys past 2^32 − 2 are not array indices: an object keeps them in the order they were set, here the larger first.
    const far = { [2 ** 34]: { loans: 1, totalMs: 30 * HOUR }, [2 ** 33]: { loans: 2, totalMs: 20 * HOUR }, 3: { loans: 2, totalMs: 2 * HOUR } };
    expect(Object.keys(far).map(Number)).toEqual([3, 2 ** 34, 2 ** 33]);
    // 1, 1, 10, 10, 30 hours
    expect(histogramMedianHours(far)).toBe(10);
    expect(histogramQuantileHours(far, 0.9)).toBe(30);
    expect(histogramQuantileHours(far, 0.7)).toBe(10);
  });

  it('are null for no loan', () => {
    expect(histogramMedianHours({})).toBeNull();
    expect(histogramQuantileHours({ 40: { loans: 0, totalMs: 0 } }, 0.9)).toBeNull();
  });

  it('refuse a bucket that is not one', () => {
    expect(() => histogramMedianHours({ [-1]: { loans: 1, totalMs: 0 } })).toThrow(InvalidValue);
    expect(() => histogramMedianHours({ 3: { loans: 1.5, totalMs: 0 } })).toThrow(InvalidValue);
    // What no adapter writes, but a caller of the domain could: a key that is no number, a bucket of nothing.
    expect(() => histogramQuantileHours({ x: { loans: 1, totalMs: 0 } } as never, 0.9)).toThrow(InvalidValue);
    expect(() => histogramMedianHours({ 3: null } as never)).toThrow(InvalidValue);
  });

  it('are within one minute plus 1/8 of the exact median and nearest-rank p90, for any turnarounds', () =>
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 * 24 * HOUR }), { minLength: 1, maxLength: 200 }), (turnarounds) => {
        const histogram = turnaroundHistogram(turnarounds);
        const exactHours = turnarounds.map((ms) => ms / HOUR);
        const bound = (exact: number) => 1 / 60 + exact / 8;
        const exactMedian = median(exactHours)!;
        const exactP90 = quantile(exactHours, 0.9)!;
        expect(Math.abs(histogramMedianHours(histogram)! - exactMedian)).toBeLessThan(bound(exactMedian));
        expect(Math.abs(histogramQuantileHours(histogram, 0.9)! - exactP90)).toBeLessThan(bound(exactP90));
      }),
      { numRuns: 1000 },
    ));
});
