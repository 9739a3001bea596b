import type { Actor, CommandMetadata } from '../../../src/domain/shared/decider';
import { toIsil } from '../../../src/domain/shared/isil';
import type * as C from '../../../src/domain/loans/loan.commands';
import type * as E from '../../../src/domain/loans/loan.events';
import type { LoanTerms } from '../../../src/domain/loans/loan.terms';
import type { AgreementTerms, CoverageFacts } from '../../../src/domain/shared/cooperation';
import { agreement, standings } from '../shared/agreement.fixtures';

export const LENDER = toIsil('ID-JKPNRI');
export const BORROWER = toIsil('ID-BDGKOTA');
export const STRANGER = toIsil('ID-SBYKOTA');
export const loanId = 'loan-1';

export const terms: LoanTerms = {
  loanPeriodDays: 28,
  maxRenewals: 2,
  fee: { amount: '2.50', currency: 'EUR' },
  lostItemCompensation: { amount: '45.00', currency: 'EUR' },
};
export const item: E.LoanItem = { title: 'Max Havelaar', author: 'Multatuli', isbn: '9780306406157', year: 1860 };

/** Fixed instants along one loan's life. Shipped on 4 March with 28 days: due 1 April. */
export const AT = {
  requested: new Date('2025-03-03T09:00:00.000Z'),
  accepted: new Date('2025-03-03T14:00:00.000Z'),
  shipped: new Date('2025-03-04T10:00:00.000Z'),
  received: new Date('2025-03-06T11:00:00.000Z'),
  recalled: new Date('2025-03-20T08:00:00.000Z'),
  renewed: new Date('2025-03-25T12:00:00.000Z'),
  lastDueDay: new Date('2025-04-01T23:59:59.999Z'),
  overdue: new Date('2025-04-02T00:00:00.000Z'),
  returned: new Date('2025-04-03T09:30:00.000Z'),
  checkedIn: new Date('2025-04-05T15:00:00.000Z'),
};
export const FIRST_DUE = '2025-04-01';

export const keys = { loanId, lender: LENDER, borrower: BORROWER, agreementId: 'agr-1' };

// ---- events ----

export const requested: E.LoanRequested = {
  type: 'LoanRequested',
  data: { ...keys, item, terms, requestedAt: AT.requested.toISOString() },
};
export const accepted: E.LoanAccepted = { type: 'LoanAccepted', data: { ...keys, acceptedAt: AT.accepted.toISOString() } };
export const declined: E.LoanDeclined = {
  type: 'LoanDeclined',
  data: { ...keys, reason: 'Not for loan: rare book', declinedAt: AT.accepted.toISOString() },
};
export const shipped: E.LoanShipped = {
  type: 'LoanShipped',
  data: { ...keys, shippedAt: AT.shipped.toISOString(), dueOn: FIRST_DUE, fee: terms.fee },
};
export const received: E.LoanReceived = { type: 'LoanReceived', data: { ...keys, receivedAt: AT.received.toISOString() } };
export const renewed: E.LoanRenewed = {
  type: 'LoanRenewed',
  data: { ...keys, renewedAt: AT.renewed.toISOString(), previousDueOn: FIRST_DUE, dueOn: '2025-04-29', renewals: 1 },
};
export const recalled: E.LoanRecalled = {
  type: 'LoanRecalled',
  data: { ...keys, recalledAt: AT.recalled.toISOString(), dueOn: '2025-03-27' },
};
export const becameOverdue: E.LoanBecameOverdue = {
  type: 'LoanBecameOverdue',
  data: { ...keys, dueOn: FIRST_DUE, detectedAt: AT.overdue.toISOString() },
};
export const returnShipped: E.LoanReturnShipped = {
  type: 'LoanReturnShipped',
  data: { ...keys, returnedAt: AT.returned.toISOString() },
};
export const checkedIn: E.LoanCheckedIn = { type: 'LoanCheckedIn', data: { ...keys, checkedInAt: AT.checkedIn.toISOString() } };
export const reportedLost: E.LoanReportedLost = {
  type: 'LoanReportedLost',
  data: { ...keys, reportedBy: BORROWER, reportedAt: AT.returned.toISOString(), compensation: terms.lostItemCompensation },
};
export const cancelled: E.LoanCancelled = {
  type: 'LoanCancelled',
  data: { ...keys, cancelledBy: BORROWER, cancelledAt: AT.accepted.toISOString() },
};

// ---- commands ----

/** `by` names the acting library; `actor` replaces the actor whole (a coordinator, the scheduler). */
export type As = { by?: string; now?: Date; actor?: Actor };

const metadata = (as: As, by: string, now: Date): CommandMetadata => ({
  now: as.now ?? now,
  actor: as.actor ?? { role: 'librarian', library: as.by ?? by },
});

export const SCHEDULER: Actor = { role: 'system' };

/** The agreement the fixture loans are made under: its terms are the loan's. */
export const loanAgreement = (agreementTerms: Partial<AgreementTerms> = {}) =>
  agreement({
    terms: {
      loanPeriodDays: terms.loanPeriodDays,
      maxRenewals: terms.maxRenewals,
      feePerLoan: terms.fee,
      lostItemCompensation: terms.lostItemCompensation,
      goalRatio: 1,
      claimHoldDays: 90,
      ...agreementTerms,
    },
  });

export const requestLoan = (as: As = {}, data: Partial<C.RequestLoan['data']> = {}): C.RequestLoan => ({
  type: 'RequestLoan',
  data: { loanId, lender: LENDER, agreementId: 'agr-1', agreement: loanAgreement(), standings: standings(), item, ...data },
  metadata: metadata(as, BORROWER, AT.requested),
});
/** The facts of a step that commits the parties anew, by default as the application gathers them: the agreement in force, every library active. */
export type Facts = Partial<CoverageFacts>;
const facts = (changes: Facts): CoverageFacts => ({ agreement: loanAgreement(), standings: standings(), ...changes });

export const acceptLoan = (as: As = {}, changes: Facts = {}): C.AcceptLoan => ({
  type: 'AcceptLoan', data: { loanId, ...facts(changes) }, metadata: metadata(as, LENDER, AT.accepted),
});
export const declineLoan = (as: As = {}, reason = 'Not for loan: rare book'): C.DeclineLoan => ({
  type: 'DeclineLoan', data: { loanId, reason }, metadata: metadata(as, LENDER, AT.accepted),
});
export const shipLoan = (as: As = {}, changes: Facts = {}): C.ShipLoan => ({
  type: 'ShipLoan', data: { loanId, ...facts(changes) }, metadata: metadata(as, LENDER, AT.shipped),
});
export const receiveLoan = (as: As = {}): C.ReceiveLoan => ({
  type: 'ReceiveLoan', data: { loanId }, metadata: metadata(as, BORROWER, AT.received),
});
export const renewLoan = (as: As = {}, changes: Facts = {}): C.RenewLoan => ({
  type: 'RenewLoan', data: { loanId, ...facts(changes) }, metadata: metadata(as, BORROWER, AT.renewed),
});
export const recallLoan = (as: As = {}, data: { dueOn?: string; reason?: string } = {}): C.RecallLoan => ({
  type: 'RecallLoan', data: { loanId, ...data }, metadata: metadata(as, LENDER, AT.recalled),
});
export const markLoanOverdue = (as: As = {}): C.MarkLoanOverdue => ({
  type: 'MarkLoanOverdue', data: { loanId }, metadata: { now: as.now ?? AT.overdue, actor: as.actor ?? SCHEDULER },
});
export const returnLoan = (as: As = {}): C.ReturnLoan => ({
  type: 'ReturnLoan', data: { loanId }, metadata: metadata(as, BORROWER, AT.returned),
});
export const checkInLoan = (as: As = {}): C.CheckInLoan => ({
  type: 'CheckInLoan', data: { loanId }, metadata: metadata(as, LENDER, AT.checkedIn),
});
export const reportLoanLost = (as: As = {}, reason?: string): C.ReportLoanLost => ({
  type: 'ReportLoanLost', data: { loanId, ...(reason === undefined ? {} : { reason }) },
  metadata: metadata(as, BORROWER, AT.returned),
});
export const cancelLoan = (as: As = {}, reason?: string): C.CancelLoan => ({
  type: 'CancelLoan', data: { loanId, ...(reason === undefined ? {} : { reason }) },
  metadata: metadata(as, BORROWER, AT.accepted),
});
