import { claimsProjection } from '../../../src/application/claims/claims.projection';
import { projectionSpec } from '../../support/decider-spec';
import { agreementId } from '../shared/agreement.fixtures';
import { AT, CLAIMANT, EXPIRES_ON, ISBN, RIVAL, THIRD, claimed, expired, flagged, fulfilled, released, title, transferred } from './claim.fixtures';

const given = projectionSpec(claimsProjection);

const claimedAt = AT.claimed.toISOString();
const claimedEntry = { type: 'AcquisitionClaimed' as const, at: claimedAt, claimant: CLAIMANT, agreementId, expiresOn: EXPIRES_ON };

describe('the acquisition claims read model', () => {
  it('holds an active claim on the title, keyed by its ISBN-13', () =>
    given([claimed]).then({
      [ISBN]: {
        isbn: ISBN, title, subjects: ['530.4'], status: 'active', claimant: CLAIMANT, agreementId, claimedAt, expiresOn: EXPIRES_ON,
        outsideDivisionOfLabour: false, fulfilledBy: [], heldElsewhere: [],
        history: [claimedEntry],
        version: 1, position: '1', updatedAt: claimedAt,
      },
    }));

  it('moves a transferred claim to its new claimant and records who bought the title', () =>
    given([claimed, transferred, fulfilled]).then({
      [ISBN]: {
        isbn: ISBN, title, subjects: ['530.4'], status: 'fulfilled', claimant: THIRD, agreementId, claimedAt, expiresOn: EXPIRES_ON,
        outsideDivisionOfLabour: false, fulfilledBy: [CLAIMANT], heldElsewhere: [],
        history: [
          claimedEntry,
          { type: 'AcquisitionClaimTransferred', at: AT.transferred.toISOString(), from: CLAIMANT, to: THIRD },
          { type: 'AcquisitionFulfilled', at: AT.fulfilled.toISOString(), claimant: CLAIMANT },
        ],
        version: 3, position: '3', updatedAt: AT.fulfilled.toISOString(),
      },
    }));

  it('lists the holders flagged on the claim, as they were found', () =>
    given([claimed, flagged([RIVAL]), flagged([THIRD])]).thenMatch({
      [ISBN]: { status: 'active', heldElsewhere: [RIVAL, THIRD], history: [claimedEntry, { type: 'AcquisitionClaimFlagged' }, { type: 'AcquisitionClaimFlagged' }] },
    }));

  it('shows a released or expired claim as such, with why and when', () => {
    given([claimed, released]).thenMatch({
      [ISBN]: { status: 'released', history: [claimedEntry, { type: 'AcquisitionClaimReleased', at: AT.released.toISOString(), claimant: CLAIMANT, reason: 'Budget spent' }] },
    });
    given([claimed, expired]).thenMatch({
      [ISBN]: { status: 'expired', history: [claimedEntry, { type: 'AcquisitionClaimExpired', at: AT.expired.toISOString(), claimant: CLAIMANT, expiresOn: EXPIRES_ON }] },
    });
  });

  it('makes no document of a step on a title never claimed', () => given([released]).then({}));
});
