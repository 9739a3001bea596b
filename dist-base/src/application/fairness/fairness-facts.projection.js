"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fairnessHoldingsProjection = exports.TITLES_HELD = exports.fairnessFactsProjection = exports.OPENING = exports.OPENING_TALLIES = exports.REPORT_TALLIES = exports.LAGGED_TALLY = exports.COUNTERPARTY_KINDS = exports.toTally = exports.byTally = exports.REQUEST_TALLY = exports.TALLY_SUMS = exports.TALLY_GROUP = exports.BUCKET_BY = exports.CARRIED_TO = exports.CARRIED_BY = exports.CARRIED_REQUEST = exports.FACT_KINDS = exports.FAIRNESS_HOLDINGS_PROJECTION = exports.FAIRNESS_FACTS_PROJECTION = void 0;
const ledger_1 = require("../../domain/ledger");
exports.FAIRNESS_FACTS_PROJECTION = 'fairness_facts';
exports.FAIRNESS_HOLDINGS_PROJECTION = 'fairness_holdings';
/** What a fact row records; the report and the lender suggestion count these. */
exports.FACT_KINDS = [
    'loan-requested', 'loan-accepted', 'loan-shipped',
    'claim-fulfilled', 'claim-expired',
    'service',
    'exchange-dispatched',
];
const FACT_EVENTS = new Set([
    'LoanRequested', 'LoanAccepted', 'LoanShipped',
    'AcquisitionFulfilled', 'AcquisitionClaimExpired',
    'ServiceRendered', 'ServiceVoided',
    'ExchangeItemsDispatched',
]);
const LOAN_KINDS = { LoanRequested: 'loan-requested', LoanAccepted: 'loan-accepted', LoanShipped: 'loan-shipped' };
const scaled = (units) => Number((0, ledger_1.parseAmount)(units, 'units'));
/** The fact an event records, without its place in the log; null for an event the report does not count. */
const factOf = (event) => {
    const none = { counterparty: null, detail: null, units: null };
    switch (event.type) {
        case 'LoanRequested':
        case 'LoanAccepted':
        case 'LoanShipped': {
            const { loanId, lender, borrower, agreementId } = event.data;
            if (agreementId === undefined)
                return null;
            return { ...none, agreement_id: agreementId, kind: LOAN_KINDS[event.type], subject: loanId, party: lender, counterparty: borrower };
        }
        case 'AcquisitionFulfilled':
        case 'AcquisitionClaimExpired': {
            const { isbn, agreementId, claimant } = event.data;
            const kind = event.type === 'AcquisitionFulfilled' ? 'claim-fulfilled' : 'claim-expired';
            return { ...none, agreement_id: agreementId, kind, subject: isbn, party: claimant };
        }
        case 'ServiceRendered':
        case 'ServiceVoided': {
            const { serviceId, agreementId, provider, recipient, kind, units } = event.data;
            return {
                agreement_id: agreementId,
                kind: 'service',
                subject: serviceId,
                party: provider,
                counterparty: recipient,
                detail: kind,
                units: event.type === 'ServiceRendered' ? scaled(units) : -scaled(units),
            };
        }
        case 'ExchangeItemsDispatched': {
            const { exchangeId, agreementId, sender, receiver, itemCount } = event.data;
            return {
                agreement_id: agreementId, kind: 'exchange-dispatched', subject: exchangeId,
                party: sender, counterparty: receiver, detail: null, units: scaled(itemCount),
            };
        }
        default:
            return null;
    }
};
/** What a loan's acceptance and shipment carry of its request: how many requests (1 once requested) and its time in ms since 1970. */
exports.CARRIED_REQUEST = ['requested', 'requested_ms'];
/** What each row carries of its party's tally (the `by:` group) and of its counterparty's (the `to:` group) after it. */
exports.CARRIED_BY = ['by_n', 'by_total'];
exports.CARRIED_TO = ['to_n', 'to_total'];
/** The bucket of the party's tally the row is counted in, as text ('' for a tally without buckets, or whose buckets are a spread). */
exports.BUCKET_BY = 'by_bucket';
/** The kinds whose party's tally keeps its buckets as a spread, and those whose counterparty's does (the others have none). */
const SPREAD_BY = new Set(['loan-shipped', 'service']);
const SPREAD_TO = new Set(['service']);
/** The columns of a group in the totals table, and its two sums: how many rows and the sum of what they count. */
exports.TALLY_GROUP = ['agreement_id', 'tally', 'subject', 'bucket'];
exports.TALLY_SUMS = ['n', 'total'];
/** The tally of a loan, whose sums are its request's: count and time. */
exports.REQUEST_TALLY = 'request';
/** The tallies of one kind of fact by its party and to its counterparty. */
const byTally = (kind) => `by:${kind}`;
exports.byTally = byTally;
const toTally = (kind) => `to:${kind}`;
exports.toTally = toTally;
/** Kinds whose counterparty the report counts (borrowers, recipients, receivers). */
exports.COUNTERPARTY_KINDS = new Set(['loan-shipped', 'service', 'exchange-dispatched']);
/** The tally whose buckets are the days from a request to its acceptance, each read from its own cut (fairness-tallies). */
exports.LAGGED_TALLY = (0, exports.byTally)('loan-accepted');
/** Every tally of a partner the report reads. */
exports.REPORT_TALLIES = [
    ...['loan-shipped', 'loan-requested', 'loan-accepted', 'claim-fulfilled', 'claim-expired', 'service', 'exchange-dispatched'].map(exports.byTally),
    ...[...exports.COUNTERPARTY_KINDS].map(exports.toTally),
];
/**
 * What an agreement's openings (ScopeOpenings) hold: every tally of the
 * report, the acceptances' by their lag in days too (those of a lag of a
 * day or more start later than the period, and are read at their start
 * by a seek). An opening is kept as the group [agreement, OPENING, day,
 * ''], and past running-totals' OPENING_CHARS in more, [agreement,
 * OPENING, day, '1'], ….
 */
exports.OPENING_TALLIES = exports.REPORT_TALLIES;
exports.OPENING = 'opening';
const DAY_MS = 86_400_000;
/**
 * The bucket of the party's tally a row is counted in: a shipment's by its
 * turnaround (domain/ledger/turnaround) and a service's by its kind, each in
 * its tally's spread, an acceptance's by the UTC days from its request to it
 * (so a period of whole days knows which acceptances it holds of requests
 * made before it), as a group of its own. A loan whose request is not in the
 * log has no turnaround nor lag: bucket ''.
 */
const byBucketOf = (row) => {
    const requested = row.requested_ms;
    const known = typeof requested === 'bigint' && row.requested > 0n;
    const shippedOrAccepted = Number(row.recorded_ms);
    switch (row.kind) {
        case 'loan-shipped':
            return known ? String((0, ledger_1.turnaroundBucket)(shippedOrAccepted - Number(requested))) : '';
        case 'loan-accepted':
            return known ? String(Math.floor(shippedOrAccepted / DAY_MS) - Math.floor(Number(requested) / DAY_MS)) : '';
        case 'service':
            return String(row.detail);
        default:
            return '';
    }
};
/**
 * The fairness report's tallies, kept as the facts are folded so that no
 * report reads the facts of its period. Groups are (agreement, tally,
 * subject, bucket), each with a count and a total:
 *
 * - `request` per loan (subject: the loan id): its request's count and time,
 *   which its acceptance and shipment carry (requested, requested_ms), so
 *   turnaround and fill rate need no join;
 * - `by:<kind>` per party (lender, claimant, provider, sender),
 *   `to:<kind>` per counterparty (borrower, recipient, receiver): each row
 *   carries the count and total of its two tallies after it (by_n,
 *   by_total, to_n, to_total), so a tally as of an instant is one seek down
 *   an index to its last row before it, and a period's is two. The buckets
 *   of a tally (byBucketOf) are groups of their own for acceptances, whose
 *   period starts later for each bucket, and a spread for shipments and
 *   services (SPREAD_BY, SPREAD_TO; a lender's shipments fill about 30
 *   turnaround buckets);
 * - one group per agreement (tally '') that watches the order of time and
 *   opens its day: the agreement's first row of each UTC day keeps what
 *   every tally of the report held before it, as the
 *   group [agreement, OPENING, day, ''] (ScopeOpenings; a large one in
 *   several rows of the day), so the report's tallies as of a midnight are
 *   one seek for the whole agreement.
 *
 * The party's tally needs the request's time, carried by the first pass, so
 * it is counted in the second (laterMovesOf).
 */
const tallies = {
    key: exports.TALLY_GROUP,
    sums: exports.TALLY_SUMS,
    carried: [...exports.CARRIED_REQUEST, ...exports.CARRIED_BY, ...exports.CARRIED_TO],
    labels: [exports.BUCKET_BY],
    spreads: true,
    positionOf: (fact) => BigInt(fact.position),
    timeOf: (fact) => fact.recorded_at,
    // A fact whose event lacks a key (a loan without its id or lender, which no decider writes) is kept but tallied nowhere.
    movesOf: ({ kind, agreement_id, subject, recorded_ms }) => {
        if (!isText(agreement_id) || !isText(subject))
            return [];
        const loan = [agreement_id, exports.REQUEST_TALLY, subject, ''];
        if (kind === 'loan-requested')
            return [{ key: loan, add: [1n, BigInt(recorded_ms)] }];
        if (kind === 'loan-accepted' || kind === 'loan-shipped')
            return [{ key: loan, add: [], into: exports.CARRIED_REQUEST }];
        return [];
    },
    openings: { scope: 1, holds: exports.OPENING_TALLIES, as: exports.OPENING },
    laterMovesOf: (row) => {
        const { kind, agreement_id: agreement, party, counterparty } = row;
        if (!isText(agreement) || !isText(party))
            return { moves: [] };
        const fact = kind;
        const total = BigInt(row.units ?? 0);
        const bucket = byBucketOf(row);
        const byBucket = SPREAD_BY.has(fact) ? '' : bucket;
        const by = { key: [agreement, (0, exports.byTally)(fact), party, byBucket], add: [1n, fact === 'loan-shipped' ? turnaroundMs(row) : total], into: exports.CARRIED_BY };
        const moves = [{ key: [agreement, '', '', ''], add: [], opens: true }, SPREAD_BY.has(fact) ? { ...by, spread: { bucket } } : by];
        const labels = { [exports.BUCKET_BY]: byBucket };
        if (!exports.COUNTERPARTY_KINDS.has(fact) || !isText(counterparty))
            return { labels, moves };
        const to = { key: [agreement, (0, exports.toTally)(fact), counterparty, ''], add: [1n, total], into: exports.CARRIED_TO };
        moves.push(SPREAD_TO.has(fact) ? { ...to, spread: { bucket: String(row.detail) } } : to);
        return { labels, moves };
    },
};
const isText = (value) => typeof value === 'string';
/** A shipment's turnaround in ms, 0 when its request is not in the log (it is then in bucket '', which no histogram reads). */
const turnaroundMs = (row) => typeof row.requested_ms === 'bigint' && row.requested > 0n ? BigInt(row.recorded_ms) - row.requested_ms : 0n;
/**
 * The facts of the fairness report, one row per event it counts, in log
 * order, with the tallies above carried along (see tallies).
 *
 * Two indexes lead each side's tally to its rows in time order, each
 * covering what a seek for a count and total reads: (agreement_id, kind,
 * party, by_bucket, recorded_at, by_n, by_total) and (agreement_id, kind,
 * counterparty, recorded_at, to_n, to_total), for the lender suggestion
 * (a count since any instant) and the acceptances of a lag of a day or
 * more (a seek per lender and lag, at its start); a report's other counts
 * are the agreement's openings at its two ends: independent of how many
 * facts the period holds, on either read store (fairness-tallies). The matching
 * of requests to shipments when asked (fairness-gathering), which a log out
 * of time order still gets, reads the same indexes by their (agreement_id,
 * kind) prefix.
 */
exports.fairnessFactsProjection = {
    kind: 'rows',
    name: exports.FAIRNESS_FACTS_PROJECTION,
    // 5: a service and its void are one kind of fact, `service` (were service-rendered and service-voided), so one tally.
    // 6: shipments' turnaround buckets and services' kinds are spreads of one tally per partner (were a group each).
    // 7: an agreement's tallies opened each day as one group (were a spread's opening on each tally's first row of a day).
    // 8: the same tallies, their table made again in the shape a store keeps spreads in (SQLite: a rowid table, see keptWithoutRowid).
    // 9: an opening of more than OPENING_CHARS kept in several rows of its day (was one row).
    // 10: openings hold the acceptances by lag too (were read by two seeks per lag): older openings lack what the reads take from them.
    version: 10,
    handles: FACT_EVENTS,
    columns: {
        agreement_id: 'TEXT',
        kind: 'TEXT',
        recorded_at: 'TEXT',
        recorded_ms: 'INTEGER',
        subject: 'TEXT',
        party: 'TEXT',
        counterparty: 'TEXT',
        detail: 'TEXT',
        units: 'INTEGER',
        position: 'INTEGER',
    },
    indexes: [
        ['agreement_id', 'kind', 'party', exports.BUCKET_BY, 'recorded_at', ...exports.CARRIED_BY],
        ['agreement_id', 'kind', 'counterparty', 'recorded_at', ...exports.CARRIED_TO],
    ],
    running: tallies,
    rowsOf: (event) => {
        const fact = factOf(event);
        const recordedAt = event.metadata.recordedAt;
        return fact === null ? [] : [{ ...fact, recorded_at: recordedAt, recorded_ms: Date.parse(recordedAt), position: Number(event.position) }];
    },
};
/** The isbn of a library's own group in the holdings totals: the count of titles it holds. */
exports.TITLES_HELD = '';
/**
 * Each (isil, isbn) group of the totals is set to whether the library holds
 * the title after the row (1 or 0), and the library's own group (isbn
 * TITLES_HELD) adds what that changed: the count of titles it holds now,
 * kept as the rows are folded, so the report's holdings are one seek per
 * partner however many titles were ever registered. A title registered
 * twice, or bought and then registered, changes nothing the second time.
 */
const titlesHeld = {
    key: ['isil', 'isbn'],
    sums: ['held'],
    carried: [],
    positionOf: (row) => BigInt(row.position),
    // The rows keep no time: a state, not a flow over a period.
    timeOf: () => '',
    movesOf: ({ isil, isbn, held }) => [
        { key: [isil, isbn], set: [BigInt(held)] },
        { key: [isil, exports.TITLES_HELD], add: 'change' },
    ],
};
exports.fairnessHoldingsProjection = {
    kind: 'rows',
    name: exports.FAIRNESS_HOLDINGS_PROJECTION,
    // 2: the count of titles held carried in the totals (was counted from the rows when asked).
    version: 2,
    handles: new Set(['HoldingsRegistered', 'HoldingsWithdrawn', 'AcquisitionFulfilled']),
    columns: { isil: 'TEXT', isbn: 'TEXT', held: 'INTEGER', position: 'INTEGER' },
    indexes: [],
    running: titlesHeld,
    rowsOf: (recorded) => {
        const event = recorded;
        const position = Number(recorded.position);
        switch (event.type) {
            case 'HoldingsRegistered': {
                const { isil } = event.data;
                return event.data.items.map((item) => ({ isil, isbn: item.isbn13, held: 1, position }));
            }
            case 'HoldingsWithdrawn': {
                const { isil } = event.data;
                return event.data.isbns.map((isbn) => ({ isil, isbn, held: 0, position }));
            }
            case 'AcquisitionFulfilled':
                return [{ isil: event.data.claimant, isbn: event.data.isbn, held: 1, position }];
            default:
                return [];
        }
    },
};
//# sourceMappingURL=fairness-facts.projection.js.map