"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InvalidExchangeTransition = exports.ExchangeClosed = exports.ExchangeAlreadyDispatched = exports.ItemsAlreadyReceived = exports.ItemsNotYetDispatched = exports.ItemsAlreadyDispatched = exports.ExchangeNotAccepted = exports.ExchangeNotOneForOne = exports.CannotExchangeWithOwnLibrary = exports.NotAnExchangeParty = exports.NotTheCounterpart = exports.ExchangeAlreadyExists = exports.ExchangeNotFound = void 0;
const errors_1 = require("../shared/errors");
const exchange_status_1 = require("./exchange.status");
class ExchangeNotFound extends errors_1.NotFound {
    constructor(exchangeId) {
        super('exchange-not-found', `No exchange ${exchangeId} has been proposed.`);
    }
}
exports.ExchangeNotFound = ExchangeNotFound;
class ExchangeAlreadyExists extends errors_1.DomainError {
    constructor(exchangeId) {
        super('exchange-already-exists', `An exchange ${exchangeId} has already been proposed; choose a new exchange id.`);
    }
}
exports.ExchangeAlreadyExists = ExchangeAlreadyExists;
class NotTheCounterpart extends errors_1.Forbidden {
    constructor(action) {
        super('not-the-counterpart', `Only the library the exchange was proposed to can ${action} it.`);
    }
}
exports.NotTheCounterpart = NotTheCounterpart;
class NotAnExchangeParty extends errors_1.Forbidden {
    constructor(action) {
        super('not-an-exchange-party', `Only the two libraries of this exchange can ${action} it.`);
    }
}
exports.NotAnExchangeParty = NotAnExchangeParty;
class CannotExchangeWithOwnLibrary extends errors_1.DomainError {
    constructor() {
        super('cannot-exchange-with-own-library', 'A library cannot exchange with itself; choose another counterpart.');
    }
}
exports.CannotExchangeWithOwnLibrary = CannotExchangeWithOwnLibrary;
/** An exchange is one for one, whatever the page count or price of the items. */
class ExchangeNotOneForOne extends errors_1.DomainError {
    constructor(offered, requested) {
        super('exchange-not-one-for-one', `An exchange is one for one: ${offered} item(s) offered but ${requested} requested.`, 'invalid', 'requested');
    }
}
exports.ExchangeNotOneForOne = ExchangeNotOneForOne;
class ExchangeNotAccepted extends errors_1.DomainError {
    constructor() {
        super('exchange-not-accepted', 'The counterpart has not accepted this exchange yet, so nothing can be dispatched.');
    }
}
exports.ExchangeNotAccepted = ExchangeNotAccepted;
class ItemsAlreadyDispatched extends errors_1.DomainError {
    constructor(sender) {
        super('exchange-items-already-dispatched', `${sender} has already dispatched its side of this exchange.`);
    }
}
exports.ItemsAlreadyDispatched = ItemsAlreadyDispatched;
class ItemsNotYetDispatched extends errors_1.DomainError {
    constructor(sender) {
        super('exchange-items-not-dispatched', `${sender} has not dispatched its side of this exchange yet.`);
    }
}
exports.ItemsNotYetDispatched = ItemsNotYetDispatched;
class ItemsAlreadyReceived extends errors_1.DomainError {
    constructor(receiver) {
        super('exchange-items-already-received', `${receiver} has already received its side of this exchange.`);
    }
}
exports.ItemsAlreadyReceived = ItemsAlreadyReceived;
class ExchangeAlreadyDispatched extends errors_1.DomainError {
    constructor() {
        super('exchange-already-dispatched', 'Items of this exchange are already on their way, so it can no longer be cancelled.');
    }
}
exports.ExchangeAlreadyDispatched = ExchangeAlreadyDispatched;
class ExchangeClosed extends errors_1.DomainError {
    constructor(status) {
        super('exchange-closed', `This exchange is closed (${exchange_status_1.STATUS_IN_WORDS[status]}); nothing more can be recorded on it.`);
    }
}
exports.ExchangeClosed = ExchangeClosed;
class InvalidExchangeTransition extends errors_1.DomainError {
    constructor(action, status) {
        super('invalid-exchange-transition', `An exchange that is ${exchange_status_1.STATUS_IN_WORDS[status]} cannot be ${action}.`);
    }
}
exports.InvalidExchangeTransition = InvalidExchangeTransition;
//# sourceMappingURL=exchange.errors.js.map