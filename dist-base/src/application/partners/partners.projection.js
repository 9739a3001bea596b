"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.partnersProjection = exports.PARTNERS_PROJECTION = void 0;
const partners_1 = require("../../domain/partners");
exports.PARTNERS_PROJECTION = 'partners';
const PARTNER_EVENTS = new Set([
    'PartnerRegistered', 'PartnerProfileUpdated', 'PartnerSuspended', 'PartnerReinstated', 'PartnerLeft',
]);
const stateOf = (view) => {
    if (view === null)
        return (0, partners_1.initialState)();
    const { history: _history, version: _v, position: _p, updatedAt: _u, ...state } = view;
    return state;
};
const entryOf = (event, at) => {
    switch (event.type) {
        case 'PartnerProfileUpdated': {
            const { isil: _isil, updatedAt: _at, ...changes } = event.data;
            return { type: event.type, at, fields: Object.keys(changes).sort() };
        }
        case 'PartnerSuspended':
        case 'PartnerReinstated':
        case 'PartnerLeft':
            return { type: event.type, at, ...(event.data.reason === undefined ? {} : { reason: event.data.reason }) };
        default:
            return { type: event.type, at };
    }
};
/** The partner decider's own evolve gives the state, so the directory can never disagree with the rules. */
exports.partnersProjection = {
    name: exports.PARTNERS_PROJECTION,
    version: 1,
    handles: PARTNER_EVENTS,
    indexed: ['status', 'country'],
    keyOf: (event) => event.data.isil,
    evolve: (view, event) => {
        const partnerEvent = event;
        const state = (0, partners_1.evolve)(stateOf(view), partnerEvent);
        if (state.status === 'none')
            return view;
        const at = event.metadata.recordedAt;
        return {
            ...state,
            history: [...(view?.history ?? []), entryOf(partnerEvent, at)],
            version: event.streamVersion,
            position: event.position,
            updatedAt: at,
        };
    },
};
//# sourceMappingURL=partners.projection.js.map