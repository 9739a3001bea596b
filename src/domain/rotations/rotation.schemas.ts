import { arrayOf, count, day, describe, id, instant, isbn13, isil, object, text, type EventDescriptions, type JsonSchema } from '../shared/event-schema';
import type { RotationEvent } from './rotation.events';

const item = object({ itemId: id, title: text }, { isbn: isbn13 });
const stop = object({ host: isil, days: count });

const rotation = (summary: string, required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}) =>
  describe(summary, { rotationId: id, agreementId: id, owner: isil, ...required }, optional);

export const rotationEventSchemas: EventDescriptions<RotationEvent['type']> = {
  RotationPlanned: rotation('An owner planned a batch of items to travel through an itinerary of hosts and back.', { items: arrayOf(item), itinerary: arrayOf(stop), plannedAt: instant }),
  RotationBatchDispatched: rotation('The batch left one library for the next (stage 0 leaves the owner; the last stage brings it home, from a host sending it home early too).', { from: isil, to: isil, stage: count, itemCount: count, dispatchedAt: instant }),
  RotationBatchReceived: rotation(
    'A host (or, on the last leg, the owner) received the batch; the ledger posts its items to the host.',
    { host: isil, from: isil, stage: count, itemCount: count, receivedAt: instant },
    { dueBackOn: day },
  ),
  RotationItemsReportedMissing: rotation('The holder reported items of the batch missing; it answers for them.', { reportedBy: isil, itemIds: arrayOf(id), reportedAt: instant }),
  RotationCompleted: rotation('The batch came home to its owner.', { missingItemIds: arrayOf(id), completedAt: instant }),
  RotationCancelled: rotation('The rotation was cancelled.', { reason: text, cancelledAt: instant }),
};
