import type { AgreementFacts, PartnerStanding } from '../shared/cooperation';
import type { Command } from '../shared/decider';
import type { RotationItemInput, RotationStopInput } from './rotation.plan';

/**
 * The acting library is always `metadata.actor.library`, never a field of the
 * data, so no library can record an act in another's name.
 */
type OnRotation = { rotationId: string };

/**
 * The owner is the actor's library. `agreement` and `standings` (keyed by
 * upper-case ISIL) are gathered by the application so the decider stays pure.
 */
export type PlanRotation = Command<'PlanRotation', {
  rotationId: string;
  agreementId: string;
  agreement: AgreementFacts | null;
  standings: Readonly<Record<string, PartnerStanding | undefined>>;
  items: readonly RotationItemInput[];
  itinerary: readonly RotationStopInput[];
}>;
/**
 * Sent by the library holding the batch: the owner at the start, then each
 * host in turn. `home` sends it from a host straight home, leaving out the
 * hosts still ahead. Only the rotation's stream names the agreement and
 * where the batch goes next, so the application reads it to gather
 * `agreement` (the rotation's) and `standings` (of the owner and the host the
 * batch goes to); for the leg home it gathers neither and sends `standings` empty.
 */
export type DispatchRotationBatch = Command<'DispatchRotationBatch', OnRotation & {
  home?: boolean;
  agreement: AgreementFacts | null;
  standings: Readonly<Record<string, PartnerStanding | undefined>>;
}>;
/** Sent by the library the batch is on its way to. */
export type ReceiveRotationBatch = Command<'ReceiveRotationBatch', OnRotation>;
export type ReportRotationItemsMissing = Command<'ReportRotationItemsMissing', OnRotation & { itemIds: readonly string[] }>;
export type CancelRotation = Command<'CancelRotation', OnRotation & { reason: string }>;

export type RotationCommand =
  | PlanRotation
  | DispatchRotationBatch
  | ReceiveRotationBatch
  | ReportRotationItemsMissing
  | CancelRotation;
