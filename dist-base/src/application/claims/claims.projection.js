"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.claimsProjection = exports.CLAIM_STATUSES = exports.CLAIMS_PROJECTION = void 0;
const input_1 = require("../../domain/shared/input");
/** Read-model names are plain identifiers (they name SQL tables), hence the underscore. */
exports.CLAIMS_PROJECTION = 'acquisition_claims';
exports.CLAIM_STATUSES = ['active', 'released', 'expired', 'fulfilled'];
const CLAIM_EVENTS = new Set([
    'AcquisitionClaimed', 'AcquisitionClaimReleased', 'AcquisitionClaimTransferred', 'AcquisitionFulfilled', 'AcquisitionClaimExpired',
    'AcquisitionClaimFlagged',
]);
/** The latest claim's fields after the event, and the history entry it adds; null for an event before any claim. */
const apply = (view, event) => {
    if (event.type === 'AcquisitionClaimed') {
        const { isbn, title, subjects, claimant, agreementId, claimedAt, expiresOn, outsideDivisionOfLabour, overrideReason, supersedes } = event.data;
        return {
            fields: {
                isbn, title, ...(0, input_1.optional)('subjects', subjects), status: 'active', claimant, agreementId, claimedAt, expiresOn,
                outsideDivisionOfLabour, ...(0, input_1.optional)('overrideReason', overrideReason), ...(0, input_1.optional)('supersedes', supersedes),
                fulfilledBy: view?.fulfilledBy ?? [],
                heldElsewhere: [],
            },
            entry: { type: event.type, at: claimedAt, claimant, agreementId, expiresOn, ...(0, input_1.optional)('reason', overrideReason) },
        };
    }
    if (view === null)
        return null;
    const { history: _h, version: _v, position: _p, updatedAt: _u, ...current } = view;
    switch (event.type) {
        case 'AcquisitionClaimFlagged':
            return {
                fields: { ...current, heldElsewhere: [...current.heldElsewhere, ...event.data.heldBy] },
                entry: { type: event.type, at: event.data.flaggedAt, claimant: event.data.claimant },
            };
        case 'AcquisitionClaimReleased':
            return {
                fields: { ...current, status: 'released' },
                entry: { type: event.type, at: event.data.releasedAt, claimant: event.data.claimant, ...(0, input_1.optional)('reason', event.data.reason) },
            };
        case 'AcquisitionClaimTransferred':
            return {
                fields: { ...current, claimant: event.data.to },
                entry: { type: event.type, at: event.data.transferredAt, from: event.data.from, to: event.data.to },
            };
        case 'AcquisitionFulfilled':
            return {
                fields: { ...current, status: 'fulfilled', fulfilledBy: [...current.fulfilledBy, event.data.claimant] },
                entry: { type: event.type, at: event.data.fulfilledAt, claimant: event.data.claimant },
            };
        case 'AcquisitionClaimExpired':
            return {
                fields: { ...current, status: 'expired' },
                entry: { type: event.type, at: event.data.expiredAt, claimant: event.data.claimant, expiresOn: event.data.expiresOn },
            };
        default:
            return null;
    }
};
/** The scheduler finds the claims to expire here: status 'active' with `expiresOn` in the past. */
exports.claimsProjection = {
    name: exports.CLAIMS_PROJECTION,
    // 2: heldElsewhere on every document.
    version: 2,
    handles: CLAIM_EVENTS,
    indexed: ['claimant', 'status', 'agreementId', 'outsideDivisionOfLabour'],
    keyOf: (event) => event.data.isbn,
    evolve: (view, event) => {
        const applied = apply(view, event);
        if (applied === null)
            return view;
        return {
            ...applied.fields,
            history: [...(view?.history ?? []), applied.entry],
            version: event.streamVersion,
            position: event.position,
            updatedAt: event.metadata.recordedAt,
        };
    },
};
//# sourceMappingURL=claims.projection.js.map