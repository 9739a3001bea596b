"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rotationDecider = exports.decide = exports.holderOf = exports.evolve = exports.initialState = void 0;
const acting_1 = require("../shared/acting");
const cooperation_1 = require("../shared/cooperation");
const dates_1 = require("../shared/dates");
const input_1 = require("../shared/input");
const rotation_errors_1 = require("./rotation.errors");
const rotation_plan_1 = require("./rotation.plan");
const rotation_status_1 = require("./rotation.status");
const initialState = () => ({ status: 'none' });
exports.initialState = initialState;
// ---- evolve -------------------------------------------------------------
const evolve = (state, event) => {
    if (event.type === 'RotationPlanned') {
        const { rotationId, agreementId, owner, items, itinerary } = event.data;
        return {
            status: 'planned', rotationId, agreementId, owner, itinerary,
            itemIds: items.map((item) => item.itemId), missingItemIds: [], legsDispatched: 0,
        };
    }
    // A stray event on an empty stream changes nothing: evolve must never throw.
    if (state.status === 'none')
        return state;
    switch (event.type) {
        case 'RotationBatchDispatched': return { ...state, status: 'in-transit', legsDispatched: event.data.stage + 1 };
        case 'RotationBatchReceived': return { ...state, status: 'at-host' };
        case 'RotationItemsReportedMissing': return { ...state, missingItemIds: [...state.missingItemIds, ...event.data.itemIds] };
        case 'RotationCompleted': return { ...state, status: 'completed' };
        case 'RotationCancelled': return { ...state, status: 'cancelled' };
        default: return state;
    }
};
exports.evolve = evolve;
// ---- where the batch is ---------------------------------------------------
/** The leg in transit, or the one last received. */
const currentLeg = (rotation) => (0, rotation_plan_1.legOf)(rotation.owner, rotation.itinerary, rotation.legsDispatched - 1);
/** The library holding the batch; undefined while it is in transit. */
const holderOf = (rotation) => {
    if (rotation.status === 'in-transit')
        return undefined;
    return rotation.legsDispatched === 0 ? rotation.owner : currentLeg(rotation).to;
};
exports.holderOf = holderOf;
const itemsPresent = (rotation) => rotation.itemIds.length - rotation.missingItemIds.length;
// ---- decide -------------------------------------------------------------
const at = (command) => command.metadata.now.toISOString();
const keysOf = (rotation) => ({
    rotationId: rotation.rotationId,
    agreementId: rotation.agreementId,
    owner: rotation.owner,
});
/** A rotation that exists and is still open: the only kind the later steps may act on. */
const openRotation = (command, state) => {
    if (state.status === 'none')
        throw new rotation_errors_1.RotationNotFound(command.data.rotationId);
    if ((0, rotation_status_1.isClosedRotationStatus)(state.status))
        throw new rotation_errors_1.RotationClosed(state.status);
    return state;
};
/** The acting library, when it holds the batch (which is not in transit). */
const requireHolder = (command, rotation, action) => {
    const library = (0, acting_1.actingLibrary)(command, action);
    const holder = (0, exports.holderOf)(rotation);
    if (holder === undefined)
        throw new rotation_errors_1.BatchInTransit(currentLeg(rotation).to);
    if (library !== holder)
        throw new rotation_errors_1.NotTheHolder(action, holder);
    return holder;
};
const plan = (command, state) => {
    if (state.status !== 'none')
        throw new rotation_errors_1.RotationAlreadyExists(state.rotationId);
    const owner = (0, acting_1.actingLibrary)(command, 'plan a rotation');
    const { rotationId, agreementId, agreement, standings } = command.data;
    (0, input_1.requireText)(rotationId, 'rotationId');
    (0, input_1.requireText)(agreementId, 'agreementId');
    const itinerary = (0, rotation_plan_1.parseItinerary)(command.data.itinerary);
    const parties = [owner, ...new Set(itinerary.map((stop) => stop.host))];
    (0, cooperation_1.assertAgreementCovers)(agreement, agreementId, 'rotations', parties, command.metadata.now);
    (0, cooperation_1.assertPartnersActive)(standings, parties);
    (0, rotation_plan_1.checkItinerary)(owner, itinerary);
    const items = (0, rotation_plan_1.parseItems)(command.data.items);
    return [{ type: 'RotationPlanned', data: { rotationId, agreementId, owner, items, itinerary, plannedAt: at(command) } }];
};
const dispatch = (command, state) => {
    const rotation = openRotation(command, state);
    requireHolder(command, rotation, 'dispatch the batch');
    const stage = rotation.legsDispatched;
    const { from, to } = (0, rotation_plan_1.legOf)(rotation.owner, rotation.itinerary, stage);
    return [{
            type: 'RotationBatchDispatched',
            data: { ...keysOf(rotation), from, to, stage, itemCount: itemsPresent(rotation), dispatchedAt: at(command) },
        }];
};
/** The owner's receipt brings the batch home and completes the rotation in the same append. */
const receive = (command, state) => {
    const rotation = openRotation(command, state);
    const library = (0, acting_1.actingLibrary)(command, 'receive a rotation batch');
    if (rotation.status !== 'in-transit')
        throw new rotation_errors_1.BatchNotInTransit();
    const stage = rotation.legsDispatched - 1;
    const { from, to } = currentLeg(rotation);
    if (library !== to)
        throw new rotation_errors_1.NotTheReceiver(to);
    const receivedAt = at(command);
    const home = stage === rotation.itinerary.length;
    const received = {
        type: 'RotationBatchReceived',
        data: {
            ...keysOf(rotation), host: to, from, stage, itemCount: itemsPresent(rotation), receivedAt,
            ...(home ? {} : { dueBackOn: (0, dates_1.addDays)(command.metadata.now, rotation.itinerary[stage].days) }),
        },
    };
    if (!home)
        return [received];
    return [received, {
            type: 'RotationCompleted',
            data: { ...keysOf(rotation), missingItemIds: rotation.missingItemIds, completedAt: receivedAt },
        }];
};
const reportMissing = (command, state) => {
    const rotation = openRotation(command, state);
    const reportedBy = requireHolder(command, rotation, 'report items of the batch missing');
    const requested = (0, input_1.requireList)(command.data.itemIds, 1, rotation_plan_1.MAX_ROTATION_ITEMS, 'itemIds');
    const itemIds = [...new Set(requested.map((id, index) => (0, input_1.requireText)(id, `itemIds[${index}]`)))];
    const unknown = itemIds.filter((id) => !rotation.itemIds.includes(id));
    if (unknown.length > 0)
        throw new rotation_errors_1.UnknownRotationItems(unknown);
    const already = itemIds.filter((id) => rotation.missingItemIds.includes(id));
    if (already.length > 0)
        throw new rotation_errors_1.ItemsAlreadyReportedMissing(already);
    return [{ type: 'RotationItemsReportedMissing', data: { ...keysOf(rotation), reportedBy, itemIds, reportedAt: at(command) } }];
};
const cancel = (command, state) => {
    const rotation = openRotation(command, state);
    if ((0, acting_1.actingLibrary)(command, 'cancel a rotation') !== rotation.owner)
        throw new rotation_errors_1.NotTheOwner('cancel');
    if (rotation.legsDispatched > 0)
        throw new rotation_errors_1.RotationAlreadyDispatched();
    const reason = (0, input_1.requireText)(command.data.reason, 'reason');
    return [{ type: 'RotationCancelled', data: { ...keysOf(rotation), reason, cancelledAt: at(command) } }];
};
const decide = (command, state) => {
    switch (command.type) {
        case 'PlanRotation': return plan(command, state);
        case 'DispatchRotationBatch': return dispatch(command, state);
        case 'ReceiveRotationBatch': return receive(command, state);
        case 'ReportRotationItemsMissing': return reportMissing(command, state);
        case 'CancelRotation': return cancel(command, state);
        default: {
            const unknown = command;
            throw new Error(`unknown rotation command ${unknown.type}`);
        }
    }
};
exports.decide = decide;
exports.rotationDecider = { decide: exports.decide, evolve: exports.evolve, initialState: exports.initialState };
//# sourceMappingURL=rotation.decider.js.map