import { count, day, describe, id, instant, isil, money, object, text, type EventDescriptions, type JsonSchema } from '../shared/event-schema';
import type { LoanEvent } from './loan.events';

const keys = { loanId: id, lender: isil, borrower: isil };
/**
 * A loan's ISBN is recorded as its 13 digits, but loans requested before the
 * ledger normalised it (2026-12-05) carry it as the borrower wrote it, a wrong
 * check digit included, and the log is never rewritten: subscribers receive
 * those events too, so the schema promises no pattern.
 */
const recordedIsbn: JsonSchema = {
  type: 'string',
  description: 'The ISBN-13, its 13 digits; in a loan requested before 2026-12-05, the ISBN as the borrower wrote it (ISBN-10, hyphens, spaces)',
  examples: ['9786020332956'],
};
const item = object({ title: text }, { isbn: recordedIsbn, author: text, publisher: text, year: count, note: text });
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
