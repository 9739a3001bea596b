import { DomainError, Forbidden, NotFound } from '../shared/errors';
import type { Isil } from '../shared/isil';

export class ClaimNotFound extends NotFound {
  constructor(isbn: string) {
    super('claim-not-found', `No library has claimed the title ${isbn}.`);
  }
}

export class NoActiveClaim extends DomainError {
  constructor(isbn: string) {
    super('no-active-claim', `The title ${isbn} has no active claim.`);
  }
}

export class NotTheClaimant extends Forbidden {
  constructor(action: string, claimant: Isil) {
    super('not-the-claimant', `Only ${claimant}, which holds the claim, can ${action} it.`);
  }
}

/** One active claim per title: the network does not buy the same title twice. Names `isbn`, the field that holds the title. */
export class TitleAlreadyClaimed extends DomainError {
  constructor(
    isbn: string,
    readonly claimant: Isil,
    readonly expiresOn: string,
    byTheActor = false,
  ) {
    super(
      'title-already-claimed',
      byTheActor
        ? `The title ${isbn} is already claimed by ${claimant}, your own library, until ${expiresOn}.`
        : `The title ${isbn} is already claimed by ${claimant} until ${expiresOn}; give an override reason to claim it anyway.`,
      'rule',
      'isbn',
    );
  }
}

/** Names `isbn`, as TitleAlreadyClaimed does. */
export class TitleAlreadyHeld extends DomainError {
  constructor(
    isbn: string,
    readonly holders: readonly Isil[],
  ) {
    super(
      'title-already-held',
      `The title ${isbn} is already held by ${holders.join(', ')}; give an override reason to claim it anyway.`,
      'rule',
      'isbn',
    );
  }
}

export class CannotTransferToSelf extends DomainError {
  constructor() {
    super('cannot-transfer-claim-to-self', 'A claim can only be transferred to another library.');
  }
}

/**
 * The agreement a transfer was checked against is read from the claim's stream
 * before the decision; a claim made anew in between, under another agreement,
 * is not the one those facts are about. Nothing was decided: the code is the
 * one a conflicting write answers, so a retry runs the transfer again.
 */
export class ClaimChangedMeanwhile extends DomainError {
  constructor(isbn: string) {
    super('concurrent-change', `The claim on ${isbn} was made anew while the transfer was being decided; send the transfer again.`);
  }
}

/**
 * Past its last day a claim has lapsed, whether or not the scheduler has
 * recorded its expiry yet: it can no longer be released, transferred or
 * fulfilled, and it counts as lapsed. Names `isbn`, the title it is about.
 */
export class ClaimLapsed extends DomainError {
  constructor(isbn: string, expiresOn: string) {
    super(
      'claim-lapsed',
      `The claim on ${isbn} held until ${expiresOn} and has lapsed; any library can claim the title anew.`,
      'rule',
      'isbn',
    );
  }
}

export class ClaimNotYetDue extends DomainError {
  constructor(expiresOn: string) {
    super('claim-not-yet-due', `This claim holds until ${expiresOn}; it has not expired yet.`);
  }
}

export class NotTheClaimScheduler extends Forbidden {
  constructor() {
    super('not-the-scheduler', 'Claims are expired by the ledger itself, not by a library.');
  }
}
