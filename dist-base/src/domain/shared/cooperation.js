"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.assertPartnersActive = exports.assertAgreementCovers = exports.isInForce = exports.PartnerNotActive = exports.NotAMember = exports.AgreementNotInForce = exports.AgreementDoesNotCover = exports.AgreementNotFound = exports.COOPERATION_FORMS = void 0;
const dates_1 = require("./dates");
const errors_1 = require("./errors");
/** The forms of cooperation an agreement can cover (ARCHITECTURE §1). */
exports.COOPERATION_FORMS = ['loans', 'exchanges', 'rotations', 'acquisitions', 'services'];
class AgreementNotFound extends errors_1.NotFound {
    constructor(agreementId) {
        super('agreement-not-found', `there is no agreement ${agreementId}`);
    }
}
exports.AgreementNotFound = AgreementNotFound;
class AgreementDoesNotCover extends errors_1.DomainError {
    constructor(agreementId, form) {
        super('agreement-does-not-cover', `agreement ${agreementId} does not cover ${form}`);
    }
}
exports.AgreementDoesNotCover = AgreementDoesNotCover;
class AgreementNotInForce extends errors_1.DomainError {
    constructor(agreementId, why) {
        super('agreement-not-in-force', `agreement ${agreementId} ${why}`);
    }
}
exports.AgreementNotInForce = AgreementNotInForce;
class NotAMember extends errors_1.Forbidden {
    constructor(agreementId, isil) {
        super('not-a-member', `${isil} is not a member of agreement ${agreementId}`);
    }
}
exports.NotAMember = NotAMember;
class PartnerNotActive extends errors_1.DomainError {
    constructor(isil, standing) {
        super('partner-not-active', `${isil} is ${standing === 'unregistered' ? 'not a registered partner' : standing} and starts nothing new`);
    }
}
exports.PartnerNotActive = PartnerNotActive;
/** Why an agreement is not in force on `day` (YYYY-MM-DD), or null when it is: not terminated, started, not ended. */
const whyNotInForce = (agreement, day) => {
    if (agreement.terminated)
        return 'has been terminated';
    if (day < agreement.startsOn)
        return `starts on ${agreement.startsOn}`;
    if (agreement.endsOn !== undefined && day > agreement.endsOn)
        return `ended on ${agreement.endsOn}`;
    return null;
};
const isInForce = (agreement, day) => whyNotInForce(agreement, day) === null;
exports.isInForce = isInForce;
/** Refuses an act its agreement does not allow: missing, terminated, not started, ended, wrong form, or a party not a member. */
const assertAgreementCovers = (agreement, agreementId, form, parties, now) => {
    if (agreement === null)
        throw new AgreementNotFound(agreementId);
    const notInForce = whyNotInForce(agreement, (0, dates_1.dayOf)(now));
    if (notInForce !== null)
        throw new AgreementNotInForce(agreementId, notInForce);
    if (!agreement.forms.includes(form))
        throw new AgreementDoesNotCover(agreementId, form);
    for (const party of parties) {
        if (!agreement.members.includes(party))
            throw new NotAMember(agreementId, party);
    }
    return agreement;
};
exports.assertAgreementCovers = assertAgreementCovers;
/** Refuses a new act by or with a partner that is suspended, has left, or was never registered. */
const assertPartnersActive = (standings, parties) => {
    for (const party of parties) {
        const standing = standings[party];
        if (standing !== 'active')
            throw new PartnerNotActive(party, standing ?? 'unregistered');
    }
};
exports.assertPartnersActive = assertPartnersActive;
//# sourceMappingURL=cooperation.js.map