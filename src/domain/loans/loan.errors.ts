import { DomainError, Forbidden, NotFound } from '../shared/errors';
import { STATUS_IN_WORDS, type LoanStatus } from './loan.status';

/** A key bound to no library is refused on a loan as on every other aggregate. */
export { NoActingLibrary } from '../shared/acting';

export class LoanNotFound extends NotFound {
  constructor(loanId: string) {
    super('loan-not-found', `No loan ${loanId} has been requested.`);
  }
}

export class LoanAlreadyExists extends DomainError {
  constructor(loanId: string) {
    super('loan-already-exists', `A loan ${loanId} has already been requested; choose a new loan id.`);
  }
}

export class NotTheLender extends Forbidden {
  constructor(action: string) {
    super('not-the-lender', `Only the lending library can ${action} this loan.`);
  }
}

export class NotTheBorrower extends Forbidden {
  constructor(action: string) {
    super('not-the-borrower', `Only the borrowing library can ${action} this loan.`);
  }
}

export class NotAParty extends Forbidden {
  constructor(action: string) {
    super('not-a-party', `Only the lending or the borrowing library can ${action} this loan.`);
  }
}

export class NotTheScheduler extends Forbidden {
  constructor() {
    super('not-the-scheduler', 'Loans are marked overdue by the ledger itself, not by a library.');
  }
}

export class CannotBorrowFromOwnLibrary extends DomainError {
  constructor() {
    super('cannot-borrow-from-own-library', 'A library cannot borrow from itself; choose another lender.', 'invalid', 'lender');
  }
}

export class LoanNotAccepted extends DomainError {
  constructor() {
    super('loan-not-accepted', 'The lender has not accepted this loan yet, so it cannot be shipped.');
  }
}

export class LoanNotShipped extends DomainError {
  constructor() {
    super('loan-not-shipped', 'The lender has not shipped the item yet.');
  }
}

export class LoanNotOnLoan extends DomainError {
  constructor(status: LoanStatus) {
    super('loan-not-on-loan', `The item is not on loan with the borrower: the loan is ${STATUS_IN_WORDS[status]}.`);
  }
}

export class RenewalLimitReached extends DomainError {
  constructor(maxRenewals: number) {
    super('renewal-limit-reached', `This loan has already been renewed the ${maxRenewals} time(s) its terms allow.`);
  }
}

export class RecalledLoanCannotBeRenewed extends DomainError {
  constructor() {
    super('recalled-loan-cannot-be-renewed', 'The lender has recalled this item, so the loan cannot be renewed.');
  }
}

export class OverdueLoanCannotBeRenewed extends DomainError {
  constructor(dueOn: string) {
    super('overdue-loan-cannot-be-renewed', `This item was due on ${dueOn}; an overdue loan cannot be renewed.`);
  }
}

export class LoanAlreadyRecalled extends DomainError {
  constructor() {
    super('loan-already-recalled', 'This item has already been recalled.');
  }
}

/** A recall may shorten the loan, never lengthen it. */
export class RecallCannotPostponeDueDate extends DomainError {
  constructor(dueOn: string) {
    super('recall-cannot-postpone-due-date', `A recall cannot set a due date later than the current one (${dueOn}).`, 'invalid', 'dueOn');
  }
}

export class RecallDueDateInPast extends DomainError {
  constructor(today: string) {
    super('recall-due-date-in-past', `A recall cannot set a due date before today (${today}).`, 'invalid', 'dueOn');
  }
}

export class LoanNotYetDue extends DomainError {
  constructor(dueOn: string) {
    super('loan-not-yet-due', `This item is due on ${dueOn}; it is not overdue yet.`);
  }
}

export class LoanClosed extends DomainError {
  constructor(status: LoanStatus) {
    super('loan-closed', `This loan is closed (${STATUS_IN_WORDS[status]}); nothing more can be recorded on it.`);
  }
}

export class InvalidTransition extends DomainError {
  constructor(action: string, status: LoanStatus) {
    super('invalid-loan-transition', `A loan that is ${STATUS_IN_WORDS[status]} cannot be ${action}.`);
  }
}

/** The facts gathered for a step were gathered before the loan was there to name its parties: the step is sent again. */
export class LoanChangedMeanwhile extends DomainError {
  constructor() {
    super('concurrent-change', 'The loan changed while the step was being decided; send it again.');
  }
}
