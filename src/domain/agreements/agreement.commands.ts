import type { PartnerStanding } from '../shared/cooperation';
import type { AgreementTerms, CooperationForm } from '../shared/cooperation';
import type { Command } from '../shared/decider';
import type { Money } from '../shared/money';

type OnAgreement = { agreementId: string };

/** Subjects (DDC notation, see `subjectCovers`) per member ISIL. */
export type SubjectsInput = Readonly<Record<string, readonly string[]>>;

/** Coordinator only. */
export type EstablishAgreement = Command<'EstablishAgreement', OnAgreement & {
  title: string;
  /** Must be one of `members`. */
  focalPoint: string;
  /** At least two, each once. */
  members: readonly string[];
  /** At least one, each once. */
  forms: readonly CooperationForm[];
  startsOn: string;
  endsOn?: string;
  terms: AgreementTerms;
  /** Only members may have subjects. */
  subjects?: SubjectsInput;
  /** Standing of every member, read by the application: only active partners join an agreement. */
  standings: Readonly<Record<string, PartnerStanding | undefined>>;
}>;
/** Coordinator only. */
export type JoinAgreement = Command<'JoinAgreement', OnAgreement & {
  isil: string;
  subjects?: readonly string[];
  standings: Readonly<Record<string, PartnerStanding | undefined>>;
}>;
/** A coordinator, or a librarian of the withdrawing library. */
export type WithdrawFromAgreement = Command<'WithdrawFromAgreement', OnAgreement & { isil: string; reason?: string }>;

/** Terms to change; `null` removes an optional fee or compensation. */
export type TermsAmendment = Readonly<Partial<Omit<AgreementTerms, 'feePerLoan' | 'lostItemCompensation'>> & {
  feePerLoan?: Money | null;
  lostItemCompensation?: Money | null;
}>;

/**
 * Coordinator only. Parts left out stay as they are. `endsOn: null` makes the
 * agreement open-ended. `subjects` replaces the subjects of the members it
 * names (an empty list clears them) and leaves the others'. `focalPoint` must
 * be a current member.
 */
export type AmendTerms = Command<'AmendTerms', OnAgreement & {
  terms?: TermsAmendment;
  forms?: readonly CooperationForm[];
  endsOn?: string | null;
  subjects?: SubjectsInput;
  focalPoint?: string;
}>;
/**
 * Coordinator only. `terminatedOn` defaults to today and may not be later (to
 * end in future, amend `endsOn`), nor, when earlier, before `startsOn` or
 * after `endsOn`.
 */
export type TerminateAgreement = Command<'TerminateAgreement', OnAgreement & { reason: string; terminatedOn?: string }>;

export type AgreementCommand =
  | EstablishAgreement
  | JoinAgreement
  | WithdrawFromAgreement
  | AmendTerms
  | TerminateAgreement;
