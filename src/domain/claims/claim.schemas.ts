import { arrayOf, day, describe, id, instant, isbn13, isil, text, type EventDescriptions, type JsonSchema } from '../shared/event-schema';
import type { ClaimEvent } from './claim.events';

const claim = (summary: string, required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}) =>
  describe(summary, { isbn: isbn13, agreementId: id, ...required }, optional);

export const claimEventSchemas: EventDescriptions<ClaimEvent['type']> = {
  AcquisitionClaimed: claim(
    'A library claimed a title it will buy, so partners do not buy it too.',
    { claimant: isil, title: text, claimedAt: instant, expiresOn: day, outsideDivisionOfLabour: { type: 'boolean' } },
    { subjects: arrayOf(text), overrideReason: text, supersedes: isil },
  ),
  AcquisitionClaimReleased: claim('The claimant gave up its claim.', { claimant: isil, releasedAt: instant }, { reason: text }),
  AcquisitionClaimTransferred: claim('A claim moved to another library, its expiry unchanged.', { from: isil, to: isil, transferredAt: instant, expiresOn: day }),
  AcquisitionFulfilled: claim('The claimant bought its copy; the title now counts as held by it.', { claimant: isil, title: text, fulfilledAt: instant }),
  AcquisitionClaimExpired: claim('A claim lapsed unfulfilled (recorded by the scheduler).', { claimant: isil, expiresOn: day, expiredAt: instant }),
  AcquisitionClaimFlagged: claim(
    'Another library holds the claimed title (registered at the same moment as the claim): the claim stays, flagged as held elsewhere.',
    { claimant: isil, heldBy: arrayOf(isil), flaggedAt: instant },
  ),
};
