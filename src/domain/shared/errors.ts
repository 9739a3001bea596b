/**
 * Every broken rule is a DomainError with a stable `code` that clients can
 * switch on. `kind` says what sort of failure it is; the HTTP layer maps kinds
 * to statuses in one place.
 */
export type DomainErrorKind = 'rule' | 'forbidden' | 'not-found' | 'invalid';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'rule',
    /** The input field the error is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Forbidden extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super(code, message, 'forbidden', field);
  }
}

export class NotFound extends DomainError {
  /** `field` names the input that referred to what is not there, when it was not the address itself. */
  constructor(code: string, message: string, field?: string) {
    super(code, message, 'not-found', field);
  }
}

export class InvalidValue extends DomainError {
  constructor(field: string, message: string) {
    super('invalid-value', message, 'invalid', field);
  }
}
