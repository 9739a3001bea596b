"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.histogramHours = exports.histogramQuantileHours = exports.histogramMedianHours = exports.nearestRank = exports.turnaroundHistogram = exports.turnaroundBucketSpan = exports.turnaroundBucket = exports.TURNAROUND_BUCKETS_PER_DOUBLING = void 0;
/**
 * Turnaround histograms: the fairness report's median and p90 turnaround
 * (request to shipment) are read from loans counted per bucket of
 * turnaround, so a read model can keep the counts as loans are shipped and a
 * report never sorts every loan of its period.
 *
 * Buckets are log-linear over whole minutes: one bucket per minute under 16
 * minutes, then each doubling cut into 8 buckets of equal width (16–18
 * minutes, 18–20, …, 30–32, 32–36, …, 16 h–18 h, 18 h–20 h, …, 32 h–36 h, …).
 * A bucket keeps how many loans fell in it and the sum of their turnarounds,
 * and stands for their mean. So a median or p90 read from a histogram is the
 * mean of the bucket that holds the loan at that rank: it is exact when the
 * loans of that bucket took the same time (one loan alone in it, say), and
 * otherwise within the bucket's width of the exact value, which is under one
 * minute below 16 minutes and at most 1/8 (12.5%) of the value above (under
 * one minute + 1/8 of it for the mean of two ranks, the median of an even count).
 */
const errors_1 = require("../shared/errors");
/**
 * Sub-buckets per doubling of the turnaround: each is at most 1/8 of the
 * values it holds. (16 kept each within 1/16, but a report reads two seeks
 * per bucket a lender's loans fill, and with 16 it took about 30 ms at
 * 1,000,000 loan events, against 20 ms aimed at.)
 */
exports.TURNAROUND_BUCKETS_PER_DOUBLING = 8;
/** One bucket per minute below this many minutes (twice the buckets per doubling, so widths never shrink). */
const LINEAR_MINUTES = 2 * exports.TURNAROUND_BUCKETS_PER_DOUBLING;
const SHIFT = Math.log2(exports.TURNAROUND_BUCKETS_PER_DOUBLING);
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/**
 * The bucket of a turnaround in milliseconds (a negative one, which a log in
 * time order cannot hold, counts as 0). Below 16 minutes the bucket is the
 * whole minute; from there on, with e the highest bit of the minutes and
 * s = e − 3, the bucket is 8·s + (minutes >> s): a number that grows with
 * the turnaround, 8 more per doubling.
 */
const turnaroundBucket = (ms) => {
    if (!Number.isFinite(ms))
        throw new errors_1.InvalidValue('turnaround', 'a turnaround must be a finite number of milliseconds');
    const minutes = Math.floor(Math.max(0, ms) / MINUTE_MS);
    if (minutes < LINEAR_MINUTES)
        return minutes;
    const highestBit = minutes < 2 ** 31 ? 31 - Math.clz32(minutes) : Math.floor(Math.log2(minutes));
    const shift = highestBit - SHIFT;
    return exports.TURNAROUND_BUCKETS_PER_DOUBLING * shift + Math.floor(minutes / 2 ** shift);
};
exports.turnaroundBucket = turnaroundBucket;
/** The minutes a bucket spans, [from, to). */
const turnaroundBucketSpan = (bucket) => {
    if (!Number.isSafeInteger(bucket) || bucket < 0)
        throw new errors_1.InvalidValue('bucket', 'a turnaround bucket is a whole number, 0 or more');
    if (bucket < LINEAR_MINUTES)
        return { fromMinutes: bucket, toMinutes: bucket + 1 };
    const shift = Math.floor(bucket / exports.TURNAROUND_BUCKETS_PER_DOUBLING) - 1;
    const mantissa = bucket - exports.TURNAROUND_BUCKETS_PER_DOUBLING * shift;
    return { fromMinutes: mantissa * 2 ** shift, toMinutes: (mantissa + 1) * 2 ** shift };
};
exports.turnaroundBucketSpan = turnaroundBucketSpan;
/** The histogram of exact turnarounds in milliseconds. */
const turnaroundHistogram = (turnaroundsMs) => {
    const histogram = {};
    for (const ms of turnaroundsMs) {
        const bucket = (histogram[(0, exports.turnaroundBucket)(ms)] ??= { loans: 0, totalMs: 0 });
        bucket.loans += 1;
        bucket.totalMs += ms;
    }
    return histogram;
};
exports.turnaroundHistogram = turnaroundHistogram;
/**
 * The nearest rank of a share q of n values: the smallest k with k / n ≥ q,
 * 1 at least. ⌈q·n⌉ in floating point can overshoot (0.07 × 100 =
 * 7.000000000000001); k / n ≥ q compares the same doubles a reader would write.
 */
const nearestRank = (n, q) => {
    if (!Number.isFinite(q) || q < 0 || q > 1)
        throw new errors_1.InvalidValue('q', 'q must be between 0 and 1');
    let rank = Math.max(1, Math.ceil(q * n));
    while (rank > 1 && (rank - 1) / n >= q)
        rank -= 1;
    return rank;
};
exports.nearestRank = nearestRank;
/**
 * The histogram's buckets in order, as a report asks for them once per
 * lender: read in place, a few arrays of numbers and no object per bucket
 * (an array of entries, an object per bucket and a sort made a fifth of
 * what a fairness report allocated). Own keys that are array indices come
 * in ascending order already; a key that is not one is put in its place.
 */
const cumulative = (histogram) => {
    // Each bucket that holds loans as three numbers: bucket, loans, totalMs.
    const filled = [];
    let ordered = true;
    for (const key of Object.keys(histogram)) {
        const bucket = Number(key);
        const counts = histogram[key];
        const loans = counts?.loans ?? Number.NaN;
        const totalMs = counts?.totalMs ?? Number.NaN;
        if (!Number.isSafeInteger(bucket) || bucket < 0)
            throw new errors_1.InvalidValue('turnarounds', 'turnaround buckets are whole numbers, 0 or more');
        if (!Number.isSafeInteger(loans) || loans < 0 || !Number.isFinite(totalMs))
            throw new errors_1.InvalidValue('turnarounds', 'a bucket holds a whole number of loans and a finite sum');
        if (loans === 0)
            continue;
        if (filled.length > 0 && bucket < filled[filled.length - 3])
            ordered = false;
        filled.push(bucket, loans, totalMs);
    }
    const places = Array.from({ length: filled.length / 3 }, (_, i) => 3 * i);
    if (!ordered)
        places.sort((a, b) => filled[a] - filled[b]);
    const upTo = [];
    const hours = [];
    let loans = 0;
    for (const at of places) {
        upTo.push((loans += filled[at + 1]));
        hours.push(filled[at + 2] / filled[at + 1] / HOUR_MS);
    }
    return { upTo, hours };
};
const atRank = ({ upTo, hours }, rank) => {
    let i = 0;
    while (upTo[i] < rank)
        i++;
    return hours[i];
};
const medianOf = (buckets) => {
    const n = buckets.upTo.at(-1) ?? 0;
    if (n === 0)
        return null;
    return n % 2 === 1 ? atRank(buckets, (n + 1) / 2) : (atRank(buckets, n / 2) + atRank(buckets, n / 2 + 1)) / 2;
};
const quantileOf = (buckets, q) => {
    const n = buckets.upTo.at(-1) ?? 0;
    const rank = (0, exports.nearestRank)(n, q);
    return n === 0 ? null : atRank(buckets, rank);
};
/** The median turnaround in hours (for an even count, the mean of the two middle ranks); null for no loan. */
const histogramMedianHours = (histogram) => medianOf(cumulative(histogram));
exports.histogramMedianHours = histogramMedianHours;
/** The nearest-rank quantile q of the turnarounds in hours; null for no loan. */
const histogramQuantileHours = (histogram, q) => quantileOf(cumulative(histogram), q);
exports.histogramQuantileHours = histogramQuantileHours;
/** Both of the above from one ordering of the buckets: the median and the quantile q in hours. */
const histogramHours = (histogram, q) => {
    const buckets = cumulative(histogram);
    return { median: medianOf(buckets), quantile: quantileOf(buckets, q) };
};
exports.histogramHours = histogramHours;
//# sourceMappingURL=turnaround.js.map