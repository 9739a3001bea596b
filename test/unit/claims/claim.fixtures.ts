import type { Actor, CommandMetadata } from '../../../src/domain/shared/decider';
import type { Isbn13 } from '../../../src/domain/shared/isbn';
import type * as C from '../../../src/domain/claims/claim.commands';
import type * as E from '../../../src/domain/claims/claim.events';
import { BANDUNG, JAKARTA, SURABAYA, agreement, agreementId, standings } from '../shared/agreement.fixtures';

/** Collects Dewey classes 5, 780 and 900-999 under the agreement. */
export const CLAIMANT = JAKARTA;
/** Collects 000-099 and 300. */
export const RIVAL = BANDUNG;
/** Collects nothing under the division of labour. */
export const THIRD = SURABAYA;

export const ISBN = '9780306406157' as Isbn13;
export const ISBN_10 = '0-306-40615-2';
export const title = 'The Physics of Everyday Life';

/** Claimed on 3 March with 90 days' hold: the claim holds through 1 June. */
export const AT = {
  claimed: new Date('2025-03-03T09:00:00.000Z'),
  transferred: new Date('2025-04-10T10:00:00.000Z'),
  released: new Date('2025-04-15T11:00:00.000Z'),
  fulfilled: new Date('2025-05-20T12:00:00.000Z'),
  lastDay: new Date('2025-06-01T23:59:59.999Z'),
  expired: new Date('2025-06-02T00:00:00.000Z'),
  later: new Date('2025-06-10T08:00:00.000Z'),
};
export const EXPIRES_ON = '2025-06-01';

export const keys = { isbn: ISBN, agreementId };

// ---- events ----

export const claimed: E.AcquisitionClaimed = {
  type: 'AcquisitionClaimed',
  data: {
    ...keys, claimant: CLAIMANT, title, subjects: ['530.4'], claimedAt: AT.claimed.toISOString(), expiresOn: EXPIRES_ON,
    outsideDivisionOfLabour: false,
  },
};
export const released: E.AcquisitionClaimReleased = {
  type: 'AcquisitionClaimReleased',
  data: { ...keys, claimant: CLAIMANT, releasedAt: AT.released.toISOString(), reason: 'Budget spent' },
};
export const transferred: E.AcquisitionClaimTransferred = {
  type: 'AcquisitionClaimTransferred',
  data: { ...keys, from: CLAIMANT, to: THIRD, transferredAt: AT.transferred.toISOString(), expiresOn: EXPIRES_ON },
};
export const fulfilled: E.AcquisitionFulfilled = {
  type: 'AcquisitionFulfilled', data: { ...keys, claimant: CLAIMANT, title, fulfilledAt: AT.fulfilled.toISOString() },
};
export const expired: E.AcquisitionClaimExpired = {
  type: 'AcquisitionClaimExpired',
  data: { ...keys, claimant: CLAIMANT, expiresOn: EXPIRES_ON, expiredAt: AT.expired.toISOString() },
};

// ---- commands ----

/** `by` names the acting library; `actor` replaces the actor whole (a coordinator, the scheduler). */
export type As = { by?: string; now?: Date; actor?: Actor };

const metadata = (as: As, by: string, now: Date): CommandMetadata => ({
  now: as.now ?? now,
  actor: as.actor ?? { role: 'librarian', library: as.by ?? by },
});

export const SCHEDULER: Actor = { role: 'system' };

export const claimAcquisition = (as: As = {}, data: Partial<C.ClaimAcquisition['data']> = {}): C.ClaimAcquisition => ({
  type: 'ClaimAcquisition',
  data: {
    isbn: ISBN, agreementId, agreement: agreement(), standings: standings(), title, subjects: ['530.4'], heldBy: [], ...data,
  },
  metadata: metadata(as, CLAIMANT, AT.claimed),
});
export const releaseClaim = (as: As = {}, reason?: string): C.ReleaseAcquisitionClaim => ({
  type: 'ReleaseAcquisitionClaim', data: { isbn: ISBN, ...(reason === undefined ? {} : { reason }) },
  metadata: metadata(as, CLAIMANT, AT.released),
});
export const transferClaim = (as: As = {}, data: Partial<C.TransferAcquisitionClaim['data']> = {}): C.TransferAcquisitionClaim => ({
  type: 'TransferAcquisitionClaim', data: { isbn: ISBN, to: THIRD, agreement: agreement(), standings: standings(), ...data },
  metadata: metadata(as, CLAIMANT, AT.transferred),
});
export const fulfilClaim = (as: As = {}): C.FulfilAcquisitionClaim => ({
  type: 'FulfilAcquisitionClaim', data: { isbn: ISBN }, metadata: metadata(as, CLAIMANT, AT.fulfilled),
});
export const expireClaim = (as: As = {}): C.ExpireAcquisitionClaim => ({
  type: 'ExpireAcquisitionClaim', data: { isbn: ISBN }, metadata: { now: as.now ?? AT.expired, actor: as.actor ?? SCHEDULER },
});
export const flagClaim = (heldBy: readonly string[], as: As = {}): C.FlagClaimHeldElsewhere => ({
  type: 'FlagClaimHeldElsewhere', data: { isbn: ISBN, heldBy }, metadata: { now: as.now ?? AT.transferred, actor: as.actor ?? SCHEDULER },
});
export const flagged = (heldBy: readonly string[], claimant: string = CLAIMANT): E.AcquisitionClaimFlagged => ({
  type: 'AcquisitionClaimFlagged', data: { ...keys, claimant: claimant as E.AcquisitionClaimFlagged['data']['claimant'], heldBy: heldBy as E.AcquisitionClaimFlagged['data']['heldBy'], flaggedAt: AT.transferred.toISOString() },
});
