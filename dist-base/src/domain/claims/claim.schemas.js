"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.claimEventSchemas = void 0;
const event_schema_1 = require("../shared/event-schema");
const claim = (summary, required, optional = {}) => (0, event_schema_1.describe)(summary, { isbn: event_schema_1.isbn13, agreementId: event_schema_1.id, ...required }, optional);
exports.claimEventSchemas = {
    AcquisitionClaimed: claim('A library claimed a title it will buy, so partners do not buy it too.', { claimant: event_schema_1.isil, title: event_schema_1.text, claimedAt: event_schema_1.instant, expiresOn: event_schema_1.day, outsideDivisionOfLabour: { type: 'boolean' } }, { subjects: (0, event_schema_1.arrayOf)(event_schema_1.text), overrideReason: event_schema_1.text, supersedes: event_schema_1.isil }),
    AcquisitionClaimReleased: claim('The claimant gave up its claim.', { claimant: event_schema_1.isil, releasedAt: event_schema_1.instant }, { reason: event_schema_1.text }),
    AcquisitionClaimTransferred: claim('A claim moved to another library, its expiry unchanged.', { from: event_schema_1.isil, to: event_schema_1.isil, transferredAt: event_schema_1.instant, expiresOn: event_schema_1.day }),
    AcquisitionFulfilled: claim('The claimant bought its copy; the title now counts as held by it.', { claimant: event_schema_1.isil, title: event_schema_1.text, fulfilledAt: event_schema_1.instant }),
    AcquisitionClaimExpired: claim('A claim lapsed unfulfilled (recorded by the scheduler).', { claimant: event_schema_1.isil, expiresOn: event_schema_1.day, expiredAt: event_schema_1.instant }),
    AcquisitionClaimFlagged: claim('Another library holds the claimed title (registered at the same moment as the claim): the claim stays, flagged as held elsewhere.', { claimant: event_schema_1.isil, heldBy: (0, event_schema_1.arrayOf)(event_schema_1.isil), flaggedAt: event_schema_1.instant }),
};
//# sourceMappingURL=claim.schemas.js.map