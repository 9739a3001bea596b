"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EmptyProfileUpdate = exports.PartnerHasLeft = exports.PartnerNotSuspended = exports.PartnerAlreadySuspended = exports.PartnerAlreadyRegistered = exports.PartnerNotFound = void 0;
const errors_1 = require("../shared/errors");
class PartnerNotFound extends errors_1.NotFound {
    constructor(isil) {
        super('partner-not-found', `${isil} is not a registered partner.`);
    }
}
exports.PartnerNotFound = PartnerNotFound;
class PartnerAlreadyRegistered extends errors_1.DomainError {
    constructor(isil) {
        super('partner-already-registered', `${isil} is already registered; a partner is registered once.`);
    }
}
exports.PartnerAlreadyRegistered = PartnerAlreadyRegistered;
class PartnerAlreadySuspended extends errors_1.DomainError {
    constructor(isil) {
        super('partner-already-suspended', `${isil} is already suspended.`);
    }
}
exports.PartnerAlreadySuspended = PartnerAlreadySuspended;
class PartnerNotSuspended extends errors_1.DomainError {
    constructor(isil) {
        super('partner-not-suspended', `${isil} is not suspended, so there is nothing to reinstate.`);
    }
}
exports.PartnerNotSuspended = PartnerNotSuspended;
/** A partner that has left is closed: nothing more is recorded on its stream. */
class PartnerHasLeft extends errors_1.DomainError {
    constructor(isil) {
        super('partner-has-left', `${isil} has left the network; nothing more can be recorded for it.`);
    }
}
exports.PartnerHasLeft = PartnerHasLeft;
class EmptyProfileUpdate extends errors_1.DomainError {
    constructor() {
        super('empty-profile-update', 'Name at least one field of the profile to change.', 'invalid', 'body');
    }
}
exports.EmptyProfileUpdate = EmptyProfileUpdate;
//# sourceMappingURL=partner.errors.js.map