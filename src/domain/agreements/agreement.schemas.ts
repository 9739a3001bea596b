import { COOPERATION_FORMS } from '../shared/cooperation';
import { arrayOf, count, day, describe, id, instant, isil, money, object, text, type EventDescriptions } from '../shared/event-schema';
import { AMENDABLE, type AgreementEvent } from './agreement.events';

const subject = { type: 'string', examples: ['020-029'] };
const forms = arrayOf({ enum: [...COOPERATION_FORMS] });
const terms = object(
  { loanPeriodDays: count, maxRenewals: count, goalRatio: { type: 'number', exclusiveMinimum: 0, examples: [1] }, claimHoldDays: count },
  { feePerLoan: money, lostItemCompensation: money },
);
/** Keyed by each member's ISIL. */
const subjects = { type: 'object', propertyNames: isil, additionalProperties: arrayOf(subject), examples: [{ 'ID-JKPNRI': ['020-029'] }] };

export const agreementEventSchemas: EventDescriptions<AgreementEvent['type']> = {
  AgreementEstablished: describe(
    'Partners signed an agreement: members, forms of cooperation, dates, terms and division of labour.',
    { agreementId: id, title: text, focalPoint: isil, members: arrayOf(isil), forms, startsOn: day, terms, subjects, establishedAt: instant },
    { endsOn: day },
  ),
  MemberJoined: describe('A library joined an agreement.', { agreementId: id, isil, subjects: arrayOf(subject), joinedAt: instant }),
  MemberWithdrew: describe('A member left an agreement; its subjects leave with it.', { agreementId: id, isil, withdrawnAt: instant }, { reason: text }),
  TermsAmended: describe(
    'An agreement was amended; the event carries every amendable part as it now stands.',
    { agreementId: id, focalPoint: isil, forms, terms, subjects, changed: arrayOf({ enum: [...AMENDABLE] }), amendedAt: instant },
    { endsOn: day },
  ),
  AgreementTerminated: describe('An agreement ended before (or without) its end date.', { agreementId: id, reason: text, terminatedOn: day, terminatedAt: instant }),
};
