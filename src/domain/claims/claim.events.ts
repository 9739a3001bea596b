import type { DomainEvent } from '../shared/decider';
import type { Isbn13 } from '../shared/isbn';
import type { Isil } from '../shared/isil';

/** Keys every claim event carries: the title and the agreement the claim was made under. */
export type ClaimKeys = Readonly<{ isbn: Isbn13; agreementId: string }>;

type ClaimEventOf<Type extends string, Data extends object> = DomainEvent<Type, ClaimKeys & Data>;

export type AcquisitionClaimed = ClaimEventOf<'AcquisitionClaimed', {
  claimant: Isil;
  title: string;
  /** The title's classes as the claimant gave them. */
  subjects?: readonly string[];
  claimedAt: string;
  /** YYYY-MM-DD: the last day the claim holds. */
  expiresOn: string;
  /** The title's subjects were given and none is one the claimant collects under the agreement. */
  outsideDivisionOfLabour: boolean;
  overrideReason?: string;
  /** The claimant whose active claim this one replaced, by override. */
  supersedes?: Isil;
}>;
export type AcquisitionClaimReleased = ClaimEventOf<'AcquisitionClaimReleased', {
  claimant: Isil;
  releasedAt: string;
  reason?: string;
}>;
/** The claim moves to another library with its expiry unchanged. */
export type AcquisitionClaimTransferred = ClaimEventOf<'AcquisitionClaimTransferred', {
  from: Isil;
  to: Isil;
  transferredAt: string;
  expiresOn: string;
}>;
/** The claimant bought its copy: from now on the title counts as held by it. */
export type AcquisitionFulfilled = ClaimEventOf<'AcquisitionFulfilled', { claimant: Isil; title: string; fulfilledAt: string }>;
export type AcquisitionClaimExpired = ClaimEventOf<'AcquisitionClaimExpired', {
  claimant: Isil;
  expiresOn: string;
  expiredAt: string;
}>;

/**
 * The active claim is on a title other libraries hold (a holdings registration
 * committed beside it): the claimant is told by this flag on its claim, which
 * stays active for it to release, or keep by buying all the same.
 */
export type AcquisitionClaimFlagged = ClaimEventOf<'AcquisitionClaimFlagged', {
  claimant: Isil;
  /** The holders not flagged on this claim before. */
  heldBy: readonly Isil[];
  flaggedAt: string;
}>;

export type ClaimEvent =
  | AcquisitionClaimFlagged
  | AcquisitionClaimed
  | AcquisitionClaimReleased
  | AcquisitionClaimTransferred
  | AcquisitionFulfilled
  | AcquisitionClaimExpired;
