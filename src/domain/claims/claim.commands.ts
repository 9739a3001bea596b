import type { AgreementFacts, PartnerStanding } from '../shared/cooperation';
import type { Command } from '../shared/decider';

/**
 * The acting library is always `metadata.actor.library`, never a field of the
 * data. Every command names the title by its ISBN (any form; the stream is
 * `claim-{ISBN-13}`).
 */
type OnTitle = { isbn: string };

/**
 * The claimant is the actor's library. The application gathers `agreement`,
 * `standings` (keyed by upper-case ISIL) and `heldBy`: the partners that hold
 * the title in the union catalogue.
 */
export type ClaimAcquisition = Command<'ClaimAcquisition', OnTitle & {
  agreementId: string;
  agreement: AgreementFacts | null;
  standings: Readonly<Record<string, PartnerStanding | undefined>>;
  title: string;
  /** The title's Dewey classes, when known, to check against the division of labour. */
  subjects?: readonly string[];
  /** Why the title is claimed although it is already claimed or held; without it such a claim is refused. */
  overrideReason?: string;
  heldBy: readonly string[];
}>;
export type ReleaseAcquisitionClaim = Command<'ReleaseAcquisitionClaim', OnTitle & { reason?: string }>;
/**
 * `standings` must hold the standing of `to`, and `agreement` the facts of the
 * agreement the claim was made under (named by the claim's own stream).
 */
export type TransferAcquisitionClaim = Command<'TransferAcquisitionClaim', OnTitle & {
  to: string;
  agreement: AgreementFacts | null;
  standings: Readonly<Record<string, PartnerStanding | undefined>>;
}>;
/** The claimant has bought its copy. */
export type FulfilAcquisitionClaim = Command<'FulfilAcquisitionClaim', OnTitle>;
/** Sent by the scheduler (actor role 'system'). */
export type ExpireAcquisitionClaim = Command<'ExpireAcquisitionClaim', OnTitle>;

/**
 * Sent by the service (actor role 'system') when the union catalogue lists the
 * title as held by other libraries: a claim and a holdings registration that
 * raced each other both committed. `heldBy` are the holders found.
 */
export type FlagClaimHeldElsewhere = Command<'FlagClaimHeldElsewhere', OnTitle & { heldBy: readonly string[] }>;

export type ClaimCommand =
  | FlagClaimHeldElsewhere
  | ClaimAcquisition
  | ReleaseAcquisitionClaim
  | TransferAcquisitionClaim
  | FulfilAcquisitionClaim
  | ExpireAcquisitionClaim;
