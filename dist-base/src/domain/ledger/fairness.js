"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rankLenders = exports.networkFairness = exports.sameScore = exports.partnerFairness = exports.fillRate = exports.loadLevellingScore = exports.gini = exports.quantile = exports.median = void 0;
/**
 * The fairness report's maths (ARCHITECTURE §5): pure functions over counts a
 * read model has already gathered for one agreement and period. Ratios and
 * statistics are plain numbers (they are judgements, not balances); anything
 * read from the ledger (exchange balance, service units) stays exact: it
 * comes in scaled as ledger/amount keeps it, and goes out as a decimal
 * string.
 */
const errors_1 = require("../shared/errors");
const amount_1 = require("./amount");
const turnaround_1 = require("./turnaround");
const requireFinite = (values, field) => {
    if (values.some((value) => typeof value !== 'number' || !Number.isFinite(value))) {
        throw new errors_1.InvalidValue(field, `${field} must hold finite numbers only`);
    }
};
const requireCount = (value, field) => {
    if (!Number.isInteger(value) || value < 0)
        throw new errors_1.InvalidValue(field, `${field} must be a whole number, 0 or more`);
};
const ascending = (values) => [...values].sort((a, b) => a - b);
/**
 * The middle value; for an even count, the mean of the two middle values (the
 * usual textbook median, so the report's median of 10 h and 20 h reads 15 h).
 * Null for no data. The report's turnaround median is this statistic read
 * from a histogram (histogramMedianHours), within the precision turnaround.ts states. Note `quantile(values, 0.5)` differs for an even count: it
 * is the nearest-rank (lower) median, always one of the observed values.
 */
const median = (values) => {
    requireFinite(values, 'values');
    if (values.length === 0)
        return null;
    const sorted = ascending(values);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
exports.median = median;
/**
 * Nearest-rank quantile: the smallest observed value v such that at least a
 * share q of the data is ≤ v, i.e. the value at rank ⌈q·n⌉ (rank 1 for q = 0).
 * Chosen because it needs no interpolation convention: the p90 turnaround is
 * the time the loan at that rank took, which histogramQuantileHours reads
 * from its bucket. Null for no data.
 */
const quantile = (values, q) => {
    requireFinite(values, 'values');
    const rank = (0, turnaround_1.nearestRank)(values.length, q);
    return values.length === 0 ? null : ascending(values)[rank - 1];
};
exports.quantile = quantile;
/**
 * Gini coefficient: the mean absolute difference between all pairs (i, j),
 * divided by twice the mean, G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄). 0 when all values
 * are equal; (n − 1)/n when one holds everything. Null for no values or a zero
 * sum (no load to share out, so no inequality to speak of). Values must not
 * be negative: a share of load cannot be.
 */
const gini = (values) => {
    requireFinite(values, 'values');
    if (values.some((value) => value < 0))
        throw new errors_1.InvalidValue('values', 'values must not be negative');
    const n = values.length;
    const sum = values.reduce((total, value) => total + value, 0);
    if (n === 0 || sum === 0)
        return null;
    // Sorted ascending, Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − n − 1) x₍ᵢ₎ for i = 1..n: O(n log n) instead of every pair.
    const pairwise = 2 * ascending(values).reduce((total, value, index) => total + (2 * (index + 1) - n - 1) * value, 0);
    return pairwise / (2 * n * sum);
};
exports.gini = gini;
/**
 * How many more loans a partner should lend to meet its goal: target
 * (borrowed × goal ratio) minus what it lent. Higher means it should lend
 * next; negative means it has lent more than its share.
 */
const loadLevellingScore = ({ lent, borrowed, goalRatio }) => borrowed * goalRatio - lent;
exports.loadLevellingScore = loadLevellingScore;
/** Share of requests received that were accepted; null when none came in. */
const fillRate = (accepted, requestsReceived) => {
    requireCount(accepted, 'accepted');
    requireCount(requestsReceived, 'requestsReceived');
    return requestsReceived === 0 ? null : accepted / requestsReceived;
};
exports.fillRate = fillRate;
const byKind = ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0);
/** Units as decimal strings in kind order, those that net to zero left out. */
const unitsOf = (units) => {
    const kinds = [...units].filter(([, scaled]) => scaled !== 0n).sort(byKind);
    return Object.fromEntries(kinds.map(([kind, scaled]) => [kind, (0, amount_1.formatAmount)(scaled)]));
};
const requireGoalRatio = (goalRatio) => {
    if (!Number.isFinite(goalRatio) || goalRatio < 0)
        throw new errors_1.InvalidValue('goalRatio', 'goalRatio must be a finite number, 0 or more');
};
/** One partner's row of the fairness report. */
const partnerFairness = (input, goalRatio) => {
    requireGoalRatio(goalRatio);
    for (const field of ['loansLent', 'loansBorrowed', 'requestsReceived', 'requestsAccepted', 'claimsFulfilled', 'claimsLapsed']) {
        requireCount(input[field], field);
    }
    const ratio = input.loansBorrowed === 0 ? null : input.loansLent / input.loansBorrowed;
    const { exchangeBalance } = input;
    const turnaround = (0, turnaround_1.histogramHours)(input.turnarounds, 0.9);
    return {
        isil: input.isil,
        loansLent: input.loansLent,
        loansBorrowed: input.loansBorrowed,
        ratio,
        goalRatio,
        distanceFromGoal: ratio === null ? null : ratio - goalRatio,
        loadLevellingScore: (0, exports.loadLevellingScore)({ lent: input.loansLent, borrowed: input.loansBorrowed, goalRatio }),
        fillRate: (0, exports.fillRate)(input.requestsAccepted, input.requestsReceived),
        turnaroundMedianHours: turnaround.median,
        turnaroundP90Hours: turnaround.quantile,
        openExchangeDebt: (0, amount_1.formatAmount)(exchangeBalance < 0n ? -exchangeBalance : 0n),
        claimsFulfilled: input.claimsFulfilled,
        claimsLapsed: input.claimsLapsed,
        servicesGiven: unitsOf(input.servicesGiven),
        servicesReceived: unitsOf(input.servicesReceived),
    };
};
exports.partnerFairness = partnerFairness;
/** Scores that differ only by floating-point noise (0.1 × 3 vs 0.3) count as equal when ranking. */
const scoreKey = (score) => Math.round(score * 1e9);
/** Whether two scores tie, by the tolerance `rankLenders` ranks with. */
const sameScore = (a, b) => scoreKey(a) === scoreKey(b);
exports.sameScore = sameScore;
const byIsil = (a, b) => (a.isil < b.isil ? -1 : a.isil > b.isil ? 1 : 0);
const sumUnits = (rows) => {
    const totals = new Map();
    for (const row of rows) {
        for (const [kind, amount] of Object.entries(row))
            totals.set(kind, (totals.get(kind) ?? 0n) + (0, amount_1.parseAmount)(amount));
    }
    return Object.fromEntries([...totals].sort(byKind).map(([kind, total]) => [kind, (0, amount_1.formatAmount)(total)]));
};
/**
 * The network's part of the report. Lending load is loans lent per title
 * held, so a large library lending more is not counted as unfair; a partner
 * holding nothing has no load to compare and is left out of the Gini.
 */
const networkFairness = (partners, holdingsByPartner, top = 5) => {
    requireCount(top, 'top');
    const loads = partners.flatMap((partner) => {
        const holdings = holdingsByPartner[partner.isil] ?? 0;
        return holdings > 0 ? [partner.loansLent / holdings] : [];
    });
    const furthestFromGoal = partners
        .filter((partner) => scoreKey(partner.loadLevellingScore) !== 0)
        .sort((a, b) => Math.abs(scoreKey(b.loadLevellingScore)) - Math.abs(scoreKey(a.loadLevellingScore)) || byIsil(a, b))
        .slice(0, top);
    const sum = (pick) => partners.reduce((total, partner) => total + pick(partner), 0);
    return {
        giniOfLendingLoad: (0, exports.gini)(loads),
        furthestFromGoal,
        totals: {
            partners: partners.length,
            loansLent: sum((partner) => partner.loansLent),
            loansBorrowed: sum((partner) => partner.loansBorrowed),
            openExchangeDebt: (0, amount_1.formatAmount)(partners.reduce((total, partner) => total + (0, amount_1.parseAmount)(partner.openExchangeDebt), 0n)),
            claimsFulfilled: sum((partner) => partner.claimsFulfilled),
            claimsLapsed: sum((partner) => partner.claimsLapsed),
            servicesGiven: sumUnits(partners.map((partner) => partner.servicesGiven)),
            servicesReceived: sumUnits(partners.map((partner) => partner.servicesReceived)),
        },
    };
};
exports.networkFairness = networkFairness;
/**
 * The lender suggestion for a title: the partners that hold it, the one that
 * most owes the network a loan first. Ties go to the one that lent fewer
 * loans (spreading the work), then to ISIL order so the answer is stable.
 * Returns a new array; extra fields on the candidates are kept.
 */
const rankLenders = (candidates) => [...candidates].sort((a, b) => scoreKey(b.loadLevellingScore) - scoreKey(a.loadLevellingScore) || a.loansLent - b.loansLent || byIsil(a, b));
exports.rankLenders = rankLenders;
//# sourceMappingURL=fairness.js.map