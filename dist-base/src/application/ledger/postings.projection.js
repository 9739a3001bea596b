"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.postingsProjection = exports.WHOLE_LEDGER = exports.CARRIED = exports.BALANCE_SUMS = exports.BALANCE_GROUP = exports.toPostingRow = exports.sqlInteger = exports.POSTINGS_PROJECTION = void 0;
const ledger_1 = require("../../domain/ledger");
exports.POSTINGS_PROJECTION = 'postings';
/**
 * An exact integer for an INTEGER column. Scaled amounts are far below 2^53
 * for any real ledger: 2^53 / 10^4 is about 900 billion units in ONE posting
 * (a fee, a compensation, service units, an item count). Money is validated
 * up to 12 integer digits, which could exceed that, so anything beyond a safe
 * JavaScript integer travels as its decimal digits: SQLite's INTEGER affinity
 * stores such text as the exact 64-bit integer (the largest valid amount,
 * 10^16, is well inside 2^63), so no posting is ever rounded. Positions are
 * handled the same way.
 */
const sqlInteger = (value) => {
    const asNumber = Number(value);
    return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
};
exports.sqlInteger = sqlInteger;
const toPostingRow = (posting, entry) => ({
    position: (0, exports.sqlInteger)(BigInt(posting.position)),
    recorded_at: posting.recordedAt,
    event_id: posting.eventId,
    entry,
    agreement_id: posting.agreementId,
    unit: posting.unit,
    provider: posting.provider,
    receiver: posting.receiver,
    amount: (0, exports.sqlInteger)((0, ledger_1.parseAmount)(posting.amount)),
});
exports.toPostingRow = toPostingRow;
/**
 * The columns of a balance group in the totals table: a partner's balance in
 * a unit (counterparty ''), or its balance with one counterparty in a unit
 * (both ways round: (A, B) and (B, A) are two groups). The whole ledger is
 * one more group, all three '', that only watches the order of time.
 */
exports.BALANCE_GROUP = ['partner', 'counterparty', 'unit'];
exports.BALANCE_SUMS = ['provided', 'received'];
/**
 * What a posting row carries: the one sum of each of its groups that it
 * moves, after it. What its provider has provided, what its receiver has
 * received, and what its provider has provided to its receiver (the pair as
 * the provider sees it; the receiver's side of the pair is that sum too).
 */
exports.CARRIED = { provided: 'provider_provided', received: 'receiver_received', pair: 'pair_provided' };
exports.WHOLE_LEDGER = ['', '', ''];
/**
 * Running balances: each posting moves its provider's and its receiver's
 * balance in its unit, and the pair's both ways round; each row keeps the
 * sum it moves of each (CARRIED) after it, so a sum as of a position is the
 * one kept by the last row at or before it that moved it.
 */
const runningBalances = {
    key: exports.BALANCE_GROUP,
    sums: exports.BALANCE_SUMS,
    // Every partner's balances (counterparty ''), and every pair with one counterparty, without a scan of the pairs.
    indexes: [['counterparty', 'partner', 'unit']],
    carried: [exports.CARRIED.provided, exports.CARRIED.received, exports.CARRIED.pair],
    // Every partner, every pair with one partner, the trial balance or a
    // unit's pairs as of a past cut: the copy at or before it and at most
    // about 1,000 rows after it (as many as there are groups, in a network
    // with more), the copy's groups read by counterparty as the totals' index.
    marks: { every: 1_000, key: ['counterparty', 'partner', 'unit'] },
    positionOf: (row) => BigInt(row.position),
    timeOf: (row) => row.recorded_at,
    movesOf: ({ provider, receiver, unit, amount }) => {
        const scaled = BigInt(amount);
        return [
            { key: exports.WHOLE_LEDGER, add: [] },
            { key: [provider, '', unit], add: [scaled, 0n], into: [exports.CARRIED.provided] },
            { key: [receiver, '', unit], add: [0n, scaled], into: [null, exports.CARRIED.received] },
            { key: [provider, receiver, unit], add: [scaled, 0n], into: [exports.CARRIED.pair] },
            { key: [receiver, provider, unit], add: [0n, scaled] },
        ];
    },
};
/**
 * The double-entry ledger (ARCHITECTURE §5): one row per posting, appended in
 * log order and never updated. The posting rules live in the domain
 * (postingsFor); this only flattens them to columns. Each row holds both
 * sides (provider +, receiver −), so every unit sums to zero by construction,
 * and carries the running balances of its partners and its pair after it
 * (see runningBalances), so no balance is ever a sum over history.
 */
exports.postingsProjection = {
    kind: 'rows',
    name: exports.POSTINGS_PROJECTION,
    // 5: the stores keep copies of the totals (runningBalances.marks); a read model folded before them is folded again.
    version: 5,
    handles: new Set(ledger_1.POSTING_EVENT_TYPES),
    columns: {
        position: 'INTEGER',
        recorded_at: 'TEXT',
        event_id: 'TEXT',
        entry: 'INTEGER',
        agreement_id: 'TEXT',
        unit: 'TEXT',
        provider: 'TEXT',
        receiver: 'TEXT',
        amount: 'INTEGER',
    },
    // A balance as of a position is a seek to the last row of its group at or
    // before it: a partner's on each side, a pair's both ways round. Each ends
    // in the one sum that side moves, so the seek reads it from the index
    // alone. The first two also hold the amount, for the sums the dashboard's
    // agreement filter still makes; the instant leads to the position an
    // instant cut names.
    indexes: [
        ['provider', 'unit', 'position', 'entry', 'amount', exports.CARRIED.provided],
        ['receiver', 'unit', 'position', 'entry', 'amount', exports.CARRIED.received],
        ['provider', 'receiver', 'unit', 'position', 'entry', exports.CARRIED.pair],
        ['recorded_at', 'position'],
    ],
    // One event, one position: (position, entry) names a posting as exactly as
    // (event id, entry) would, and grows in log order, so it costs a rebuild no
    // random writes to a B-tree of UUIDs. A second fold of an event inserts nothing.
    unique: ['position', 'entry'],
    running: runningBalances,
    rowsOf: (event) => (0, ledger_1.postingsFor)({
        type: event.type,
        data: event.data,
        eventId: event.eventId,
        position: event.position,
        recordedAt: event.metadata.recordedAt,
    }).map((posting, entry) => (0, exports.toPostingRow)(posting, entry)),
};
//# sourceMappingURL=postings.projection.js.map