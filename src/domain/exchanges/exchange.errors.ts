import { DomainError, Forbidden, NotFound } from '../shared/errors';
import { STATUS_IN_WORDS, type ExchangeStatus } from './exchange.status';

export class ExchangeNotFound extends NotFound {
  constructor(exchangeId: string) {
    super('exchange-not-found', `No exchange ${exchangeId} has been proposed.`);
  }
}

export class ExchangeAlreadyExists extends DomainError {
  constructor(exchangeId: string) {
    super('exchange-already-exists', `An exchange ${exchangeId} has already been proposed; choose a new exchange id.`);
  }
}

export class NotTheCounterpart extends Forbidden {
  constructor(action: string) {
    super('not-the-counterpart', `Only the library the exchange was proposed to can ${action} it.`);
  }
}

export class NotAnExchangeParty extends Forbidden {
  constructor(action: string) {
    super('not-an-exchange-party', `Only the two libraries of this exchange can ${action} it.`);
  }
}

export class CannotExchangeWithOwnLibrary extends DomainError {
  constructor() {
    super('cannot-exchange-with-own-library', 'A library cannot exchange with itself; choose another counterpart.', 'invalid', 'counterpart');
  }
}

/** An exchange is one for one, whatever the page count or price of the items. */
export class ExchangeNotOneForOne extends DomainError {
  constructor(offered: number, requested: number) {
    super(
      'exchange-not-one-for-one',
      `An exchange is one for one: ${offered} item(s) offered but ${requested} requested.`,
      'invalid',
      'requested',
    );
  }
}

export class ExchangeNotAccepted extends DomainError {
  constructor() {
    super('exchange-not-accepted', 'The counterpart has not accepted this exchange yet, so nothing can be dispatched.');
  }
}

export class ItemsAlreadyDispatched extends DomainError {
  constructor(sender: string) {
    super('exchange-items-already-dispatched', `${sender} has already dispatched its side of this exchange.`);
  }
}

export class ItemsNotYetDispatched extends DomainError {
  constructor(sender: string) {
    super('exchange-items-not-dispatched', `${sender} has not dispatched its side of this exchange yet.`);
  }
}

export class ItemsAlreadyReceived extends DomainError {
  constructor(receiver: string) {
    super('exchange-items-already-received', `${receiver} has already received its side of this exchange.`);
  }
}

export class ExchangeAlreadyDispatched extends DomainError {
  constructor() {
    super('exchange-already-dispatched', 'Items of this exchange are already on their way, so it can no longer be cancelled.');
  }
}

export class ExchangeClosed extends DomainError {
  constructor(status: ExchangeStatus) {
    super('exchange-closed', `This exchange is closed (${STATUS_IN_WORDS[status]}); nothing more can be recorded on it.`);
  }
}

export class InvalidExchangeTransition extends DomainError {
  constructor(action: string, status: ExchangeStatus) {
    super('invalid-exchange-transition', `An exchange that is ${STATUS_IN_WORDS[status]} cannot be ${action}.`);
  }
}

/** The facts gathered for a step were gathered before the exchange was there to name its parties: the step is sent again. */
export class ExchangeChangedMeanwhile extends DomainError {
  constructor() {
    super('concurrent-change', 'The exchange changed while the step was being decided; send it again.');
  }
}
