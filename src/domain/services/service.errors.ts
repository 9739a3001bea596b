import { DomainError, Forbidden, NotFound } from '../shared/errors';

export class ServiceNotFound extends NotFound {
  constructor(serviceId: string) {
    super('service-not-found', `No service ${serviceId} has been recorded.`);
  }
}

export class ServiceAlreadyExists extends DomainError {
  constructor(serviceId: string) {
    super('service-already-exists', `A service ${serviceId} has already been recorded; choose a new service id.`);
  }
}

export class CannotServeOwnLibrary extends DomainError {
  constructor() {
    super('cannot-serve-own-library', 'A library cannot record a service to itself; name the partner served.', 'invalid', 'recipient');
  }
}

export class ServiceDateInFuture extends DomainError {
  constructor(today: string) {
    super('service-date-in-future', `renderedOn cannot be after today (${today}).`, 'invalid', 'renderedOn');
  }
}

export class NotTheProvider extends Forbidden {
  constructor() {
    super('not-the-provider', 'Only the library that rendered this service, or a coordinator, can void it.');
  }
}

export class ServiceAlreadyVoided extends DomainError {
  constructor(serviceId: string) {
    super('service-already-voided', `Service ${serviceId} has already been voided.`);
  }
}
