"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.agreementsProjection = exports.AGREEMENTS_PROJECTION = void 0;
const agreements_1 = require("../../domain/agreements");
exports.AGREEMENTS_PROJECTION = 'agreements';
const AGREEMENT_EVENTS = new Set([
    'AgreementEstablished', 'MemberJoined', 'MemberWithdrew', 'TermsAmended', 'AgreementTerminated',
]);
const stateOf = (view) => {
    if (view === null)
        return (0, agreements_1.initialState)();
    const { agreementId, title, focalPoint, members, forms, startsOn, endsOn, terms, subjects, terminatedOn } = view;
    return {
        status: view.status === 'active' ? 'established' : 'terminated',
        agreementId, title, focalPoint, members, forms, startsOn, terms, subjects,
        ...(endsOn === undefined ? {} : { endsOn }),
        ...(terminatedOn === undefined ? {} : { terminatedOn }),
    };
};
const withdrawn = (memberships, isil, withdrawnAt, reason) => {
    const open = memberships.map((m) => m.isil === isil && m.withdrawnAt === undefined).lastIndexOf(true);
    return memberships.map((membership, index) => index === open ? { ...membership, withdrawnAt, ...(reason === undefined ? {} : { reason }) } : membership);
};
/** What each event adds to the record beyond the decider's state. */
const recordOf = (view, event) => {
    const memberships = view?.memberships ?? [];
    const amendments = view?.amendments ?? [];
    const base = { establishedAt: view?.establishedAt ?? '', memberships, amendments, terminationReason: view?.terminationReason };
    switch (event.type) {
        case 'AgreementEstablished': {
            const { members, establishedAt } = event.data;
            return { ...base, establishedAt, memberships: members.map((isil) => ({ isil, joinedAt: establishedAt })) };
        }
        case 'MemberJoined':
            return { ...base, memberships: [...memberships, { isil: event.data.isil, joinedAt: event.data.joinedAt }] };
        case 'MemberWithdrew':
            return { ...base, memberships: withdrawn(memberships, event.data.isil, event.data.withdrawnAt, event.data.reason) };
        case 'TermsAmended':
            return { ...base, amendments: [...amendments, { changed: event.data.changed, amendedAt: event.data.amendedAt }] };
        case 'AgreementTerminated':
            return { ...base, terminationReason: event.data.reason };
        default:
            return base;
    }
};
/** The agreement decider's own evolve gives the state, so the read model can never disagree with the rules. */
exports.agreementsProjection = {
    name: exports.AGREEMENTS_PROJECTION,
    version: 1,
    handles: AGREEMENT_EVENTS,
    indexed: ['status', 'focalPoint'],
    keyOf: (event) => event.data.agreementId,
    evolve: (view, event) => {
        const agreementEvent = event;
        const state = (0, agreements_1.evolve)(stateOf(view), agreementEvent);
        if (state.status === 'none')
            return view;
        const { terminationReason, ...record } = recordOf(view, agreementEvent);
        const { agreementId, title, focalPoint, members, forms, startsOn, endsOn, terms, subjects, terminatedOn } = state;
        return {
            agreementId,
            title,
            focalPoint,
            status: state.status === 'established' ? 'active' : 'terminated',
            terminated: state.status === 'terminated',
            members,
            forms,
            startsOn,
            ...(endsOn === undefined ? {} : { endsOn }),
            terms,
            subjects,
            ...(terminatedOn === undefined ? {} : { terminatedOn }),
            ...(terminationReason === undefined ? {} : { terminationReason }),
            ...record,
            version: event.streamVersion,
            position: event.position,
            updatedAt: event.metadata.recordedAt,
        };
    },
};
//# sourceMappingURL=agreements.projection.js.map