"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.trialBalance = exports.trialBalanceOf = exports.entriesOf = exports.postingsFor = exports.UnpostableEvent = exports.isPostingEventType = exports.POSTING_EVENT_TYPES = exports.serviceUnit = exports.moneyUnit = exports.SERVICE_KINDS = void 0;
/**
 * Double-entry postings (ARCHITECTURE §5): what each value-moving event means
 * for the balances between partners.
 *
 * Sign convention, for every unit alike: the PROVIDER's balance goes UP (+),
 * the RECEIVER's goes DOWN (−). A positive balance is what the rest of the
 * network owes a partner (it has given more than it got, or is owed money);
 * a negative one is what it owes. Money postings record a claim, not a cash
 * movement: when a loan with a fee ships, the lender is credited and the
 * borrower debited, because the borrower now owes the fee. A later payment
 * would post the other way (payer as provider) and close the debt.
 *
 * | event                           | unit              | provider (+)   | receiver (−)   | why                                                                                           |
 * |---------------------------------|-------------------|----------------|----------------|-----------------------------------------------------------------------------------------------|
 * | LoanShipped                     | loan              | lender         | borrower       | shipping, not accepting, is when the lender gives up the item; the lend:borrow ratio counts it |
 * | LoanShipped with `fee`          | money:{currency}  | lender         | borrower       | the fee is earned by lending, so it falls due when the item leaves, like the loan unit         |
 * | LoanReportedLost with `compensation` | money:{currency} | lender    | borrower       | the borrower owes the lender for an item it can no longer return; the loan unit stays given    |
 * | ExchangeItemsDispatched (n)     | exchange-item     | sender         | receiver       | each side's dispatch is posted alone, so a one-for-one exchange nets to zero only once both have sent; what is left is an open debt |
 * | RotationBatchReceived (n), host ≠ owner | rotation-item | owner      | host           | posted on receipt, since only then does the host have the use of the items; the batch coming home moves nothing (see below) |
 * | ServiceRendered (units)         | service:{kind}    | provider       | recipient      | work given (cataloguing, facility access, training, reference) is owed back in kind or by the agreement's terms |
 * | ServiceVoided (units)           | service:{kind}    | recipient      | provider       | a void reverses, never deletes: the posting it cancels stays in history and the pair nets to zero |
 *
 * A posting from a partner to itself moves nothing, so none is made (this is
 * why a rotation batch received back at its owner posts nothing). An amount of
 * zero (no fee, no units) moves nothing either. Each event makes at most one
 * posting per unit, so (eventId, unit) identifies a posting: a projection can
 * key on it to apply an event twice without counting it twice.
 *
 * Amounts are exact decimal strings (see ./amount); ISILs are taken as the
 * events carry them, upper-cased where they entered (see ../shared/isil).
 */
const errors_1 = require("../shared/errors");
const amount_1 = require("./amount");
exports.SERVICE_KINDS = ['cataloguing', 'facility-access', 'training', 'reference'];
const moneyUnit = (currency) => `money:${currency.toUpperCase()}`;
exports.moneyUnit = moneyUnit;
const serviceUnit = (kind) => `service:${kind}`;
exports.serviceUnit = serviceUnit;
exports.POSTING_EVENT_TYPES = [
    'LoanShipped',
    'LoanReportedLost',
    'ExchangeItemsDispatched',
    'RotationBatchReceived',
    'ServiceRendered',
    'ServiceVoided',
];
const isPostingEventType = (type) => exports.POSTING_EVENT_TYPES.includes(type);
exports.isPostingEventType = isPostingEventType;
/** A stored event the ledger cannot read. It is a bug upstream; posting a guess would corrupt every balance after it. */
class UnpostableEvent extends errors_1.DomainError {
    constructor(event, why, field) {
        super('unpostable-event', `${event.type} ${event.eventId} cannot be posted: ${why}`, 'invalid', field);
    }
}
exports.UnpostableEvent = UnpostableEvent;
/**
 * A field reader bound to one event and typed by its local data shape: a key
 * the shape lacks fails to compile, and every refusal names the event and field.
 */
const reader = (event) => {
    if (typeof event.data !== 'object' || event.data === null)
        throw new UnpostableEvent(event, 'its data is not an object');
    const data = event.data;
    const quantity = (field, value, wholeOnly) => {
        if (typeof value !== 'string' && typeof value !== 'number')
            throw new UnpostableEvent(event, `${field} must be a number`, field);
        let scaled;
        try {
            scaled = (0, amount_1.parseAmount)(value, field);
        }
        catch {
            throw new UnpostableEvent(event, `${field} must be a decimal with at most 4 decimals`, field);
        }
        if (scaled < 0n)
            throw new UnpostableEvent(event, `${field} must not be negative`, field);
        if (wholeOnly && scaled % amount_1.AMOUNT_SCALE !== 0n)
            throw new UnpostableEvent(event, `${field} must be a whole number`, field);
        return scaled;
    };
    return {
        isil: (key) => {
            const value = data[key];
            if (typeof value !== 'string' || value.trim() === '')
                throw new UnpostableEvent(event, `${key} must be an ISIL`, key);
            return value;
        },
        count: (key) => quantity(key, data[key], true),
        units: (key) => quantity(key, data[key], false),
        money: (key) => {
            const value = data[key];
            if (value === undefined || value === null)
                return null;
            const { amount, currency } = value;
            if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) {
                throw new UnpostableEvent(event, `${key}.currency must be an ISO 4217 code`, `${key}.currency`);
            }
            return { unit: (0, exports.moneyUnit)(currency), amount: quantity(`${key}.amount`, amount, false) };
        },
        serviceKind: (key) => {
            const value = data[key];
            if (!exports.SERVICE_KINDS.includes(value)) {
                throw new UnpostableEvent(event, `${key} must be one of ${exports.SERVICE_KINDS.join(', ')}`, key);
            }
            return value;
        },
        agreementId: () => {
            const value = data.agreementId;
            if (value === undefined || value === null)
                return null;
            if (typeof value !== 'string')
                throw new UnpostableEvent(event, 'agreementId must be a string', 'agreementId');
            return value;
        },
    };
};
const ONE = amount_1.AMOUNT_SCALE;
const rules = {
    LoanShipped: (event) => {
        const read = reader(event);
        const lender = read.isil('lender');
        const borrower = read.isil('borrower');
        const fee = read.money('fee');
        return [
            { unit: 'loan', provider: lender, receiver: borrower, amount: ONE },
            fee && { unit: fee.unit, provider: lender, receiver: borrower, amount: fee.amount },
        ];
    },
    LoanReportedLost: (event) => {
        const read = reader(event);
        const compensation = read.money('compensation');
        if (compensation === null)
            return [];
        return [{ unit: compensation.unit, provider: read.isil('lender'), receiver: read.isil('borrower'), amount: compensation.amount }];
    },
    ExchangeItemsDispatched: (event) => {
        const read = reader(event);
        return [{ unit: 'exchange-item', provider: read.isil('sender'), receiver: read.isil('receiver'), amount: read.count('itemCount') }];
    },
    RotationBatchReceived: (event) => {
        const read = reader(event);
        return [{ unit: 'rotation-item', provider: read.isil('owner'), receiver: read.isil('host'), amount: read.count('itemCount') }];
    },
    ServiceRendered: (event) => {
        const read = reader(event);
        const unit = (0, exports.serviceUnit)(read.serviceKind('kind'));
        return [{ unit, provider: read.isil('provider'), receiver: read.isil('recipient'), amount: read.units('units') }];
    },
    ServiceVoided: (event) => {
        const read = reader(event);
        const unit = (0, exports.serviceUnit)(read.serviceKind('kind'));
        return [{ unit, provider: read.isil('recipient'), receiver: read.isil('provider'), amount: read.units('units') }];
    },
};
/** The postings one stored event makes: none for an event that moves no value. Throws UnpostableEvent on malformed data. */
const postingsFor = (event) => {
    if (!(0, exports.isPostingEventType)(event.type))
        return [];
    const agreementId = reader(event).agreementId();
    return rules[event.type](event)
        .filter((draft) => draft !== null && draft.amount > 0n && draft.provider !== draft.receiver)
        .map((draft) => ({
        eventId: event.eventId,
        position: event.position,
        recordedAt: event.recordedAt,
        agreementId,
        unit: draft.unit,
        provider: draft.provider,
        receiver: draft.receiver,
        amount: (0, amount_1.formatAmount)(draft.amount),
    }));
};
exports.postingsFor = postingsFor;
/** The two lines of a posting, one per partner; they sum to zero. */
const entriesOf = (posting) => {
    const amount = (0, amount_1.parseAmount)(posting.amount);
    return [
        { partner: posting.provider, counterparty: posting.receiver, unit: posting.unit, amount: (0, amount_1.formatAmount)(amount) },
        { partner: posting.receiver, counterparty: posting.provider, unit: posting.unit, amount: (0, amount_1.formatAmount)(-amount) },
    ];
};
exports.entriesOf = entriesOf;
/**
 * The trial balance auditors check, per unit and ordered by unit, from any
 * per-partner sums: the read model's SQL sums or a posting's two sides alike,
 * so the rule is written once however the sums were made. A posting that lost
 * a side, a sign or a filter on the way shows as a non-zero total.
 */
const trialBalanceOf = (sums) => {
    const units = new Map();
    for (const { unit, provided, received } of sums) {
        const sum = units.get(unit) ?? { total: 0n, turnover: 0n };
        units.set(unit, { total: sum.total + provided - received, turnover: sum.turnover + provided });
    }
    return [...units]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([unit, { total, turnover }]) => ({ unit, total: (0, amount_1.formatAmount)(total), turnover: (0, amount_1.formatAmount)(turnover) }));
};
exports.trialBalanceOf = trialBalanceOf;
/** The trial balance of some postings, each read from both its entries. */
const trialBalance = (postings) => (0, exports.trialBalanceOf)([...postings].flatMap(exports.entriesOf).map(({ unit, amount }) => {
    const signed = (0, amount_1.parseAmount)(amount);
    return { unit, provided: signed > 0n ? signed : 0n, received: signed < 0n ? -signed : 0n };
}));
exports.trialBalance = trialBalance;
//# sourceMappingURL=postings.js.map