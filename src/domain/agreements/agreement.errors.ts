import { DomainError } from '../shared/errors';

export { AgreementNotFound } from '../shared/cooperation';

export class AgreementAlreadyExists extends DomainError {
  constructor(agreementId: string) {
    super('agreement-already-exists', `An agreement ${agreementId} has already been established; choose a new id.`);
  }
}

/** A terminated agreement is closed: nothing more is recorded on it. */
export class AgreementClosed extends DomainError {
  constructor(agreementId: string, terminatedOn: string) {
    super('agreement-closed', `Agreement ${agreementId} was terminated on ${terminatedOn}; nothing more can be recorded on it.`);
  }
}

export class FocalPointNotAMember extends DomainError {
  constructor(isil: string) {
    super('focal-point-not-a-member', `The focal point ${isil} must be a member of the agreement.`, 'invalid', 'focalPoint');
  }
}

export class AgreementEndsBeforeItStarts extends DomainError {
  constructor(startsOn: string) {
    super('agreement-ends-before-it-starts', `endsOn cannot be before the agreement starts (${startsOn}).`, 'invalid', 'endsOn');
  }
}

export class SubjectsForNonMember extends DomainError {
  constructor(isil: string) {
    super('subjects-for-non-member', `${isil} is not a member, so it cannot take on subjects.`, 'invalid', `subjects.${isil}`);
  }
}

export class AlreadyAMember extends DomainError {
  constructor(isil: string) {
    super('already-a-member', `${isil} is already a member of this agreement.`);
  }
}

export class NotACurrentMember extends DomainError {
  constructor(isil: string) {
    super('not-a-current-member', `${isil} is not a member of this agreement.`);
  }
}

export class FocalPointCannotWithdraw extends DomainError {
  constructor(isil: string) {
    super('focal-point-cannot-withdraw', `${isil} is the focal point and cannot withdraw while other members remain; name another focal point first.`);
  }
}

export class TerminationDateInFuture extends DomainError {
  constructor(today: string) {
    super('termination-date-in-future', `terminatedOn cannot be after today (${today}); to end the agreement later, amend endsOn.`, 'invalid', 'terminatedOn');
  }
}

/**
 * A termination dated in the past is a day the agreement was in force: never
 * before it started. One not started yet is terminated today.
 */
export class AgreementTerminatedBeforeItStarts extends DomainError {
  constructor(startsOn: string) {
    super(
      'agreement-terminated-before-it-starts',
      `terminatedOn cannot be before the agreement starts (${startsOn}); an agreement not started yet is terminated today.`,
      'invalid',
      'terminatedOn',
    );
  }
}

/** Nor after it ended: by then there was nothing left to terminate. One already ended is closed today. */
export class AgreementTerminatedAfterItEnded extends DomainError {
  constructor(endsOn: string) {
    super(
      'agreement-terminated-after-it-ended',
      `terminatedOn cannot be after the agreement ended (${endsOn}); an agreement already ended is terminated today.`,
      'invalid',
      'terminatedOn',
    );
  }
}

export class EmptyAmendment extends DomainError {
  constructor() {
    super('empty-amendment', 'Name at least one of terms, forms, endsOn, subjects or focalPoint to amend.', 'invalid', 'body');
  }
}
