"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TalliedFairnessReads = exports.OPENED_ROW = exports.STOCK_TALLIES = void 0;
const fairness_facts_projection_1 = require("../../application/fairness/fairness-facts.projection");
const running_totals_1 = require("../../application/projections/running-totals");
const fairness_gathering_1 = require("./fairness-gathering");
/** The tallies whose exchanges' groups `groups` reads as a stock, without a start ("0,0"). */
exports.STOCK_TALLIES = [(0, fairness_facts_projection_1.byTally)('exchange-dispatched'), (0, fairness_facts_projection_1.toTally)('exchange-dispatched')];
/** An opening's width: each group's tally, subject, bucket, count, total and spread (running-totals' Opening). */
const OPENED = 6;
/**
 * How many groups a store writes in one row of an opening it makes of the
 * groups as they are: some 100 bytes each at most (a spread of turnaround
 * buckets), so a row stays well under the 128 KB past which V8 allocates a
 * string in pages of its own (running-totals' OPENING_CHARS).
 */
exports.OPENED_ROW = 100;
/** Where a group is in an opening's rows: its row's index times this, plus its place in the row. */
const ROW_STRIDE = 2 ** 24;
const SHIPMENTS = [(0, fairness_facts_projection_1.byTally)('loan-shipped'), (0, fairness_facts_projection_1.toTally)('loan-shipped')];
/** Tallies whose totals are units scaled by 10^4, summed exactly. */
const UNITS = new Set(['service', 'exchange-dispatched'].flatMap((kind) => [(0, fairness_facts_projection_1.byTally)(kind), (0, fairness_facts_projection_1.toTally)(kind)]));
const STOCKS = new Set(exports.STOCK_TALLIES);
/** After every recorded time: a cut at the end of the log. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';
/** A tally's total in a period: units stay exact as bigints; a turnaround total in ms (or a count's 0) is a safe number. */
const minus = (tally, upper, lower) => UNITS.has(tally) ? BigInt(upper) - BigInt(lower) : Number(upper) - Number(lower);
/**
 * Visits each group of an agreement's opening at a period's end (`upper`,
 * its rows) with something in the period: its count and total less those
 * of the opening at its start (`lower`; none for the exchanges, whose
 * balance is a stock since the beginning; for the acceptances of a lag of
 * k ≥ 1 days, those at their own start, `laggedStarts` by lender and
 * bucket), per bucket of a spread (buckets only ever added at a spread's
 * end, so taken by place).
 */
const between = (agreement, upper, lower, visit, laggedStarts) => {
    const before = new Map();
    lower.forEach((row, r) => {
        for (let i = 0; i < row.length; i += OPENED)
            before.set(`${row[i]}\n${row[i + 1]}\n${row[i + 2]}`, r * ROW_STRIDE + i);
    });
    for (const row of upper) {
        for (let i = 0; i < row.length; i += OPENED) {
            const tally = row[i];
            const subject = row[i + 1];
            const bucket = row[i + 2];
            const spread = row[i + 5];
            if (tally === fairness_facts_projection_1.LAGGED_TALLY && bucket !== '0') {
                const [n, total] = laggedStarts.get(`${subject}\n${bucket}`) ?? ['0', '0'];
                if (Number(row[i + 3]) !== Number(n))
                    visit(agreement, tally, subject, bucket, Number(row[i + 3]) - Number(n), minus(tally, row[i + 4], total));
                continue;
            }
            const at = STOCKS.has(tally) ? undefined : before.get(`${tally}\n${subject}\n${bucket}`);
            const was = at === undefined ? undefined : lower[Math.floor(at / ROW_STRIDE)];
            const j = (at ?? 0) % ROW_STRIDE;
            if (spread === null) {
                const n = Number(row[i + 3]) - (was === undefined ? 0 : Number(was[j + 3]));
                if (n !== 0)
                    visit(agreement, tally, subject, bucket, n, minus(tally, row[i + 4], was === undefined ? 0 : was[j + 4]));
                continue;
            }
            const earlier = was === undefined ? [] : (was[j + 5] ?? []);
            for (let b = 0; b < spread.length; b += 3) {
                const inLower = b < earlier.length;
                const n = Number(spread[b + 1]) - (inLower ? Number(earlier[b + 1]) : 0);
                if (n !== 0)
                    visit(agreement, tally, subject, String(spread[b]), n, minus(tally, spread[b + 2], inLower ? earlier[b + 2] : 0));
            }
        }
    }
};
/** Visits each group of the `groups` statement's rows with something in the period: its count and total there. */
const groupsIn = (rows, visit) => {
    for (const [agreement, tally, subject, groups] of rows) {
        for (const group of groups.split(' ')) {
            const [bucket, nUpper, totalUpper, nLower, totalLower] = group.split(',');
            const n = Number(nUpper) - Number(nLower);
            if (n !== 0)
                visit(agreement, tally, subject, bucket, n, minus(tally, totalUpper, totalLower));
        }
    }
};
const emptyTally = () => ({
    loansLent: 0, loansBorrowed: 0, requestsReceived: 0, requestsAccepted: 0, turnarounds: {},
    claimsFulfilled: 0, claimsLapsed: 0, exchangeBalance: 0n, servicesGiven: new Map(), servicesReceived: new Map(),
});
/** Whole UTC days: what the acceptances' lag in days can cut a period at. */
const MIDNIGHT = /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/;
/** How each tally's count or total in the period goes into its subject's counts (bucket: the group's, or its spread's). */
const COUNT = {
    [(0, fairness_facts_projection_1.byTally)('loan-shipped')]: (tally, bucket, n, total) => {
        tally.loansLent += n;
        if (bucket !== '')
            tally.turnarounds[Number(bucket)] = { loans: n, totalMs: Number(total) };
    },
    [(0, fairness_facts_projection_1.toTally)('loan-shipped')]: (tally, _bucket, n) => void (tally.loansBorrowed += n),
    [(0, fairness_facts_projection_1.byTally)('loan-requested')]: (tally, _bucket, n) => void (tally.requestsReceived += n),
    [(0, fairness_facts_projection_1.byTally)('loan-accepted')]: (tally, _bucket, n) => void (tally.requestsAccepted += n),
    [(0, fairness_facts_projection_1.byTally)('claim-fulfilled')]: (tally, _bucket, n) => void (tally.claimsFulfilled += n),
    [(0, fairness_facts_projection_1.byTally)('claim-expired')]: (tally, _bucket, n) => void (tally.claimsLapsed += n),
    // Units net of voids: a void's are negative.
    [(0, fairness_facts_projection_1.byTally)('service')]: (tally, kind, _n, total) => void (0, fairness_gathering_1.add)(tally.servicesGiven, kind, total),
    [(0, fairness_facts_projection_1.toTally)('service')]: (tally, kind, _n, total) => void (0, fairness_gathering_1.add)(tally.servicesReceived, kind, total),
    [(0, fairness_facts_projection_1.byTally)('exchange-dispatched')]: (tally, _bucket, _n, total) => void (tally.exchangeBalance += total),
    [(0, fairness_facts_projection_1.toTally)('exchange-dispatched')]: (tally, _bucket, _n, total) => void (tally.exchangeBalance -= total),
};
/**
 * The fairness read side over the tallies the fact rows carry
 * (fairness-facts.projection), whatever the read store: the report's counts
 * are the agreement's openings at the period's two ends (one seek each, or
 * its tallies as they are for an end after its last fact) and an index
 * seek per lender's acceptances of each lag of a day or more, whatever the
 * number of facts in the period or before it. Holdings and agreements are
 * read as the shared gathering reads them;
 * a log whose recorded times go back, or a period that does not start and
 * end at midnight UTC, is answered by the matching of requests to shipments
 * when asked.
 */
class TalliedFairnessReads extends fairness_gathering_1.FactsFairnessReads {
    tallies;
    constructor(facts, tallies) {
        super(facts);
        this.tallies = tallies;
    }
    async periodCounts(agreementId, period) {
        if (!MIDNIGHT.test(period.from) || !MIDNIGHT.test(period.to) || (await this.disordered([agreementId])).length > 0) {
            return super.periodCounts(agreementId, period);
        }
        const rows = await this.tallies('period', [[agreementId], [fairness_facts_projection_1.LAGGED_TALLY], null, period.from, period.to, Date.parse(period.from) / 1000]);
        const ends = { to: [], from: [] };
        const laggedStarts = new Map();
        for (const [, tally, subject, text] of rows) {
            if (tally === fairness_facts_projection_1.OPENING)
                ends[subject].push((0, running_totals_1.parseOpening)(text));
            else
                for (const group of text.split(' ')) {
                    const [bucket, n, total] = group.split(',');
                    laggedStarts.set(`${subject}\n${bucket}`, [n, total]);
                }
        }
        const tallies = new Map();
        const visit = (_agreement, name, subject, bucket, n, total) => {
            // An acceptance whose request is not in the log (bucket '') is not of a request received in the period:
            // it counts nothing and, as in the matching, gives its lender no line.
            if (name === fairness_facts_projection_1.LAGGED_TALLY && bucket === '')
                return;
            let tally = tallies.get(subject);
            if (tally === undefined)
                tallies.set(subject, (tally = emptyTally()));
            COUNT[name](tally, bucket, n, total);
        };
        between(agreementId, ends.to, ends.from, visit, laggedStarts);
        return tallies;
    }
    async loanTallies(agreementIds, isils, since) {
        if (agreementIds.length === 0 || isils.length === 0)
            return [];
        if ((await this.disordered(agreementIds)).length > 0)
            return super.loanTallies(agreementIds, isils, since);
        const found = new Map();
        // Counts alone, at any instant: each tally's count and total, its spread not read.
        const rows = await this.tallies('groups', [agreementIds, SHIPMENTS, isils, since, END_OF_TIME, Date.parse(since) / 1000]);
        groupsIn(rows, (agreement, tally, subject, _bucket, n) => {
            const key = `${agreement}\n${subject}`;
            const counted = found.get(key) ?? { agreementId: agreement, isil: subject, lent: 0, borrowed: 0 };
            counted[tally === (0, fairness_facts_projection_1.byTally)('loan-shipped') ? 'lent' : 'borrowed'] += n;
            found.set(key, counted);
        });
        return [...found.values()];
    }
    async disordered(agreements) {
        return (await this.tallies('disordered', [agreements])).map(([agreement]) => agreement);
    }
}
exports.TalliedFairnessReads = TalliedFairnessReads;
//# sourceMappingURL=fairness-tallies.js.map