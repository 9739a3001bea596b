"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InvalidValue = exports.NotFound = exports.Forbidden = exports.DomainError = void 0;
class DomainError extends Error {
    code;
    kind;
    field;
    constructor(code, message, kind = 'rule', 
    /** The input field the error is about, when there is one. */
    field) {
        super(message);
        this.code = code;
        this.kind = kind;
        this.field = field;
        this.name = new.target.name;
    }
}
exports.DomainError = DomainError;
class Forbidden extends DomainError {
    constructor(code, message) {
        super(code, message, 'forbidden');
    }
}
exports.Forbidden = Forbidden;
class NotFound extends DomainError {
    constructor(code, message) {
        super(code, message, 'not-found');
    }
}
exports.NotFound = NotFound;
class InvalidValue extends DomainError {
    constructor(field, message) {
        super('invalid-value', message, 'invalid', field);
    }
}
exports.InvalidValue = InvalidValue;
//# sourceMappingURL=errors.js.map