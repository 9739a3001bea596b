"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loansProjection = exports.LOANS_PROJECTION = void 0;
const loans_1 = require("../../domain/loans");
exports.LOANS_PROJECTION = 'loans';
const LOAN_EVENTS = new Set([
    'LoanRequested', 'LoanAccepted', 'LoanDeclined', 'LoanShipped', 'LoanReceived', 'LoanRenewed', 'LoanRecalled',
    'LoanBecameOverdue', 'LoanReturnShipped', 'LoanCheckedIn', 'LoanReportedLost', 'LoanCancelled',
]);
const stateOf = (view) => {
    if (view === null)
        return (0, loans_1.initialState)();
    const { isoStatus: _iso, item: _item, history: _history, version: _v, position: _p, updatedAt: _u, ...state } = view;
    return state;
};
/** The loan decider's own evolve gives the state, so the read model can never disagree with the rules. */
exports.loansProjection = {
    name: exports.LOANS_PROJECTION,
    version: 1,
    handles: LOAN_EVENTS,
    indexed: ['borrower', 'lender', 'status'],
    keyOf: (event) => event.data.loanId,
    evolve: (view, event) => {
        const state = (0, loans_1.evolve)(stateOf(view), event);
        if (state.status === 'none')
            return view;
        const item = event.type === 'LoanRequested' ? event.data.item : view?.item;
        return {
            ...state,
            isoStatus: (0, loans_1.isoStatus)(state),
            item: item ?? { title: '' },
            history: { ...view?.history, [event.type]: event.metadata.recordedAt },
            version: event.streamVersion,
            position: event.position,
            updatedAt: event.metadata.recordedAt,
        };
    },
};
//# sourceMappingURL=loans.projection.js.map