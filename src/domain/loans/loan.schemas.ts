import { count, day, describe, id, instant, isbn13, isil, money, object, text, type EventDescriptions, type JsonSchema } from '../shared/event-schema';
import type { LoanEvent } from './loan.events';

const keys = { loanId: id, lender: isil, borrower: isil };
const item = object({ title: text }, { isbn: isbn13, author: text, publisher: text, year: count, note: text });
const terms = object({ loanPeriodDays: count, maxRenewals: count }, { fee: money, lostItemCompensation: money });

const loan = (summary: string, required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}) =>
  describe(summary, { ...keys, ...required }, { agreementId: id, ...optional });

export const loanEventSchemas: EventDescriptions<LoanEvent['type']> = {
  LoanRequested: loan(
    'A borrowing library asked a partner to lend it an item; `requestId` is its own id for the request, when its ILL system sent one over ISO 18626.',
    { item, terms, requestedAt: instant },
    { requestId: text },
  ),
  LoanAccepted: loan('The lender agreed to supply the item.', { acceptedAt: instant }),
  LoanDeclined: loan('The lender refused the request.', { reason: text, declinedAt: instant }),
  LoanShipped: loan('The lender sent the item; the loan period starts and the ledger posts the loan (and its fee).', { shippedAt: instant, dueOn: day }, { fee: money }),
  LoanReceived: loan('The borrower received the item.', { receivedAt: instant }),
  LoanRenewed: loan('The borrower renewed the loan: its due date moved on by the loan period.', { renewedAt: instant, previousDueOn: day, dueOn: day, renewals: count }),
  LoanRecalled: loan('The lender asked for the item back before its due date.', { recalledAt: instant, dueOn: day }, { reason: text }),
  LoanBecameOverdue: loan('The due date passed without a return (recorded by the scheduler).', { dueOn: day, detectedAt: instant }),
  LoanReturnShipped: loan('The borrower sent the item back.', { returnedAt: instant }),
  LoanCheckedIn: loan('The lender received the item back; the loan is complete.', { checkedInAt: instant }),
  LoanReportedLost: loan('The item was reported lost; the ledger posts the compensation.', { reportedBy: isil, reportedAt: instant }, { reason: text, compensation: money }),
  LoanCancelled: loan('The loan was cancelled before the item was shipped.', { cancelledBy: isil, cancelledAt: instant }, { reason: text }),
};
