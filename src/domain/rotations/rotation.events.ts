import type { DomainEvent } from '../shared/decider';
import type { Isil } from '../shared/isil';
import type { RotationItem, RotationStop } from './rotation.plan';

/** Keys every rotation event carries. */
export type RotationKeys = Readonly<{
  rotationId: string;
  agreementId: string;
  owner: Isil;
}>;

type RotationEventOf<Type extends string, Data extends object> = DomainEvent<Type, RotationKeys & Data>;

export type RotationPlanned = RotationEventOf<'RotationPlanned', {
  items: readonly RotationItem[];
  itinerary: readonly RotationStop[];
  plannedAt: string;
}>;
/**
 * `stage` is the 0-based leg: 0 is owner → first host, `itinerary.length` is
 * the leg home, from the last host or, sent home early, from the host holding the batch.
 */
export type RotationBatchDispatched = RotationEventOf<'RotationBatchDispatched', {
  from: Isil;
  to: Isil;
  stage: number;
  /** Items still in the batch (those reported missing left out). */
  itemCount: number;
  dispatchedAt: string;
}>;
/**
 * `host` is the receiving library; on the last leg it is the owner itself and
 * `dueBackOn` is absent. The ledger posts `itemCount` rotation-items from owner
 * (+) to host (−) when host ≠ owner.
 */
export type RotationBatchReceived = RotationEventOf<'RotationBatchReceived', {
  host: Isil;
  from: Isil;
  stage: number;
  itemCount: number;
  receivedAt: string;
  /** YYYY-MM-DD: the day the host should send the batch on (received + its days). */
  dueBackOn?: string;
}>;
/** The holder answers for the items it reports missing. */
export type RotationItemsReportedMissing = RotationEventOf<'RotationItemsReportedMissing', {
  reportedBy: Isil;
  itemIds: readonly string[];
  reportedAt: string;
}>;
/** Recorded with the owner's receipt of the batch, in the same append. */
export type RotationCompleted = RotationEventOf<'RotationCompleted', {
  missingItemIds: readonly string[];
  completedAt: string;
}>;
export type RotationCancelled = RotationEventOf<'RotationCancelled', { reason: string; cancelledAt: string }>;

export type RotationEvent =
  | RotationPlanned
  | RotationBatchDispatched
  | RotationBatchReceived
  | RotationItemsReportedMissing
  | RotationCompleted
  | RotationCancelled;
