"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rotationsProjection = exports.ROTATIONS_PROJECTION = void 0;
const rotations_1 = require("../../domain/rotations");
exports.ROTATIONS_PROJECTION = 'rotations';
const ROTATION_EVENTS = new Set([
    'RotationPlanned', 'RotationBatchDispatched', 'RotationBatchReceived', 'RotationItemsReportedMissing', 'RotationCompleted',
    'RotationCancelled',
]);
const stateOf = (view) => {
    if (view === null)
        return (0, rotations_1.initialState)();
    const { status, rotationId, agreementId, owner, itinerary, itemIds, missingItemIds, legsDispatched } = view;
    return { status, rotationId, agreementId, owner, itinerary, itemIds, missingItemIds, legsDispatched };
};
const detailsOf = (view) => view === null
    ? null
    : {
        items: view.items, stages: view.stages, missingReports: view.missingReports, plannedAt: view.plannedAt,
        ...(view.completedAt === undefined ? {} : { completedAt: view.completedAt }),
        ...(view.cancelledAt === undefined ? {} : { cancelledAt: view.cancelledAt }),
        ...(view.reason === undefined ? {} : { reason: view.reason }),
    };
const withStage = (details, stage, change) => ({
    ...details,
    stages: details.stages.map((entry) => (entry.stage === stage ? { ...entry, ...change } : entry)),
});
const detailsAfter = (details, event) => {
    if (event.type === 'RotationPlanned') {
        const { owner, items, itinerary, plannedAt } = event.data;
        const stages = Array.from({ length: itinerary.length + 1 }, (_, stage) => ({ stage, ...(0, rotations_1.legOf)(owner, itinerary, stage) }));
        return { items, stages, missingReports: [], plannedAt };
    }
    if (details === null)
        return null;
    switch (event.type) {
        case 'RotationBatchDispatched': return withStage(details, event.data.stage, { dispatchedAt: event.data.dispatchedAt });
        case 'RotationBatchReceived': {
            const { stage, receivedAt, dueBackOn } = event.data;
            return withStage(details, stage, { receivedAt, ...(dueBackOn === undefined ? {} : { dueBackOn }) });
        }
        case 'RotationItemsReportedMissing': {
            const { reportedBy, itemIds, reportedAt } = event.data;
            return { ...details, missingReports: [...details.missingReports, { reportedBy, itemIds, reportedAt }] };
        }
        case 'RotationCompleted': return { ...details, completedAt: event.data.completedAt };
        case 'RotationCancelled': return { ...details, cancelledAt: event.data.cancelledAt, reason: event.data.reason };
        default: return details;
    }
};
/** The rotation decider's own evolve gives the state and the holder, so the read model can never disagree with the rules. */
exports.rotationsProjection = {
    name: exports.ROTATIONS_PROJECTION,
    version: 1,
    handles: ROTATION_EVENTS,
    indexed: ['owner', 'status', 'agreementId', 'holder'],
    keyOf: (event) => event.data.rotationId,
    evolve: (view, event) => {
        const rotationEvent = event;
        const state = (0, rotations_1.evolve)(stateOf(view), rotationEvent);
        const details = detailsAfter(detailsOf(view), rotationEvent);
        if (state.status === 'none' || details === null)
            return view;
        return {
            ...state,
            ...details,
            stage: state.legsDispatched === 0 ? null : state.legsDispatched - 1,
            holder: (0, rotations_1.holderOf)(state) ?? null,
            inTransit: state.status === 'in-transit',
            version: event.streamVersion,
            position: event.position,
            updatedAt: event.metadata.recordedAt,
        };
    },
};
//# sourceMappingURL=rotations.projection.js.map