"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rotationEventSchemas = void 0;
const event_schema_1 = require("../shared/event-schema");
const item = (0, event_schema_1.object)({ itemId: event_schema_1.id, title: event_schema_1.text }, { isbn: event_schema_1.isbn13 });
const stop = (0, event_schema_1.object)({ host: event_schema_1.isil, days: event_schema_1.count });
const rotation = (summary, required, optional = {}) => (0, event_schema_1.describe)(summary, { rotationId: event_schema_1.id, agreementId: event_schema_1.id, owner: event_schema_1.isil, ...required }, optional);
exports.rotationEventSchemas = {
    RotationPlanned: rotation('An owner planned a batch of items to travel through an itinerary of hosts and back.', { items: (0, event_schema_1.arrayOf)(item), itinerary: (0, event_schema_1.arrayOf)(stop), plannedAt: event_schema_1.instant }),
    RotationBatchDispatched: rotation('The batch left one library for the next (stage 0 leaves the owner).', { from: event_schema_1.isil, to: event_schema_1.isil, stage: event_schema_1.count, itemCount: event_schema_1.count, dispatchedAt: event_schema_1.instant }),
    RotationBatchReceived: rotation('A host (or, on the last leg, the owner) received the batch; the ledger posts its items to the host.', { host: event_schema_1.isil, from: event_schema_1.isil, stage: event_schema_1.count, itemCount: event_schema_1.count, receivedAt: event_schema_1.instant }, { dueBackOn: event_schema_1.day }),
    RotationItemsReportedMissing: rotation('The holder reported items of the batch missing; it answers for them.', { reportedBy: event_schema_1.isil, itemIds: (0, event_schema_1.arrayOf)(event_schema_1.id), reportedAt: event_schema_1.instant }),
    RotationCompleted: rotation('The batch came home to its owner.', { missingItemIds: (0, event_schema_1.arrayOf)(event_schema_1.id), completedAt: event_schema_1.instant }),
    RotationCancelled: rotation('The rotation was cancelled.', { reason: event_schema_1.text, cancelledAt: event_schema_1.instant }),
};
//# sourceMappingURL=rotation.schemas.js.map