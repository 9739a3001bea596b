"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InvalidTransition = exports.LoanClosed = exports.LoanNotYetDue = exports.RecallDueDateInPast = exports.RecallCannotPostponeDueDate = exports.LoanAlreadyRecalled = exports.OverdueLoanCannotBeRenewed = exports.RecalledLoanCannotBeRenewed = exports.RenewalLimitReached = exports.LoanNotOnLoan = exports.LoanNotShipped = exports.LoanNotAccepted = exports.CannotBorrowFromOwnLibrary = exports.NotTheScheduler = exports.NotAParty = exports.NotTheBorrower = exports.NotTheLender = exports.LoanAlreadyExists = exports.LoanNotFound = exports.NoActingLibrary = void 0;
const errors_1 = require("../shared/errors");
const loan_status_1 = require("./loan.status");
/** A key bound to no library is refused on a loan as on every other aggregate. */
var acting_1 = require("../shared/acting");
Object.defineProperty(exports, "NoActingLibrary", { enumerable: true, get: function () { return acting_1.NoActingLibrary; } });
class LoanNotFound extends errors_1.NotFound {
    constructor(loanId) {
        super('loan-not-found', `No loan ${loanId} has been requested.`);
    }
}
exports.LoanNotFound = LoanNotFound;
class LoanAlreadyExists extends errors_1.DomainError {
    constructor(loanId) {
        super('loan-already-exists', `A loan ${loanId} has already been requested; choose a new loan id.`);
    }
}
exports.LoanAlreadyExists = LoanAlreadyExists;
class NotTheLender extends errors_1.Forbidden {
    constructor(action) {
        super('not-the-lender', `Only the lending library can ${action} this loan.`);
    }
}
exports.NotTheLender = NotTheLender;
class NotTheBorrower extends errors_1.Forbidden {
    constructor(action) {
        super('not-the-borrower', `Only the borrowing library can ${action} this loan.`);
    }
}
exports.NotTheBorrower = NotTheBorrower;
class NotAParty extends errors_1.Forbidden {
    constructor(action) {
        super('not-a-party', `Only the lending or the borrowing library can ${action} this loan.`);
    }
}
exports.NotAParty = NotAParty;
class NotTheScheduler extends errors_1.Forbidden {
    constructor() {
        super('not-the-scheduler', 'Loans are marked overdue by the ledger itself, not by a library.');
    }
}
exports.NotTheScheduler = NotTheScheduler;
class CannotBorrowFromOwnLibrary extends errors_1.DomainError {
    constructor() {
        super('cannot-borrow-from-own-library', 'A library cannot borrow from itself; choose another lender.');
    }
}
exports.CannotBorrowFromOwnLibrary = CannotBorrowFromOwnLibrary;
class LoanNotAccepted extends errors_1.DomainError {
    constructor() {
        super('loan-not-accepted', 'The lender has not accepted this loan yet, so it cannot be shipped.');
    }
}
exports.LoanNotAccepted = LoanNotAccepted;
class LoanNotShipped extends errors_1.DomainError {
    constructor() {
        super('loan-not-shipped', 'The lender has not shipped the item yet.');
    }
}
exports.LoanNotShipped = LoanNotShipped;
class LoanNotOnLoan extends errors_1.DomainError {
    constructor(status) {
        super('loan-not-on-loan', `The item is not on loan with the borrower: the loan is ${loan_status_1.STATUS_IN_WORDS[status]}.`);
    }
}
exports.LoanNotOnLoan = LoanNotOnLoan;
class RenewalLimitReached extends errors_1.DomainError {
    constructor(maxRenewals) {
        super('renewal-limit-reached', `This loan has already been renewed the ${maxRenewals} time(s) its terms allow.`);
    }
}
exports.RenewalLimitReached = RenewalLimitReached;
class RecalledLoanCannotBeRenewed extends errors_1.DomainError {
    constructor() {
        super('recalled-loan-cannot-be-renewed', 'The lender has recalled this item, so the loan cannot be renewed.');
    }
}
exports.RecalledLoanCannotBeRenewed = RecalledLoanCannotBeRenewed;
class OverdueLoanCannotBeRenewed extends errors_1.DomainError {
    constructor(dueOn) {
        super('overdue-loan-cannot-be-renewed', `This item was due on ${dueOn}; an overdue loan cannot be renewed.`);
    }
}
exports.OverdueLoanCannotBeRenewed = OverdueLoanCannotBeRenewed;
class LoanAlreadyRecalled extends errors_1.DomainError {
    constructor() {
        super('loan-already-recalled', 'This item has already been recalled.');
    }
}
exports.LoanAlreadyRecalled = LoanAlreadyRecalled;
/** A recall may shorten the loan, never lengthen it. */
class RecallCannotPostponeDueDate extends errors_1.DomainError {
    constructor(dueOn) {
        super('recall-cannot-postpone-due-date', `A recall cannot set a due date later than the current one (${dueOn}).`, 'invalid', 'dueOn');
    }
}
exports.RecallCannotPostponeDueDate = RecallCannotPostponeDueDate;
class RecallDueDateInPast extends errors_1.DomainError {
    constructor(today) {
        super('recall-due-date-in-past', `A recall cannot set a due date before today (${today}).`, 'invalid', 'dueOn');
    }
}
exports.RecallDueDateInPast = RecallDueDateInPast;
class LoanNotYetDue extends errors_1.DomainError {
    constructor(dueOn) {
        super('loan-not-yet-due', `This item is due on ${dueOn}; it is not overdue yet.`);
    }
}
exports.LoanNotYetDue = LoanNotYetDue;
class LoanClosed extends errors_1.DomainError {
    constructor(status) {
        super('loan-closed', `This loan is closed (${loan_status_1.STATUS_IN_WORDS[status]}); nothing more can be recorded on it.`);
    }
}
exports.LoanClosed = LoanClosed;
class InvalidTransition extends errors_1.DomainError {
    constructor(action, status) {
        super('invalid-loan-transition', `A loan that is ${loan_status_1.STATUS_IN_WORDS[status]} cannot be ${action}.`);
    }
}
exports.InvalidTransition = InvalidTransition;
//# sourceMappingURL=loan.errors.js.map