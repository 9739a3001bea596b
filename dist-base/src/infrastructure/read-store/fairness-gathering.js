"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FactsFairnessReads = exports.add = void 0;
const ledger_1 = require("../../domain/ledger");
/**
 * A loan shipped in the period but requested before it has its request looked
 * for in the 90 days before the period first, then in windows that double.
 */
const REQUEST_LEAD_DAYS = 90;
const DAY_MS = 86_400_000;
const emptyTally = () => ({
    loansLent: 0, loansBorrowed: 0, requestsReceived: 0, requestsAccepted: 0, turnaroundsMs: [],
    claimsFulfilled: 0, claimsLapsed: 0, exchange: 0n, given: new Map(), received: new Map(),
});
const add = (units, kind, scaled) => units.set(kind, (units.get(kind) ?? 0n) + scaled);
exports.add = add;
/**
 * The fairness read side, whatever the read store: counts gathered from the
 * fact rows, the holdings rows and the agreements documents through the
 * store's `FactRows`; every judgement is the domain's.
 */
class FactsFairnessReads {
    rows;
    constructor(rows) {
        this.rows = rows;
    }
    async periodCounts(agreementId, period) {
        const tallies = new Map();
        const of = (isil) => {
            let tally = tallies.get(isil);
            if (tally === undefined)
                tallies.set(isil, (tally = emptyTally()));
            return tally;
        };
        await this.gatherLoans(agreementId, period, of);
        const { from, to } = period;
        for (const [sender, receiver, units] of await this.rows('exchanges', [agreementId, to])) {
            of(sender).exchange += BigInt(units);
            of(receiver).exchange -= BigInt(units);
        }
        for (const [claimant, kind, count] of await this.rows('claims', [agreementId, from, to])) {
            if (kind === 'claim-fulfilled')
                of(claimant).claimsFulfilled = count;
            else
                of(claimant).claimsLapsed = count;
        }
        for (const [provider, recipient, kind, units] of await this.rows('services', [agreementId, from, to])) {
            (0, exports.add)(of(provider).given, kind, BigInt(units));
            (0, exports.add)(of(recipient).received, kind, BigInt(units));
        }
        return new Map([...tallies].map(([isil, { exchange, given, received, turnaroundsMs, ...counts }]) => [
            isil,
            { ...counts, turnarounds: (0, ledger_1.turnaroundHistogram)(turnaroundsMs), exchangeBalance: exchange, servicesGiven: given, servicesReceived: received },
        ]));
    }
    /**
     * Loans shipped in the period, with their turnaround, and requests received
     * in it with how many were accepted before its end. Requests are matched to
     * shipments and acceptances on the loan id in memory (a hash join over two
     * range scans), since the acceptance of a request made in the period falls
     * in the period or after it.
     */
    async gatherLoans(agreementId, { from, to }, of) {
        const requestedAt = new Map();
        for (const [lender, loanId, at] of await this.rows('requested', [agreementId, from, to])) {
            requestedAt.set(loanId, at);
            of(lender).requestsReceived += 1;
        }
        for (const [lender, loanId] of await this.rows('accepted', [agreementId, from, to])) {
            // An acceptance in the period of a request made before it is not this period's.
            if (requestedAt.has(loanId))
                of(lender).requestsAccepted += 1;
        }
        const shipped = await this.rows('shipped', [agreementId, from, to]);
        await this.findEarlierRequests(agreementId, from, shipped.map(([, , loanId]) => loanId), requestedAt);
        for (const [lender, borrower, loanId, shippedAt] of shipped) {
            const lent = of(lender);
            lent.loansLent += 1;
            const at = requestedAt.get(loanId);
            if (at !== undefined)
                lent.turnaroundsMs.push(Date.parse(shippedAt) - Date.parse(at));
            of(borrower).loansBorrowed += 1;
        }
    }
    /** Looks further back, in windows that double, for requests of shipped loans not found yet. */
    async findEarlierRequests(agreementId, before, loanIds, requestedAt) {
        const missing = new Set(loanIds.filter((loanId) => !requestedAt.has(loanId)));
        if (missing.size === 0)
            return;
        const [[first]] = await this.rows('firstRequest', [agreementId]);
        let upper = before;
        for (let days = REQUEST_LEAD_DAYS; missing.size > 0 && first !== null && first < upper; days *= 2) {
            const lower = new Date(Date.parse(upper) - days * DAY_MS).toISOString();
            for (const [, loanId, at] of await this.rows('requested', [agreementId, lower, upper])) {
                if (missing.delete(loanId))
                    requestedAt.set(loanId, at);
            }
            upper = lower;
        }
    }
    async holdingsCounts(isils) {
        const rows = await this.rows('holdings', [isils]);
        return Object.fromEntries(rows);
    }
    async loanAgreementsOf(isil) {
        return (await this.rows('loanAgreements', [isil])).map(([doc]) => {
            const { agreementId, terminated, forms, startsOn, endsOn, members, terms, subjects } = JSON.parse(doc);
            return { agreementId, terminated, forms, startsOn, ...(endsOn === undefined ? {} : { endsOn }), members, terms, subjects };
        });
    }
    async loanTallies(agreementIds, isils, since) {
        if (agreementIds.length === 0 || isils.length === 0)
            return [];
        const found = new Map();
        const rows = await this.rows('tallies', [agreementIds, isils, since]);
        for (const [agreementId, isil, side, count] of rows) {
            const key = `${agreementId}\n${isil}`;
            const tally = found.get(key) ?? { agreementId, isil, lent: 0, borrowed: 0 };
            tally[side] = count;
            found.set(key, tally);
        }
        return [...found.values()];
    }
}
exports.FactsFairnessReads = FactsFairnessReads;
//# sourceMappingURL=fairness-gathering.js.map