import type { AgreementTerms, CooperationForm } from '../shared/cooperation';
import type { DomainEvent } from '../shared/decider';
import type { Isil } from '../shared/isil';
import type { Subject } from './agreement.subjects';

/** Division of labour: the subjects each member collects, keyed by upper-case ISIL. Members without subjects have no key. */
export type SubjectsByMember = Readonly<Record<Isil, readonly Subject[]>>;

export type AgreementEstablished = DomainEvent<'AgreementEstablished', {
  agreementId: string;
  title: string;
  focalPoint: Isil;
  members: readonly Isil[];
  forms: readonly CooperationForm[];
  /** YYYY-MM-DD, inclusive. */
  startsOn: string;
  /** YYYY-MM-DD, inclusive; absent for an open-ended agreement. */
  endsOn?: string;
  terms: AgreementTerms;
  subjects: SubjectsByMember;
  establishedAt: string;
}>;
/** `subjects` is empty when the new member takes on none. */
export type MemberJoined = DomainEvent<'MemberJoined', {
  agreementId: string;
  isil: Isil;
  subjects: readonly Subject[];
  joinedAt: string;
}>;
/** The member's subjects leave with it. */
export type MemberWithdrew = DomainEvent<'MemberWithdrew', {
  agreementId: string;
  isil: Isil;
  reason?: string;
  withdrawnAt: string;
}>;

export const AMENDABLE = ['terms', 'forms', 'endsOn', 'subjects', 'focalPoint'] as const;
export type AmendedPart = (typeof AMENDABLE)[number];

/**
 * Carries the whole of what may be amended as it stands after the amendment
 * (not only the changes), so a projection overwrites and never looks up.
 * No `endsOn` means the agreement is now open-ended.
 */
export type TermsAmended = DomainEvent<'TermsAmended', {
  agreementId: string;
  focalPoint: Isil;
  forms: readonly CooperationForm[];
  endsOn?: string;
  terms: AgreementTerms;
  subjects: SubjectsByMember;
  /** Which of the parts above this amendment changed. */
  changed: readonly AmendedPart[];
  amendedAt: string;
}>;
export type AgreementTerminated = DomainEvent<'AgreementTerminated', {
  agreementId: string;
  reason: string;
  /** YYYY-MM-DD, never after the day it was recorded. */
  terminatedOn: string;
  terminatedAt: string;
}>;

export type AgreementEvent =
  | AgreementEstablished
  | MemberJoined
  | MemberWithdrew
  | TermsAmended
  | AgreementTerminated;
