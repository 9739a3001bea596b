import { DomainError, NotFound } from '../shared/errors';

export class PartnerNotFound extends NotFound {
  constructor(isil: string, field?: string) {
    super('partner-not-found', `${isil} is not a registered partner.`, field);
  }
}

export class PartnerAlreadyRegistered extends DomainError {
  constructor(isil: string) {
    super('partner-already-registered', `${isil} is already registered; a partner is registered once.`);
  }
}

export class PartnerAlreadySuspended extends DomainError {
  constructor(isil: string) {
    super('partner-already-suspended', `${isil} is already suspended.`);
  }
}

export class PartnerNotSuspended extends DomainError {
  constructor(isil: string) {
    super('partner-not-suspended', `${isil} is not suspended, so there is nothing to reinstate.`);
  }
}

/** A partner that has left is closed: nothing more is recorded on its stream. */
export class PartnerHasLeft extends DomainError {
  constructor(isil: string) {
    super('partner-has-left', `${isil} has left the network; nothing more can be recorded for it.`);
  }
}

export class EmptyProfileUpdate extends DomainError {
  constructor() {
    super('empty-profile-update', 'Name at least one field of the profile to change.', 'invalid', 'body');
  }
}
