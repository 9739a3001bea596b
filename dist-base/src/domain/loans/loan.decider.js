"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loanDecider = exports.decide = exports.evolve = exports.initialState = exports.CLOSED_LOAN_STATUSES = void 0;
exports.isoStatus = isoStatus;
const cooperation_1 = require("../shared/cooperation");
const dates_1 = require("../shared/dates");
const input_1 = require("../shared/input");
const isil_1 = require("../shared/isil");
const loan_errors_1 = require("./loan.errors");
const loan_guards_1 = require("./loan.guards");
const loan_status_1 = require("./loan.status");
Object.defineProperty(exports, "CLOSED_LOAN_STATUSES", { enumerable: true, get: function () { return loan_status_1.CLOSED_LOAN_STATUSES; } });
const loan_terms_1 = require("./loan.terms");
const initialState = () => ({ status: 'none' });
exports.initialState = initialState;
// ---- evolve -------------------------------------------------------------
const evolve = (state, event) => {
    if (event.type === 'LoanRequested') {
        const { loanId, lender, borrower, agreementId, terms } = event.data;
        return {
            status: 'requested', loanId, lender, borrower, terms,
            ...(agreementId === undefined ? {} : { agreementId }),
            renewals: 0, recalled: false, overdue: false,
        };
    }
    // A stray event on an empty stream changes nothing: evolve must never throw.
    if (state.status === 'none')
        return state;
    switch (event.type) {
        case 'LoanAccepted': return { ...state, status: 'accepted' };
        case 'LoanDeclined': return { ...state, status: 'declined' };
        case 'LoanShipped': return { ...state, status: 'shipped', dueOn: event.data.dueOn };
        case 'LoanReceived': return { ...state, status: 'on-loan' };
        case 'LoanRenewed': return { ...state, dueOn: event.data.dueOn, renewals: event.data.renewals };
        case 'LoanRecalled': return { ...state, recalled: true, dueOn: event.data.dueOn };
        case 'LoanBecameOverdue': return { ...state, overdue: true };
        case 'LoanReturnShipped': return { ...state, status: 'returning' };
        case 'LoanCheckedIn': return { ...state, status: 'checked-in' };
        case 'LoanReportedLost': return { ...state, status: 'lost' };
        case 'LoanCancelled': return { ...state, status: 'cancelled' };
        default: return state;
    }
};
exports.evolve = evolve;
// ---- decide -------------------------------------------------------------
const at = (command) => command.metadata.now.toISOString();
const keysOf = (loan) => ({
    loanId: loan.loanId,
    lender: loan.lender,
    borrower: loan.borrower,
    ...(loan.agreementId === undefined ? {} : { agreementId: loan.agreementId }),
});
/** A loan that exists and is still open: the only kind most commands may act on. */
const openLoan = (command, state) => {
    if (state.status === 'none')
        throw new loan_errors_1.LoanNotFound(command.data.loanId);
    // A library that is not a party learns nothing of the loan's state, not even that it is closed.
    (0, loan_guards_1.requireParty)(command, state, 'act on');
    if ((0, loan_status_1.isClosedStatus)(state.status))
        throw new loan_errors_1.LoanClosed(state.status);
    return state;
};
const request = (command, state) => {
    if (state.status !== 'none')
        throw new loan_errors_1.LoanAlreadyExists(state.loanId);
    const borrower = (0, loan_guards_1.actingLibrary)(command);
    const { loanId, agreementId, item } = command.data;
    (0, loan_guards_1.requireText)(loanId, 'loanId');
    const lender = (0, isil_1.toIsil)(command.data.lender, 'lender');
    if (lender === borrower)
        throw new loan_errors_1.CannotBorrowFromOwnLibrary();
    const agreement = (0, cooperation_1.assertAgreementCovers)(command.data.agreement, agreementId, 'loans', [borrower, lender], command.metadata.now);
    (0, cooperation_1.assertPartnersActive)(command.data.standings, [borrower, lender]);
    (0, loan_guards_1.requireText)(item?.title, 'item.title');
    const terms = loanTermsOf(agreement.terms);
    (0, loan_terms_1.validateTerms)(terms);
    return [{
            type: 'LoanRequested',
            data: { loanId, lender, borrower, agreementId, item, terms, requestedAt: at(command) },
        }];
};
/** The agreement's terms that bind one loan, copied so later amendments do not change it. */
const loanTermsOf = ({ loanPeriodDays, maxRenewals, feePerLoan, lostItemCompensation }) => ({
    loanPeriodDays,
    maxRenewals,
    ...(0, input_1.optional)('fee', feePerLoan),
    ...(0, input_1.optional)('lostItemCompensation', lostItemCompensation),
});
const accept = (command, state) => {
    const loan = openLoan(command, state);
    (0, loan_guards_1.requireLender)(command, loan, 'accept');
    if (loan.status !== 'requested')
        throw new loan_errors_1.InvalidTransition('accepted', loan.status);
    return [{ type: 'LoanAccepted', data: { ...keysOf(loan), acceptedAt: at(command) } }];
};
const decline = (command, state) => {
    const loan = openLoan(command, state);
    (0, loan_guards_1.requireLender)(command, loan, 'decline');
    if (loan.status !== 'requested' && loan.status !== 'accepted')
        throw new loan_errors_1.InvalidTransition('declined', loan.status);
    const reason = (0, loan_guards_1.requireText)(command.data.reason, 'reason');
    return [{ type: 'LoanDeclined', data: { ...keysOf(loan), reason, declinedAt: at(command) } }];
};
const ship = (command, state) => {
    const loan = openLoan(command, state);
    (0, loan_guards_1.requireLender)(command, loan, 'ship');
    if (loan.status === 'requested')
        throw new loan_errors_1.LoanNotAccepted();
    if (loan.status !== 'accepted')
        throw new loan_errors_1.InvalidTransition('shipped again', loan.status);
    const { now } = command.metadata;
    return [{
            type: 'LoanShipped',
            data: {
                ...keysOf(loan), shippedAt: at(command), dueOn: (0, dates_1.addDays)(now, loan.terms.loanPeriodDays),
                ...(0, input_1.optional)('fee', loan.terms.fee),
            },
        }];
};
const receive = (command, state) => {
    const loan = openLoan(command, state);
    (0, loan_guards_1.requireBorrower)(command, loan, 'receive');
    if (loan.status === 'requested' || loan.status === 'accepted')
        throw new loan_errors_1.LoanNotShipped();
    if (loan.status !== 'shipped')
        throw new loan_errors_1.InvalidTransition('received again', loan.status);
    return [{ type: 'LoanReceived', data: { ...keysOf(loan), receivedAt: at(command) } }];
};
const renew = (command, state) => {
    const loan = openLoan(command, state);
    (0, loan_guards_1.requireBorrower)(command, loan, 'renew');
    if (loan.status !== 'on-loan' || loan.dueOn === undefined)
        throw new loan_errors_1.LoanNotOnLoan(loan.status);
    if (loan.recalled)
        throw new loan_errors_1.RecalledLoanCannotBeRenewed();
    // Past due is overdue even before the scheduler has recorded it.
    if (loan.overdue || (0, dates_1.isPastDue)(loan.dueOn, command.metadata.now))
        throw new loan_errors_1.OverdueLoanCannotBeRenewed(loan.dueOn);
    if (loan.renewals >= loan.terms.maxRenewals)
        throw new loan_errors_1.RenewalLimitReached(loan.terms.maxRenewals);
    return [{
            type: 'LoanRenewed',
            data: {
                ...keysOf(loan), renewedAt: at(command), previousDueOn: loan.dueOn,
                dueOn: (0, dates_1.addDays)(loan.dueOn, loan.terms.loanPeriodDays), renewals: loan.renewals + 1,
            },
        }];
};
const recall = (command, state) => {
    const loan = openLoan(command, state);
    (0, loan_guards_1.requireLender)(command, loan, 'recall');
    if ((loan.status !== 'shipped' && loan.status !== 'on-loan') || loan.dueOn === undefined) {
        throw new loan_errors_1.InvalidTransition('recalled', loan.status);
    }
    if (loan.recalled)
        throw new loan_errors_1.LoanAlreadyRecalled();
    const requested = command.data.dueOn;
    const dueOn = requested === undefined ? loan.dueOn : recallDueOn(requested, loan.dueOn, command.metadata.now);
    return [{
            type: 'LoanRecalled',
            data: { ...keysOf(loan), recalledAt: at(command), dueOn, ...(0, input_1.optional)('reason', command.data.reason) },
        }];
};
const recallDueOn = (requested, currentDueOn, now) => {
    const dueOn = (0, input_1.requireCalendarDate)(requested, 'dueOn');
    const today = (0, dates_1.dayOf)(now);
    if (dueOn < today)
        throw new loan_errors_1.RecallDueDateInPast(today);
    if (dueOn > currentDueOn)
        throw new loan_errors_1.RecallCannotPostponeDueDate(currentDueOn);
    return dueOn;
};
/** Idempotent, so a scheduler that runs twice, or late, records an overdue loan exactly once. */
const markOverdue = (command, state) => {
    if (command.metadata.actor.role !== 'system')
        throw new loan_errors_1.NotTheScheduler();
    if (state.status === 'none')
        throw new loan_errors_1.LoanNotFound(command.data.loanId);
    if (state.overdue || state.status === 'returning' || (0, loan_status_1.isClosedStatus)(state.status))
        return [];
    if (state.dueOn === undefined)
        throw new loan_errors_1.LoanNotShipped();
    if (!(0, dates_1.isPastDue)(state.dueOn, command.metadata.now))
        throw new loan_errors_1.LoanNotYetDue(state.dueOn);
    return [{ type: 'LoanBecameOverdue', data: { ...keysOf(state), dueOn: state.dueOn, detectedAt: at(command) } }];
};
const returnLoan = (command, state) => {
    const loan = openLoan(command, state);
    (0, loan_guards_1.requireBorrower)(command, loan, 'return');
    if (loan.status !== 'on-loan')
        throw new loan_errors_1.LoanNotOnLoan(loan.status);
    return [{ type: 'LoanReturnShipped', data: { ...keysOf(loan), returnedAt: at(command) } }];
};
const checkIn = (command, state) => {
    const loan = openLoan(command, state);
    (0, loan_guards_1.requireLender)(command, loan, 'check in');
    // The lender may get the item back before the borrower records the return.
    if (loan.status !== 'returning' && loan.status !== 'on-loan')
        throw new loan_errors_1.InvalidTransition('checked in', loan.status);
    return [{ type: 'LoanCheckedIn', data: { ...keysOf(loan), checkedInAt: at(command) } }];
};
const reportLost = (command, state) => {
    const loan = openLoan(command, state);
    const reportedBy = (0, loan_guards_1.requireParty)(command, loan, 'report lost');
    if (loan.status !== 'shipped' && loan.status !== 'on-loan' && loan.status !== 'returning') {
        throw new loan_errors_1.InvalidTransition('reported lost', loan.status);
    }
    return [{
            type: 'LoanReportedLost',
            data: {
                ...keysOf(loan), reportedBy, reportedAt: at(command),
                ...(0, input_1.optional)('reason', command.data.reason),
                ...(0, input_1.optional)('compensation', loan.terms.lostItemCompensation),
            },
        }];
};
const cancel = (command, state) => {
    const loan = openLoan(command, state);
    const cancelledBy = (0, loan_guards_1.requireBorrower)(command, loan, 'cancel');
    if (loan.status !== 'requested' && loan.status !== 'accepted')
        throw new loan_errors_1.InvalidTransition('cancelled', loan.status);
    return [{
            type: 'LoanCancelled',
            data: { ...keysOf(loan), cancelledBy, ...(0, input_1.optional)('reason', command.data.reason), cancelledAt: at(command) },
        }];
};
const decide = (command, state) => {
    switch (command.type) {
        case 'RequestLoan': return request(command, state);
        case 'AcceptLoan': return accept(command, state);
        case 'DeclineLoan': return decline(command, state);
        case 'ShipLoan': return ship(command, state);
        case 'ReceiveLoan': return receive(command, state);
        case 'RenewLoan': return renew(command, state);
        case 'RecallLoan': return recall(command, state);
        case 'MarkLoanOverdue': return markOverdue(command, state);
        case 'ReturnLoan': return returnLoan(command, state);
        case 'CheckInLoan': return checkIn(command, state);
        case 'ReportLoanLost': return reportLost(command, state);
        case 'CancelLoan': return cancel(command, state);
        default: {
            const unknown = command;
            throw new Error(`unknown loan command ${unknown.type}`);
        }
    }
};
exports.decide = decide;
exports.loanDecider = { decide: exports.decide, evolve: exports.evolve, initialState: exports.initialState };
function isoStatus(state) {
    switch (state.status) {
        case 'none': return undefined;
        case 'requested': return 'ExpectToSupply';
        case 'accepted': return 'WillSupply';
        case 'shipped':
        case 'on-loan':
        case 'returning':
            if (state.overdue)
                return 'Overdue';
            return state.recalled ? 'Recalled' : 'Loaned';
        case 'declined': return 'Unfilled';
        case 'checked-in': return 'LoanCompleted';
        case 'lost': return 'CompletedWithoutReturn';
        case 'cancelled': return 'Cancelled';
    }
}
//# sourceMappingURL=loan.decider.js.map