import { DomainError, Forbidden, NotFound } from '../shared/errors';
import { STATUS_IN_WORDS, type RotationStatus } from './rotation.status';

export class RotationNotFound extends NotFound {
  constructor(rotationId: string) {
    super('rotation-not-found', `No rotation ${rotationId} has been planned.`);
  }
}

export class RotationAlreadyExists extends DomainError {
  constructor(rotationId: string) {
    super('rotation-already-exists', `A rotation ${rotationId} has already been planned; choose a new rotation id.`);
  }
}

export class NotTheOwner extends Forbidden {
  constructor(action: string) {
    super('not-the-owner', `Only the library that owns the batch can ${action} this rotation.`);
  }
}

/** The library that holds the batch answers for it, so only it may send it on or report items missing. */
export class NotTheHolder extends Forbidden {
  constructor(action: string, holder: string) {
    super('not-the-holder', `Only ${holder}, which holds the batch now, can ${action}.`);
  }
}

export class NotTheReceiver extends Forbidden {
  constructor(receiver: string) {
    super('not-the-receiver', `The batch is on its way to ${receiver}; only it can receive the batch.`);
  }
}

export class OwnerCannotHost extends DomainError {
  constructor(index: number) {
    super('owner-cannot-host', 'The owner cannot be a host of its own rotation.', 'invalid', `itinerary[${index}].host`);
  }
}

export class HostRepeatedInARow extends DomainError {
  constructor(index: number, host: string) {
    super('host-repeated-in-a-row', `${host} cannot host the batch twice in a row.`, 'invalid', `itinerary[${index}].host`);
  }
}

export class DuplicateRotationItem extends DomainError {
  constructor(index: number, itemId: string) {
    super('duplicate-rotation-item', `Item ${itemId} is listed more than once.`, 'invalid', `items[${index}].itemId`);
  }
}

export class UnknownRotationItems extends DomainError {
  constructor(itemIds: readonly string[]) {
    super('unknown-rotation-items', `Not in this batch: ${itemIds.join(', ')}.`, 'invalid', 'itemIds');
  }
}

export class ItemsAlreadyReportedMissing extends DomainError {
  constructor(itemIds: readonly string[]) {
    super('items-already-reported-missing', `Already reported missing: ${itemIds.join(', ')}.`);
  }
}

export class BatchInTransit extends DomainError {
  constructor(to: string) {
    super('batch-in-transit', `The batch is on its way to ${to}; it must be received first.`);
  }
}

/** Sending home a batch that has not left home: the owner cancels the rotation instead. */
export class BatchWithOwner extends DomainError {
  constructor() {
    super('batch-with-owner', 'The batch has not left its owner, so it cannot be sent home; the owner may cancel the rotation instead.', 'rule', 'home');
  }
}

export class BatchNotInTransit extends DomainError {
  constructor() {
    super('batch-not-in-transit', 'The batch has not been dispatched, so there is nothing to receive.');
  }
}

export class RotationAlreadyDispatched extends DomainError {
  constructor() {
    super('rotation-already-dispatched', 'The batch has already left its owner, so the rotation can no longer be cancelled.');
  }
}

export class RotationClosed extends DomainError {
  constructor(status: RotationStatus) {
    super('rotation-closed', `This rotation is closed (${STATUS_IN_WORDS[status]}); nothing more can be recorded on it.`);
  }
}

/** The facts gathered for one leg arrived after the batch had moved on to another: the dispatch is sent again. */
export class RotationChangedMeanwhile extends DomainError {
  constructor() {
    super('concurrent-change', 'The batch moved on while the dispatch was being decided; send the dispatch again.');
  }
}
