"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RotationClosed = exports.RotationAlreadyDispatched = exports.BatchNotInTransit = exports.BatchInTransit = exports.ItemsAlreadyReportedMissing = exports.UnknownRotationItems = exports.DuplicateRotationItem = exports.HostRepeatedInARow = exports.OwnerCannotHost = exports.NotTheReceiver = exports.NotTheHolder = exports.NotTheOwner = exports.RotationAlreadyExists = exports.RotationNotFound = void 0;
const errors_1 = require("../shared/errors");
const rotation_status_1 = require("./rotation.status");
class RotationNotFound extends errors_1.NotFound {
    constructor(rotationId) {
        super('rotation-not-found', `No rotation ${rotationId} has been planned.`);
    }
}
exports.RotationNotFound = RotationNotFound;
class RotationAlreadyExists extends errors_1.DomainError {
    constructor(rotationId) {
        super('rotation-already-exists', `A rotation ${rotationId} has already been planned; choose a new rotation id.`);
    }
}
exports.RotationAlreadyExists = RotationAlreadyExists;
class NotTheOwner extends errors_1.Forbidden {
    constructor(action) {
        super('not-the-owner', `Only the library that owns the batch can ${action} this rotation.`);
    }
}
exports.NotTheOwner = NotTheOwner;
/** The library that holds the batch answers for it, so only it may send it on or report items missing. */
class NotTheHolder extends errors_1.Forbidden {
    constructor(action, holder) {
        super('not-the-holder', `Only ${holder}, which holds the batch now, can ${action}.`);
    }
}
exports.NotTheHolder = NotTheHolder;
class NotTheReceiver extends errors_1.Forbidden {
    constructor(receiver) {
        super('not-the-receiver', `The batch is on its way to ${receiver}; only it can receive the batch.`);
    }
}
exports.NotTheReceiver = NotTheReceiver;
class OwnerCannotHost extends errors_1.DomainError {
    constructor(index) {
        super('owner-cannot-host', 'The owner cannot be a host of its own rotation.', 'invalid', `itinerary[${index}].host`);
    }
}
exports.OwnerCannotHost = OwnerCannotHost;
class HostRepeatedInARow extends errors_1.DomainError {
    constructor(index, host) {
        super('host-repeated-in-a-row', `${host} cannot host the batch twice in a row.`, 'invalid', `itinerary[${index}].host`);
    }
}
exports.HostRepeatedInARow = HostRepeatedInARow;
class DuplicateRotationItem extends errors_1.DomainError {
    constructor(index, itemId) {
        super('duplicate-rotation-item', `Item ${itemId} is listed more than once.`, 'invalid', `items[${index}].itemId`);
    }
}
exports.DuplicateRotationItem = DuplicateRotationItem;
class UnknownRotationItems extends errors_1.DomainError {
    constructor(itemIds) {
        super('unknown-rotation-items', `Not in this batch: ${itemIds.join(', ')}.`, 'invalid', 'itemIds');
    }
}
exports.UnknownRotationItems = UnknownRotationItems;
class ItemsAlreadyReportedMissing extends errors_1.DomainError {
    constructor(itemIds) {
        super('items-already-reported-missing', `Already reported missing: ${itemIds.join(', ')}.`);
    }
}
exports.ItemsAlreadyReportedMissing = ItemsAlreadyReportedMissing;
class BatchInTransit extends errors_1.DomainError {
    constructor(to) {
        super('batch-in-transit', `The batch is on its way to ${to}; it must be received first.`);
    }
}
exports.BatchInTransit = BatchInTransit;
class BatchNotInTransit extends errors_1.DomainError {
    constructor() {
        super('batch-not-in-transit', 'The batch has not been dispatched, so there is nothing to receive.');
    }
}
exports.BatchNotInTransit = BatchNotInTransit;
class RotationAlreadyDispatched extends errors_1.DomainError {
    constructor() {
        super('rotation-already-dispatched', 'The batch has already left its owner, so the rotation can no longer be cancelled.');
    }
}
exports.RotationAlreadyDispatched = RotationAlreadyDispatched;
class RotationClosed extends errors_1.DomainError {
    constructor(status) {
        super('rotation-closed', `This rotation is closed (${rotation_status_1.STATUS_IN_WORDS[status]}); nothing more can be recorded on it.`);
    }
}
exports.RotationClosed = RotationClosed;
//# sourceMappingURL=rotation.errors.js.map