import { assertPartnersActive, fieldsOfList } from '../shared/cooperation';
import { requireCoordinator, requireCoordinatorOrLibrarianOf } from '../shared/acting';
import {
  AgreementNotFound, COOPERATION_FORMS, type AgreementFacts, type AgreementTerms, type CooperationForm,
} from '../shared/cooperation';
import type { Decider } from '../shared/decider';
import { InvalidValue } from '../shared/errors';
import { dayOf } from '../shared/dates';
import { ifGiven, optional, requireCalendarDate, requireList, requireText } from '../shared/input';
import { toIsil, type Isil } from '../shared/isil';
import type {
  AgreementCommand, AmendTerms, EstablishAgreement, JoinAgreement, SubjectsInput, TerminateAgreement, TermsAmendment,
  WithdrawFromAgreement,
} from './agreement.commands';
import {
  AgreementAlreadyExists, AgreementClosed, AgreementEndsBeforeItStarts, AgreementTerminatedAfterItEnded,
  AgreementTerminatedBeforeItStarts, AlreadyAMember, EmptyAmendment, FocalPointCannotWithdraw, FocalPointNotAMember,
  NotACurrentMember, SubjectsForNonMember, TerminationDateInFuture,
} from './agreement.errors';
import type { AgreementEvent, AmendedPart, SubjectsByMember } from './agreement.events';
import { validateSubjects, type Subject } from './agreement.subjects';
import { validateAgreementTerms } from './agreement.terms';

/** The most members one agreement may have (the largest network this ledger is sized for). */
export const MAX_MEMBERS = 10_000;

export type NoAgreement = Readonly<{ status: 'none' }>;

export type ExistingAgreement = Readonly<{
  status: 'established' | 'terminated';
  agreementId: string;
  title: string;
  focalPoint: Isil;
  /** Current members; withdrawn ones are left out. */
  members: readonly Isil[];
  forms: readonly CooperationForm[];
  startsOn: string;
  endsOn?: string;
  terms: AgreementTerms;
  subjects: SubjectsByMember;
  /** Set once terminated. */
  terminatedOn?: string;
  /** Each goal ratio agreed and from when (establishedAt, then each amendment that changed it), oldest first. */
  goalRatios: ReadonlyArray<Readonly<{ since: string; goalRatio: number }>>;
}>;

export type Agreement = NoAgreement | ExistingAgreement;

export const initialState = (): Agreement => ({ status: 'none' });

// ---- evolve -------------------------------------------------------------

const withoutKey = <V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> => {
  const { [key]: _removed, ...rest } = record;
  return rest;
};

export const evolve = (state: Agreement, event: AgreementEvent): Agreement => {
  if (event.type === 'AgreementEstablished') {
    const { establishedAt, ...agreement } = event.data;
    return { status: 'established', ...agreement, goalRatios: [{ since: establishedAt, goalRatio: agreement.terms.goalRatio }] };
  }
  // A stray event on an empty stream changes nothing: evolve must never throw.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'MemberJoined': {
      const { isil, subjects } = event.data;
      return {
        ...state,
        members: [...state.members, isil],
        subjects: subjects.length === 0 ? state.subjects : { ...state.subjects, [isil]: subjects },
      };
    }
    case 'MemberWithdrew': {
      const { isil } = event.data;
      return { ...state, members: state.members.filter((member) => member !== isil), subjects: withoutKey(state.subjects, isil) };
    }
    case 'TermsAmended': {
      const { focalPoint, forms, endsOn, terms, subjects, amendedAt } = event.data;
      const { endsOn: _previous, ...rest } = state;
      const goalRatios = terms.goalRatio === state.terms.goalRatio
        ? state.goalRatios
        : [...state.goalRatios, { since: amendedAt, goalRatio: terms.goalRatio }];
      return { ...rest, focalPoint, forms, ...optional('endsOn', endsOn), terms, subjects, goalRatios };
    }
    case 'AgreementTerminated': return { ...state, status: 'terminated', terminatedOn: event.data.terminatedOn };
    default: return state;
  }
};

/** What other deciders need of an agreement, or null when there is none on this stream. */
export const agreementFacts = (state: Agreement): AgreementFacts | null => {
  if (state.status === 'none') return null;
  const { agreementId, forms, startsOn, endsOn, members, terms, subjects } = state;
  return {
    agreementId, terminated: state.status === 'terminated', forms, startsOn, ...optional('endsOn', endsOn),
    members, terms, subjects,
  };
};

/**
 * The goal ratio a period ending at `end` (an instant, exclusive) is judged
 * against: the one agreed last before that end. An amendment applies from when
 * it was agreed on, so a period already over keeps the goal it had; a period
 * that ends before the agreement was made takes its first goal.
 */
export const goalRatioAt = (agreement: ExistingAgreement, end: string): number => {
  const agreed = agreement.goalRatios.filter(({ since }) => since < end);
  return (agreed.at(-1) ?? agreement.goalRatios[0]!).goalRatio;
};

// ---- input --------------------------------------------------------------

const memberList = (value: readonly string[]): Isil[] => {
  const members = requireList<string>(value, 2, MAX_MEMBERS, 'members').map((member, index) => toIsil(member, `members[${index}]`));
  if (new Set(members).size !== members.length) throw new InvalidValue('members', 'members must name each library once');
  return members;
};

/** Forms each once, in the order of COOPERATION_FORMS, so the same set always reads the same. */
const formList = (value: readonly CooperationForm[]): CooperationForm[] => {
  const forms = requireList<CooperationForm>(value, 1, COOPERATION_FORMS.length, 'forms');
  forms.forEach((form, index) => {
    if (!COOPERATION_FORMS.includes(form)) {
      throw new InvalidValue(`forms[${index}]`, `forms[${index}] must be one of ${COOPERATION_FORMS.join(', ')}`);
    }
  });
  if (new Set(forms).size !== forms.length) throw new InvalidValue('forms', 'forms must name each form once');
  return COOPERATION_FORMS.filter((form) => forms.includes(form));
};

/** Subjects per member as given, empty lists included (they clear a member's subjects on amendment). */
const subjectsOf = (input: SubjectsInput, members: readonly Isil[]): Record<Isil, Subject[]> => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidValue('subjects', 'subjects must map member ISILs to lists of subjects');
  }
  const result: Record<Isil, Subject[]> = {};
  for (const [key, subjects] of Object.entries(input)) {
    const isil = toIsil(key, `subjects.${key}`);
    if (!members.includes(isil)) throw new SubjectsForNonMember(isil);
    if (isil in result) throw new InvalidValue(`subjects.${key}`, `subjects names ${isil} twice`);
    result[isil] = validateSubjects(subjects, `subjects.${isil}`);
  }
  return result;
};

const withoutEmpty = (subjects: Readonly<Record<Isil, readonly Subject[]>>): SubjectsByMember =>
  Object.fromEntries(Object.entries(subjects).filter(([, list]) => list.length > 0));

const endsOnAfterStart = (endsOn: string | undefined, startsOn: string): string | undefined => {
  if (endsOn !== undefined && endsOn < startsOn) throw new AgreementEndsBeforeItStarts(startsOn);
  return endsOn;
};

/**
 * The day an agreement was terminated: not after today (to end it later, amend
 * endsOn) and, when earlier, a day it was in force: not before it started nor
 * after it ended. Today is always a day it may be terminated on, so one that
 * has not started yet can still be called off, and one that has ended closed.
 */
const terminationDay = (given: string | undefined, agreement: ExistingAgreement, today: string): string => {
  const terminatedOn = ifGiven(given, (day) => requireCalendarDate(day, 'terminatedOn')) ?? today;
  if (terminatedOn > today) throw new TerminationDateInFuture(today);
  if (terminatedOn === today) return terminatedOn;
  if (terminatedOn < agreement.startsOn) throw new AgreementTerminatedBeforeItStarts(agreement.startsOn);
  if (agreement.endsOn !== undefined && terminatedOn > agreement.endsOn) throw new AgreementTerminatedAfterItEnded(agreement.endsOn);
  return terminatedOn;
};

const newFocalPoint = (value: string, agreement: ExistingAgreement): Isil => {
  const focalPoint = toIsil(value, 'focalPoint');
  if (!agreement.members.includes(focalPoint)) throw new FocalPointNotAMember(focalPoint);
  return focalPoint;
};

/** The current terms with a patch applied; `null` removes an optional term. */
const amendedTerms = (current: AgreementTerms, patch: TermsAmendment): AgreementTerms => {
  if (typeof patch !== 'object' || patch === null) throw new InvalidValue('terms', 'terms must be an object of the terms to change');
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return validateAgreementTerms(merged as AgreementTerms);
};

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v);

// ---- decide -------------------------------------------------------------

const at = (command: AgreementCommand): string => command.metadata.now.toISOString();

/** An agreement that exists and is not terminated: the only kind most commands may act on. */
const openAgreement = (command: AgreementCommand, state: Agreement): ExistingAgreement => {
  if (state.status === 'none') throw new AgreementNotFound(command.data.agreementId);
  if (state.status === 'terminated') throw new AgreementClosed(state.agreementId, state.terminatedOn ?? '');
  return state;
};

const establish = (command: EstablishAgreement, state: Agreement): AgreementEvent[] => {
  requireCoordinator(command, 'establish an agreement');
  if (state.status !== 'none') throw new AgreementAlreadyExists(state.agreementId);
  const { data } = command;
  requireText(data.agreementId, 'agreementId');
  const title = requireText(data.title, 'title');
  const focalPoint = toIsil(data.focalPoint, 'focalPoint');
  const members = memberList(data.members);
  if (!members.includes(focalPoint)) throw new FocalPointNotAMember(focalPoint);
  assertPartnersActive(data.standings, members, { parties: fieldsOfList(members, (index) => `members[${index}]`) });
  const forms = formList(data.forms);
  const startsOn = requireCalendarDate(data.startsOn, 'startsOn');
  const endsOn = endsOnAfterStart(ifGiven(data.endsOn, (day) => requireCalendarDate(day, 'endsOn')), startsOn);
  const terms = validateAgreementTerms(data.terms);
  const subjects = withoutEmpty(ifGiven(data.subjects, (input) => subjectsOf(input, members)) ?? {});
  return [{
    type: 'AgreementEstablished',
    data: {
      agreementId: data.agreementId, title, focalPoint, members, forms, startsOn, ...optional('endsOn', endsOn),
      terms, subjects, establishedAt: at(command),
    },
  }];
};

const join = (command: JoinAgreement, state: Agreement): AgreementEvent[] => {
  requireCoordinator(command, 'add a member to an agreement');
  const agreement = openAgreement(command, state);
  const isil = toIsil(command.data.isil, 'isil');
  if (agreement.members.includes(isil)) throw new AlreadyAMember(isil);
  assertPartnersActive(command.data.standings, [isil], { parties: { [isil]: 'isil' } });
  if (agreement.members.length >= MAX_MEMBERS) throw new InvalidValue('isil', `an agreement has at most ${MAX_MEMBERS} members`);
  const subjects = validateSubjects(command.data.subjects ?? [], 'subjects');
  return [{ type: 'MemberJoined', data: { agreementId: agreement.agreementId, isil, subjects, joinedAt: at(command) } }];
};

const withdraw = (command: WithdrawFromAgreement, state: Agreement): AgreementEvent[] => {
  const agreement = openAgreement(command, state);
  const isil = toIsil(command.data.isil, 'isil');
  requireCoordinatorOrLibrarianOf(command, isil, 'withdraw it from this agreement');
  if (!agreement.members.includes(isil)) throw new NotACurrentMember(isil);
  if (isil === agreement.focalPoint && agreement.members.length > 1) throw new FocalPointCannotWithdraw(isil);
  const reason = ifGiven(command.data.reason, (text) => requireText(text, 'reason'));
  return [{
    type: 'MemberWithdrew',
    data: { agreementId: agreement.agreementId, isil, ...optional('reason', reason), withdrawnAt: at(command) },
  }];
};

const amend = (command: AmendTerms, state: Agreement): AgreementEvent[] => {
  requireCoordinator(command, 'amend an agreement');
  const agreement = openAgreement(command, state);
  const { data } = command;
  if ([data.terms, data.forms, data.endsOn, data.subjects, data.focalPoint].every((part) => part === undefined)) {
    throw new EmptyAmendment();
  }
  const focalPoint = data.focalPoint === undefined ? agreement.focalPoint : newFocalPoint(data.focalPoint, agreement);
  const forms = data.forms === undefined ? agreement.forms : formList(data.forms);
  const endsOn = data.endsOn === undefined
    ? agreement.endsOn
    : endsOnAfterStart(data.endsOn === null ? undefined : requireCalendarDate(data.endsOn, 'endsOn'), agreement.startsOn);
  const terms = data.terms === undefined ? agreement.terms : amendedTerms(agreement.terms, data.terms);
  const subjects = data.subjects === undefined
    ? agreement.subjects
    : withoutEmpty({ ...agreement.subjects, ...subjectsOf(data.subjects, agreement.members) });

  const after = { terms, forms, endsOn, subjects, focalPoint };
  const changed = (Object.keys(after) as AmendedPart[])
    .filter((part) => canonical(after[part]) !== canonical(agreement[part]));
  if (changed.length === 0) return [];
  return [{
    type: 'TermsAmended',
    data: {
      agreementId: agreement.agreementId, focalPoint, forms, ...optional('endsOn', endsOn), terms, subjects,
      changed, amendedAt: at(command),
    },
  }];
};

const terminate = (command: TerminateAgreement, state: Agreement): AgreementEvent[] => {
  requireCoordinator(command, 'terminate an agreement');
  const agreement = openAgreement(command, state);
  const reason = requireText(command.data.reason, 'reason');
  const terminatedOn = terminationDay(command.data.terminatedOn, agreement, dayOf(command.metadata.now));
  return [{
    type: 'AgreementTerminated',
    data: { agreementId: agreement.agreementId, reason, terminatedOn, terminatedAt: at(command) },
  }];
};

export const decide = (command: AgreementCommand, state: Agreement): AgreementEvent[] => {
  switch (command.type) {
    case 'EstablishAgreement': return establish(command, state);
    case 'JoinAgreement': return join(command, state);
    case 'WithdrawFromAgreement': return withdraw(command, state);
    case 'AmendTerms': return amend(command, state);
    case 'TerminateAgreement': return terminate(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown agreement command ${(unknown as { type: string }).type}`);
    }
  }
};

export const agreementDecider: Decider<Agreement, AgreementCommand, AgreementEvent> = { decide, evolve, initialState };
