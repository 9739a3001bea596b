"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CONFIRMATION_OF = exports.outboundFor = exports.stepsFor = exports.speakerOf = exports.Iso18626Refusal = void 0;
const loans_1 = require("../loans");
const errors_1 = require("../shared/errors");
/** A message the ledger will not act on: answered with messageStatus ERROR and this errorData. */
class Iso18626Refusal extends errors_1.DomainError {
    errorType;
    errorValue;
    constructor(errorType, errorValue) {
        super('iso18626-refused', errorValue, 'invalid');
        this.errorType = errorType;
        this.errorValue = errorValue;
    }
}
exports.Iso18626Refusal = Iso18626Refusal;
/** The agency that speaks in a message: the requester, except in a supplyingAgencyMessage. */
const speakerOf = (message) => message.kind === 'supplyingAgencyMessage'
    ? { agency: message.header.supplyingAgency, element: 'supplyingAgencyId' }
    : { agency: message.header.requestingAgency, element: 'requestingAgencyId' };
exports.speakerOf = speakerOf;
const refuseValue = (what, why) => new Iso18626Refusal('UnrecognisedDataValue', `${what}: ${why}`);
/** Supplier statuses the ledger records as they come, without a loan command: the scheduler and the lender's own acts decide these. */
const RECORDED_ONLY_STATUSES = new Set(['RequestReceived', 'ExpectToSupply', 'Overdue']);
/**
 * The loan commands a supplyingAgencyMessage stands for, given where the loan
 * is. A status the loan already has changes nothing (a repeated status, a
 * RenewResponse, a StatusRequestResponse).
 */
const supplierSteps = (message, loan) => {
    const loanId = loan.loanId;
    const { status } = message;
    if (RECORDED_ONLY_STATUSES.has(status) || (0, loans_1.isoStatus)(loan) === status)
        return [];
    if (message.reasonForMessage === 'RenewResponse' || message.reasonForMessage === 'StatusRequestResponse' || message.reasonForMessage === 'Notification')
        return [];
    switch (status) {
        case 'WillSupply': return [{ type: 'AcceptLoan', data: { loanId } }];
        // A supplier that goes straight to Loaned has agreed to supply.
        case 'Loaned': return loan.status === 'requested'
            ? [{ type: 'AcceptLoan', data: { loanId } }, { type: 'ShipLoan', data: { loanId } }]
            : [{ type: 'ShipLoan', data: { loanId } }];
        case 'Unfilled': return [{ type: 'DeclineLoan', data: { loanId, reason: message.reasonUnfilled ?? message.note ?? 'Unfilled' } }];
        case 'Recalled': return [{ type: 'RecallLoan', data: { loanId, ...(message.dueOn ? { dueOn: message.dueOn } : {}), ...(message.note ? { reason: message.note } : {}) } }];
        case 'LoanCompleted': return [{ type: 'CheckInLoan', data: { loanId } }];
        case 'CompletedWithoutReturn': return [{ type: 'ReportLoanLost', data: { loanId, ...(message.note ? { reason: message.note } : {}) } }];
        case 'Cancelled': throw refuseValue('status Cancelled', 'only the requesting agency cancels a loan (action Cancel); the ledger records it at once');
        default: throw refuseValue(`status ${status}`, 'the ledger records loans, and does not act on this status');
    }
};
const ACTIONS = {
    Received: (loanId) => [{ type: 'ReceiveLoan', data: { loanId } }],
    ShippedReturn: (loanId) => [{ type: 'ReturnLoan', data: { loanId } }],
    Renew: (loanId) => [{ type: 'RenewLoan', data: { loanId } }],
    Cancel: (loanId, note) => [{ type: 'CancelLoan', data: { loanId, ...(note ? { reason: note } : {}) } }],
    Lost: (loanId, note) => [{ type: 'ReportLoanLost', data: { loanId, ...(note ? { reason: note } : {}) } }],
    StatusRequest: () => [],
    Notification: () => [],
};
/** The loan commands a supplyingAgencyMessage or requestingAgencyMessage stands for. */
const stepsFor = (message, loan) => {
    if (message.kind === 'supplyingAgencyMessage')
        return supplierSteps(message, loan);
    const steps = ACTIONS[message.action];
    if (!steps)
        throw new Iso18626Refusal('UnsupportedActionType', `action ${message.action} is not supported by the ledger`);
    return steps(loan.loanId, message.note);
};
exports.stepsFor = stepsFor;
const toLender = (message) => ({ to: 'lender', message });
const toBorrower = (message) => ({ to: 'borrower', message });
const status = (reasonForMessage, s, more = {}) => ({ kind: 'supplyingAgencyMessage', reasonForMessage, status: s, ...more });
/**
 * The messages a loan event sends: the act of one party goes to the other; a
 * renewal and a cancellation, which the ledger grants at once, also answer
 * the borrower with the supplier's RenewResponse or CancelResponse.
 */
const outboundFor = (event) => {
    switch (event.type) {
        case 'LoanRequested': return [toLender({ kind: 'request' })];
        case 'LoanAccepted': return [toBorrower(status('RequestResponse', 'WillSupply'))];
        case 'LoanDeclined': return [toBorrower(status('RequestResponse', 'Unfilled', { reasonUnfilled: event.data.reason }))];
        case 'LoanShipped': return [toBorrower(status('StatusChange', 'Loaned', { dueOn: event.data.dueOn }))];
        case 'LoanReceived': return [toLender({ kind: 'requestingAgencyMessage', action: 'Received' })];
        case 'LoanRenewed': return [
            toLender({ kind: 'requestingAgencyMessage', action: 'Renew' }),
            toBorrower(status('RenewResponse', 'Loaned', { answerYesNo: 'Y', dueOn: event.data.dueOn })),
        ];
        case 'LoanRecalled': return [toBorrower(status('StatusChange', 'Recalled', { dueOn: event.data.dueOn }))];
        case 'LoanBecameOverdue': return [toBorrower(status('StatusChange', 'Overdue', { dueOn: event.data.dueOn }))];
        case 'LoanReturnShipped': return [toLender({ kind: 'requestingAgencyMessage', action: 'ShippedReturn' })];
        case 'LoanCheckedIn': return [toBorrower(status('StatusChange', 'LoanCompleted'))];
        case 'LoanReportedLost': return event.data.reportedBy === event.data.borrower
            ? [toLender({ kind: 'requestingAgencyMessage', action: 'Lost', ...(event.data.reason ? { note: event.data.reason } : {}) })]
            : [toBorrower(status('StatusChange', 'CompletedWithoutReturn'))];
        case 'LoanCancelled': return [
            toLender({ kind: 'requestingAgencyMessage', action: 'Cancel', ...(event.data.reason ? { note: event.data.reason } : {}) }),
            toBorrower(status('CancelResponse', 'Cancelled', { answerYesNo: 'Y' })),
        ];
        default: return [];
    }
};
exports.outboundFor = outboundFor;
/** The confirmation element that answers each message. */
exports.CONFIRMATION_OF = {
    request: 'requestConfirmation',
    supplyingAgencyMessage: 'supplyingAgencyMessageConfirmation',
    requestingAgencyMessage: 'requestingAgencyMessageConfirmation',
};
//# sourceMappingURL=iso18626.mapping.js.map