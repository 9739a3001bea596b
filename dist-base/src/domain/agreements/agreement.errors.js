"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EmptyAmendment = exports.TerminationDateInFuture = exports.FocalPointCannotWithdraw = exports.NotACurrentMember = exports.AlreadyAMember = exports.SubjectsForNonMember = exports.AgreementEndsBeforeItStarts = exports.FocalPointNotAMember = exports.AgreementClosed = exports.AgreementAlreadyExists = exports.AgreementNotFound = void 0;
const errors_1 = require("../shared/errors");
var cooperation_1 = require("../shared/cooperation");
Object.defineProperty(exports, "AgreementNotFound", { enumerable: true, get: function () { return cooperation_1.AgreementNotFound; } });
class AgreementAlreadyExists extends errors_1.DomainError {
    constructor(agreementId) {
        super('agreement-already-exists', `An agreement ${agreementId} has already been established; choose a new id.`);
    }
}
exports.AgreementAlreadyExists = AgreementAlreadyExists;
/** A terminated agreement is closed: nothing more is recorded on it. */
class AgreementClosed extends errors_1.DomainError {
    constructor(agreementId, terminatedOn) {
        super('agreement-closed', `Agreement ${agreementId} was terminated on ${terminatedOn}; nothing more can be recorded on it.`);
    }
}
exports.AgreementClosed = AgreementClosed;
class FocalPointNotAMember extends errors_1.DomainError {
    constructor(isil) {
        super('focal-point-not-a-member', `The focal point ${isil} must be a member of the agreement.`, 'invalid', 'focalPoint');
    }
}
exports.FocalPointNotAMember = FocalPointNotAMember;
class AgreementEndsBeforeItStarts extends errors_1.DomainError {
    constructor(startsOn) {
        super('agreement-ends-before-it-starts', `endsOn cannot be before the agreement starts (${startsOn}).`, 'invalid', 'endsOn');
    }
}
exports.AgreementEndsBeforeItStarts = AgreementEndsBeforeItStarts;
class SubjectsForNonMember extends errors_1.DomainError {
    constructor(isil) {
        super('subjects-for-non-member', `${isil} is not a member, so it cannot take on subjects.`, 'invalid', `subjects.${isil}`);
    }
}
exports.SubjectsForNonMember = SubjectsForNonMember;
class AlreadyAMember extends errors_1.DomainError {
    constructor(isil) {
        super('already-a-member', `${isil} is already a member of this agreement.`);
    }
}
exports.AlreadyAMember = AlreadyAMember;
class NotACurrentMember extends errors_1.DomainError {
    constructor(isil) {
        super('not-a-current-member', `${isil} is not a member of this agreement.`);
    }
}
exports.NotACurrentMember = NotACurrentMember;
class FocalPointCannotWithdraw extends errors_1.DomainError {
    constructor(isil) {
        super('focal-point-cannot-withdraw', `${isil} is the focal point and cannot withdraw while other members remain; name another focal point first.`);
    }
}
exports.FocalPointCannotWithdraw = FocalPointCannotWithdraw;
class TerminationDateInFuture extends errors_1.DomainError {
    constructor(today) {
        super('termination-date-in-future', `terminatedOn cannot be after today (${today}); to end the agreement later, amend endsOn.`, 'invalid', 'terminatedOn');
    }
}
exports.TerminationDateInFuture = TerminationDateInFuture;
class EmptyAmendment extends errors_1.DomainError {
    constructor() {
        super('empty-amendment', 'Name at least one of terms, forms, endsOn, subjects or focalPoint to amend.', 'invalid', 'body');
    }
}
exports.EmptyAmendment = EmptyAmendment;
//# sourceMappingURL=agreement.errors.js.map