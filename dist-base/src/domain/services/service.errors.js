"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ServiceAlreadyVoided = exports.NotTheProvider = exports.ServiceDateInFuture = exports.CannotServeOwnLibrary = exports.ServiceAlreadyExists = exports.ServiceNotFound = void 0;
const errors_1 = require("../shared/errors");
class ServiceNotFound extends errors_1.NotFound {
    constructor(serviceId) {
        super('service-not-found', `No service ${serviceId} has been recorded.`);
    }
}
exports.ServiceNotFound = ServiceNotFound;
class ServiceAlreadyExists extends errors_1.DomainError {
    constructor(serviceId) {
        super('service-already-exists', `A service ${serviceId} has already been recorded; choose a new service id.`);
    }
}
exports.ServiceAlreadyExists = ServiceAlreadyExists;
class CannotServeOwnLibrary extends errors_1.DomainError {
    constructor() {
        super('cannot-serve-own-library', 'A library cannot record a service to itself; name the partner served.', 'invalid', 'recipient');
    }
}
exports.CannotServeOwnLibrary = CannotServeOwnLibrary;
class ServiceDateInFuture extends errors_1.DomainError {
    constructor(today) {
        super('service-date-in-future', `renderedOn cannot be after today (${today}).`, 'invalid', 'renderedOn');
    }
}
exports.ServiceDateInFuture = ServiceDateInFuture;
class NotTheProvider extends errors_1.Forbidden {
    constructor() {
        super('not-the-provider', 'Only the library that rendered this service, or a coordinator, can void it.');
    }
}
exports.NotTheProvider = NotTheProvider;
class ServiceAlreadyVoided extends errors_1.DomainError {
    constructor(serviceId) {
        super('service-already-voided', `Service ${serviceId} has already been voided.`);
    }
}
exports.ServiceAlreadyVoided = ServiceAlreadyVoided;
//# sourceMappingURL=service.errors.js.map