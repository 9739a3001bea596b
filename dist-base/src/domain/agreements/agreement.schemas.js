"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.agreementEventSchemas = void 0;
const cooperation_1 = require("../shared/cooperation");
const event_schema_1 = require("../shared/event-schema");
const agreement_events_1 = require("./agreement.events");
const subject = { type: 'string', examples: ['020-029'] };
const forms = (0, event_schema_1.arrayOf)({ enum: [...cooperation_1.COOPERATION_FORMS] });
const terms = (0, event_schema_1.object)({ loanPeriodDays: event_schema_1.count, maxRenewals: event_schema_1.count, goalRatio: { type: 'number', exclusiveMinimum: 0, examples: [1] }, claimHoldDays: event_schema_1.count }, { feePerLoan: event_schema_1.money, lostItemCompensation: event_schema_1.money });
/** Keyed by each member's ISIL. */
const subjects = { type: 'object', propertyNames: event_schema_1.isil, additionalProperties: (0, event_schema_1.arrayOf)(subject), examples: [{ 'ID-JKPNRI': ['020-029'] }] };
exports.agreementEventSchemas = {
    AgreementEstablished: (0, event_schema_1.describe)('Partners signed an agreement: members, forms of cooperation, dates, terms and division of labour.', { agreementId: event_schema_1.id, title: event_schema_1.text, focalPoint: event_schema_1.isil, members: (0, event_schema_1.arrayOf)(event_schema_1.isil), forms, startsOn: event_schema_1.day, terms, subjects, establishedAt: event_schema_1.instant }, { endsOn: event_schema_1.day }),
    MemberJoined: (0, event_schema_1.describe)('A library joined an agreement.', { agreementId: event_schema_1.id, isil: event_schema_1.isil, subjects: (0, event_schema_1.arrayOf)(subject), joinedAt: event_schema_1.instant }),
    MemberWithdrew: (0, event_schema_1.describe)('A member left an agreement; its subjects leave with it.', { agreementId: event_schema_1.id, isil: event_schema_1.isil, withdrawnAt: event_schema_1.instant }, { reason: event_schema_1.text }),
    TermsAmended: (0, event_schema_1.describe)('An agreement was amended; the event carries every amendable part as it now stands.', { agreementId: event_schema_1.id, focalPoint: event_schema_1.isil, forms, terms, subjects, changed: (0, event_schema_1.arrayOf)({ enum: [...agreement_events_1.AMENDABLE] }), amendedAt: event_schema_1.instant }, { endsOn: event_schema_1.day }),
    AgreementTerminated: (0, event_schema_1.describe)('An agreement ended before (or without) its end date.', { agreementId: event_schema_1.id, reason: event_schema_1.text, terminatedOn: event_schema_1.day, terminatedAt: event_schema_1.instant }),
};
//# sourceMappingURL=agreement.schemas.js.map