"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NotTheClaimScheduler = exports.ClaimNotYetDue = exports.ClaimLapsed = exports.CannotTransferToSelf = exports.TitleAlreadyHeld = exports.TitleAlreadyClaimed = exports.NotTheClaimant = exports.NoActiveClaim = exports.ClaimNotFound = void 0;
const errors_1 = require("../shared/errors");
class ClaimNotFound extends errors_1.NotFound {
    constructor(isbn) {
        super('claim-not-found', `No library has claimed the title ${isbn}.`);
    }
}
exports.ClaimNotFound = ClaimNotFound;
class NoActiveClaim extends errors_1.DomainError {
    constructor(isbn) {
        super('no-active-claim', `The title ${isbn} has no active claim.`);
    }
}
exports.NoActiveClaim = NoActiveClaim;
class NotTheClaimant extends errors_1.Forbidden {
    constructor(action, claimant) {
        super('not-the-claimant', `Only ${claimant}, which holds the claim, can ${action} it.`);
    }
}
exports.NotTheClaimant = NotTheClaimant;
/** One active claim per title: the network does not buy the same title twice. */
class TitleAlreadyClaimed extends errors_1.DomainError {
    claimant;
    expiresOn;
    constructor(isbn, claimant, expiresOn, byTheActor = false) {
        super('title-already-claimed', byTheActor
            ? `The title ${isbn} is already claimed by ${claimant}, your own library, until ${expiresOn}.`
            : `The title ${isbn} is already claimed by ${claimant} until ${expiresOn}; give an override reason to claim it anyway.`);
        this.claimant = claimant;
        this.expiresOn = expiresOn;
    }
}
exports.TitleAlreadyClaimed = TitleAlreadyClaimed;
class TitleAlreadyHeld extends errors_1.DomainError {
    holders;
    constructor(isbn, holders) {
        super('title-already-held', `The title ${isbn} is already held by ${holders.join(', ')}; give an override reason to claim it anyway.`);
        this.holders = holders;
    }
}
exports.TitleAlreadyHeld = TitleAlreadyHeld;
class CannotTransferToSelf extends errors_1.DomainError {
    constructor() {
        super('cannot-transfer-claim-to-self', 'A claim can only be transferred to another library.');
    }
}
exports.CannotTransferToSelf = CannotTransferToSelf;
class ClaimLapsed extends errors_1.DomainError {
    constructor(expiresOn) {
        super('claim-lapsed', `This claim held until ${expiresOn} and has lapsed; the other library can claim the title anew.`);
    }
}
exports.ClaimLapsed = ClaimLapsed;
class ClaimNotYetDue extends errors_1.DomainError {
    constructor(expiresOn) {
        super('claim-not-yet-due', `This claim holds until ${expiresOn}; it has not expired yet.`);
    }
}
exports.ClaimNotYetDue = ClaimNotYetDue;
class NotTheClaimScheduler extends errors_1.Forbidden {
    constructor() {
        super('not-the-scheduler', 'Claims are expired by the ledger itself, not by a library.');
    }
}
exports.NotTheClaimScheduler = NotTheClaimScheduler;
//# sourceMappingURL=claim.errors.js.map