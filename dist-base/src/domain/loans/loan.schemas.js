"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loanEventSchemas = void 0;
const event_schema_1 = require("../shared/event-schema");
const keys = { loanId: event_schema_1.id, lender: event_schema_1.isil, borrower: event_schema_1.isil };
const item = (0, event_schema_1.object)({ title: event_schema_1.text }, { isbn: event_schema_1.isbn13, author: event_schema_1.text, publisher: event_schema_1.text, year: event_schema_1.count, note: event_schema_1.text });
const terms = (0, event_schema_1.object)({ loanPeriodDays: event_schema_1.count, maxRenewals: event_schema_1.count }, { fee: event_schema_1.money, lostItemCompensation: event_schema_1.money });
const loan = (summary, required, optional = {}) => (0, event_schema_1.describe)(summary, { ...keys, ...required }, { agreementId: event_schema_1.id, ...optional });
exports.loanEventSchemas = {
    LoanRequested: loan('A borrowing library asked a partner to lend it an item.', { item, terms, requestedAt: event_schema_1.instant }),
    LoanAccepted: loan('The lender agreed to supply the item.', { acceptedAt: event_schema_1.instant }),
    LoanDeclined: loan('The lender refused the request.', { reason: event_schema_1.text, declinedAt: event_schema_1.instant }),
    LoanShipped: loan('The lender sent the item; the loan period starts and the ledger posts the loan (and its fee).', { shippedAt: event_schema_1.instant, dueOn: event_schema_1.day }, { fee: event_schema_1.money }),
    LoanReceived: loan('The borrower received the item.', { receivedAt: event_schema_1.instant }),
    LoanRenewed: loan('The lender extended the due date.', { renewedAt: event_schema_1.instant, previousDueOn: event_schema_1.day, dueOn: event_schema_1.day, renewals: event_schema_1.count }),
    LoanRecalled: loan('The lender asked for the item back before its due date.', { recalledAt: event_schema_1.instant, dueOn: event_schema_1.day }, { reason: event_schema_1.text }),
    LoanBecameOverdue: loan('The due date passed without a return (recorded by the scheduler).', { dueOn: event_schema_1.day, detectedAt: event_schema_1.instant }),
    LoanReturnShipped: loan('The borrower sent the item back.', { returnedAt: event_schema_1.instant }),
    LoanCheckedIn: loan('The lender received the item back; the loan is complete.', { checkedInAt: event_schema_1.instant }),
    LoanReportedLost: loan('The item was reported lost; the ledger posts the compensation.', { reportedBy: event_schema_1.isil, reportedAt: event_schema_1.instant }, { reason: event_schema_1.text, compensation: event_schema_1.money }),
    LoanCancelled: loan('The loan was cancelled before the item was shipped.', { cancelledBy: event_schema_1.isil, cancelledAt: event_schema_1.instant }, { reason: event_schema_1.text }),
};
//# sourceMappingURL=loan.schemas.js.map