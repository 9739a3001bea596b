"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.exchangesProjection = exports.EXCHANGES_PROJECTION = void 0;
const exchanges_1 = require("../../domain/exchanges");
exports.EXCHANGES_PROJECTION = 'exchanges';
const EXCHANGE_EVENTS = new Set([
    'ExchangeProposed', 'ExchangeAccepted', 'ExchangeDeclined', 'ExchangeItemsDispatched', 'ExchangeItemsReceived',
    'ExchangeCompleted', 'ExchangeCancelled',
]);
const stateOf = (view) => {
    if (view === null)
        return (0, exchanges_1.initialState)();
    const { status, exchangeId, agreementId, proposer, counterpart, itemCount, dispatchedBy, receivedBy } = view;
    return { status, exchangeId, agreementId, proposer, counterpart, itemCount, dispatchedBy, receivedBy };
};
const sideOf = (details, library) => details.sides.proposer.library === library ? 'proposer' : 'counterpart';
const withSide = (details, library, change) => {
    const side = sideOf(details, library);
    return { ...details, sides: { ...details.sides, [side]: { ...details.sides[side], ...change } } };
};
/** What the decider's state leaves out: items, sides and timestamps, straight from the events. */
const detailsAfter = (details, event) => {
    if (event.type === 'ExchangeProposed') {
        const { offered, requested, proposer, counterpart, proposedAt } = event.data;
        return { offered, requested, sides: { proposer: { library: proposer }, counterpart: { library: counterpart } }, proposedAt };
    }
    if (details === null)
        return null;
    switch (event.type) {
        case 'ExchangeAccepted': return { ...details, acceptedAt: event.data.acceptedAt };
        case 'ExchangeDeclined': return { ...details, declinedAt: event.data.declinedAt, reason: event.data.reason };
        case 'ExchangeItemsDispatched': return withSide(details, event.data.sender, { dispatchedAt: event.data.dispatchedAt });
        case 'ExchangeItemsReceived': return withSide(details, event.data.receiver, { receivedAt: event.data.receivedAt });
        case 'ExchangeCompleted': return { ...details, completedAt: event.data.completedAt };
        case 'ExchangeCancelled': {
            const { cancelledAt, cancelledBy, reason } = event.data;
            return { ...details, cancelledAt, cancelledBy, reason };
        }
        default: return details;
    }
};
const detailsOf = (view) => {
    if (view === null)
        return null;
    const { status: _s, exchangeId: _e, agreementId: _a, proposer: _p, counterpart: _c, itemCount: _i, dispatchedBy: _d, receivedBy: _r, version: _v, position: _pos, updatedAt: _u, ...details } = view;
    return details;
};
/** The exchange decider's own evolve gives the state, so the read model can never disagree with the rules. */
exports.exchangesProjection = {
    name: exports.EXCHANGES_PROJECTION,
    version: 1,
    handles: EXCHANGE_EVENTS,
    indexed: ['proposer', 'counterpart', 'status', 'agreementId'],
    keyOf: (event) => event.data.exchangeId,
    evolve: (view, event) => {
        const exchangeEvent = event;
        const state = (0, exchanges_1.evolve)(stateOf(view), exchangeEvent);
        const details = detailsAfter(detailsOf(view), exchangeEvent);
        if (state.status === 'none' || details === null)
            return view;
        return { ...state, ...details, version: event.streamVersion, position: event.position, updatedAt: event.metadata.recordedAt };
    },
};
//# sourceMappingURL=exchanges.projection.js.map