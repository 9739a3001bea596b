import { dayOf } from './dates';
import { DomainError, Forbidden, NotFound } from './errors';
import type { Isil } from './isil';
import type { Money } from './money';

/** The forms of cooperation an agreement can cover (ARCHITECTURE §1). */
export const COOPERATION_FORMS = ['loans', 'exchanges', 'rotations', 'acquisitions', 'services'] as const;
export type CooperationForm = (typeof COOPERATION_FORMS)[number];

export type PartnerStanding = 'active' | 'suspended' | 'left';

/** What the partners of an agreement agreed. */
export type AgreementTerms = Readonly<{
  loanPeriodDays: number;
  maxRenewals: number;
  feePerLoan?: Money;
  lostItemCompensation?: Money;
  /** The lend:borrow ratio each partner aims for, e.g. 1 for one loan lent per loan borrowed. */
  goalRatio: number;
  /** How long an acquisition claim holds a title before it expires. */
  claimHoldDays: number;
}>;

/**
 * What an act needs to know of the agreement it names, gathered by the
 * application from the agreement's stream and passed in with the command,
 * so deciders stay pure.
 */
export type AgreementFacts = Readonly<{
  agreementId: string;
  terminated: boolean;
  forms: readonly CooperationForm[];
  /** YYYY-MM-DD, inclusive. */
  startsOn: string;
  /** YYYY-MM-DD, inclusive; absent for an open-ended agreement. */
  endsOn?: string;
  /** Current members (ISILs), withdrawn ones left out. */
  members: readonly string[];
  terms: AgreementTerms;
  /** Division of labour: the subjects (e.g. DDC classes) each member collects. */
  subjects: Readonly<Record<string, readonly string[]>>;
}>;

/**
 * What a step under an agreement is decided on beyond its own stream: the
 * agreement and the standing of each party (keyed by ISIL), gathered by the
 * application and passed in with the command.
 */
export type CoverageFacts = Readonly<{
  agreement: AgreementFacts | null;
  standings: Readonly<Record<string, PartnerStanding | undefined>>;
}>;

/** A command as a transport asks for it, before the application has gathered the coverage facts it is decided on. */
export type WithoutCoverageFacts<C> = C extends { type: infer T; data: infer D }
  ? Readonly<{ type: T; data: Omit<D, keyof CoverageFacts> }>
  : never;

export class AgreementNotFound extends NotFound {
  constructor(agreementId: string, field?: string) {
    super('agreement-not-found', `there is no agreement ${agreementId}`, field);
  }
}
export class AgreementDoesNotCover extends DomainError {
  constructor(agreementId: string, form: CooperationForm, field?: string) {
    super('agreement-does-not-cover', `agreement ${agreementId} does not cover ${form}`, 'rule', field);
  }
}
export class AgreementNotInForce extends DomainError {
  /** `field` names the date of an act the agreement did not cover on that day, or the agreement itself. */
  constructor(agreementId: string, why: string, field?: string) {
    super('agreement-not-in-force', `agreement ${agreementId} ${why}`, 'rule', field);
  }
}
export class NotAMember extends Forbidden {
  constructor(agreementId: string, isil: string, field?: string) {
    super('not-a-member', `${isil} is not a member of agreement ${agreementId}`, field);
  }
}
export class PartnerNotActive extends DomainError {
  constructor(isil: string, standing: PartnerStanding | 'unregistered', field?: string) {
    const what = { unregistered: 'is not a registered partner', active: 'is active', suspended: 'is suspended', left: 'has left' }[standing];
    super('partner-not-active', `${isil} ${what} and starts nothing new`, 'rule', field);
  }
}

/** Why an agreement is not in force on `day` (YYYY-MM-DD), or null when it is: not terminated, started, not ended. */
const whyNotInForce = (agreement: AgreementFacts, day: string): string | null => {
  if (agreement.terminated) return 'has been terminated';
  if (day < agreement.startsOn) return `starts on ${agreement.startsOn}`;
  if (agreement.endsOn !== undefined && day > agreement.endsOn) return `ended on ${agreement.endsOn}`;
  return null;
};

export const isInForce = (agreement: AgreementFacts, day: string): boolean => whyNotInForce(agreement, day) === null;

/** The day an act says it took place, when that may be before the day it is recorded, and the field that gives it. */
export type ActDay = Readonly<{ day: string; field: string }>;

/**
 * The fields that name the agreement and each party (by ISIL), for a refusal
 * to name, when the act's input names them.
 */
export type CoverageFields = Readonly<{ agreement?: string; parties?: Readonly<Record<string, string>> }>;

/**
 * Refuses an act its agreement does not allow: missing, terminated, not
 * started, ended, wrong form, or a party not a member. An act dated in the
 * past (`actDay`) needs the agreement in force both today, when it is
 * recorded, and on that day: a service rendered before the agreement started
 * is not one it covers.
 */
export const assertAgreementCovers = (
  agreement: AgreementFacts | null,
  agreementId: string,
  form: CooperationForm,
  parties: readonly Isil[],
  now: Date,
  actDay?: ActDay,
  fields: CoverageFields = {},
): AgreementFacts => {
  if (agreement === null) throw new AgreementNotFound(agreementId, fields.agreement);
  const notInForce = whyNotInForce(agreement, dayOf(now));
  if (notInForce !== null) throw new AgreementNotInForce(agreementId, notInForce, fields.agreement);
  if (actDay !== undefined) {
    const notInForceThen = whyNotInForce(agreement, actDay.day);
    if (notInForceThen !== null) {
      throw new AgreementNotInForce(agreementId, `was not in force on ${actDay.day}: it ${notInForceThen}`, actDay.field);
    }
  }
  if (!agreement.forms.includes(form)) throw new AgreementDoesNotCover(agreementId, form, fields.agreement);
  for (const party of parties) {
    if (!agreement.members.includes(party)) throw new NotAMember(agreementId, party, fields.parties?.[party]);
  }
  return agreement;
};

/** The field of a list that names each ISIL, its first place in the list when it comes more than once (`itinerary[2].host`). */
export const fieldsOfList = (isils: readonly Isil[], field: (index: number) => string): Record<string, string> => {
  const fields: Record<string, string> = {};
  isils.forEach((isil, index) => {
    if (!Object.hasOwn(fields, isil)) fields[isil] = field(index);
  });
  return fields;
};

/** Refuses a new act by or with a partner that is suspended, has left, or was never registered. */
export const assertPartnersActive = (
  standings: Readonly<Record<string, PartnerStanding | undefined>>,
  parties: readonly Isil[],
  fields: CoverageFields = {},
): void => {
  for (const party of parties) {
    const standing = standings[party];
    if (standing !== 'active') throw new PartnerNotActive(party, standing ?? 'unregistered', fields.parties?.[party]);
  }
};

/**
 * Refuses a later step that commits the parties of an act anew (a loan
 * accepted, shipped or renewed; an exchange accepted, or its first side
 * sent; a rotation's leg to a host) when its agreement or its parties no
 * longer allow it, as its start was refused: the agreement must be in force
 * today and cover the form, and every party a member and active. Steps that
 * wind an act down ask none of this.
 */
export const assertStillCovered = (
  facts: CoverageFacts,
  agreementId: string,
  form: CooperationForm,
  parties: readonly Isil[],
  now: Date,
  fields: CoverageFields,
): void => {
  assertAgreementCovers(facts.agreement, agreementId, form, parties, now, undefined, fields);
  assertPartnersActive(facts.standings, parties, fields);
};
