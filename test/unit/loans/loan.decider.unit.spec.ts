import { decidedBy, deciderSpec } from '../../support/decider-spec';
import { standings } from '../shared/agreement.fixtures';
import {
  AgreementDoesNotCover, AgreementNotFound, AgreementNotInForce, NotAMember, PartnerNotActive,
} from '../../../src/domain/shared/cooperation';
import type { RequestLoan } from '../../../src/domain/loans/loan.commands';
import { fold } from '../../../src/domain/shared/decider';
import { InvalidValue } from '../../../src/domain/shared/errors';
import {
  CLOSED_LOAN_STATUSES, CannotBorrowFromOwnLibrary, InvalidTransition, LoanAlreadyExists, LoanAlreadyRecalled,
  LoanChangedMeanwhile, LoanClosed, LoanNotAccepted, LoanNotFound, LoanNotOnLoan, LoanNotShipped, LoanNotYetDue, NoActingLibrary,
  NotAParty, NotTheBorrower, NotTheLender, NotTheScheduler, OverdueLoanCannotBeRenewed, RecallCannotPostponeDueDate,
  RecallDueDateInPast, RecalledLoanCannotBeRenewed, RenewalLimitReached, isoStatus, loanDecider,
  type LoanCommand, type LoanEvent, type LoanRenewed,
} from '../../../src/domain/loans';
import {
  AT, BORROWER, FIRST_DUE, LENDER, SCHEDULER, STRANGER, loanAgreement, acceptLoan, accepted, becameOverdue, cancelLoan, cancelled,
  checkInLoan, checkedIn, declineLoan, declined, keys, markLoanOverdue, recallLoan, recalled,
  receiveLoan, received, renewLoan, renewed, reportLoanLost, reportedLost, requestLoan, requested, returnLoan,
  returnShipped, shipLoan, shipped, terms, type Facts,
} from './loan.fixtures';
import { dayOf } from '../../../src/domain/shared/dates';

const given = deciderSpec(loanDecider);

const REQUESTED: LoanEvent[] = [requested];
const ACCEPTED: LoanEvent[] = [requested, accepted];
const SHIPPED: LoanEvent[] = [...ACCEPTED, shipped];
const ON_LOAN: LoanEvent[] = [...SHIPPED, received];
const RETURNING: LoanEvent[] = [...ON_LOAN, returnShipped];

const renewedTwice: LoanRenewed = {
  type: 'LoanRenewed',
  data: {
    ...keys, renewedAt: '2025-04-20T10:00:00.000Z', previousDueOn: '2025-04-29', dueOn: '2025-05-27', renewals: 2,
  },
};

/** The events a command records, for rules that pin down part of them only (computed dates). */
const decided = decidedBy(loanDecider);

/** The error a command is refused with, to check what `thenThrows` cannot: its field and code. */
const refusal = (events: readonly LoanEvent[], command: LoanCommand): unknown => {
  try {
    loanDecider.decide(command, fold(loanDecider, events));
  } catch (error) {
    return error;
  }
  throw new Error(`${command.type} was not refused`);
};

describe('RequestLoan', () => {
  it('records the request with the actor’s library as borrower', () =>
    given([]).when(requestLoan()).then([requested]));

  it.each<[string, Partial<RequestLoan['data']>, new (...args: never[]) => Error]>([
    ['no agreement', { agreement: null }, AgreementNotFound],
    ['a terminated agreement', { agreement: { ...loanAgreement(), terminated: true } }, AgreementNotInForce],
    ['an agreement not yet started', { agreement: { ...loanAgreement(), startsOn: '2025-06-01' } }, AgreementNotInForce],
    ['an agreement that has ended', { agreement: { ...loanAgreement(), endsOn: '2025-02-28' } }, AgreementNotInForce],
    ['an agreement without loans', { agreement: { ...loanAgreement(), forms: ['exchanges'] } }, AgreementDoesNotCover],
    ['a lender that is not a member', { agreement: { ...loanAgreement(), members: [BORROWER] } }, NotAMember],
    ['a suspended lender', { standings: standings({ [LENDER]: 'suspended' }) }, PartnerNotActive],
    ['a borrower that has left', { standings: standings({ [BORROWER]: 'left' }) }, PartnerNotActive],
    ['an unregistered lender', { standings: standings({ [LENDER]: undefined }) }, PartnerNotActive],
  ])('refuses a loan under %s', (_, data, error) => given([]).when(requestLoan({}, data)).thenThrows(error));

  it.each<[string, Partial<RequestLoan['data']>, object]>([
    ['a terminated agreement', { agreement: { ...loanAgreement(), terminated: true } }, { code: 'agreement-not-in-force', field: 'agreementId' }],
    ['an agreement without loans', { agreement: { ...loanAgreement(), forms: ['exchanges'] } }, { code: 'agreement-does-not-cover', field: 'agreementId' }],
    ['a lender that is not a member', { agreement: { ...loanAgreement(), members: [BORROWER] } }, { code: 'not-a-member', field: 'lender' }],
    ['a suspended lender', { standings: standings({ [LENDER]: 'suspended' }) }, { code: 'partner-not-active', field: 'lender' }],
  ])('names the field of %s', (_, data, expected) => expect(refusal([], requestLoan({}, data))).toMatchObject(expected));

  it('copies the terms of its agreement onto the loan', () =>
    expect(decided([], requestLoan({}, { agreement: loanAgreement({ loanPeriodDays: 14, feePerLoan: undefined }) })))
      .toMatchObject([{ data: { terms: { loanPeriodDays: 14, maxRenewals: 2, lostItemCompensation: terms.lostItemCompensation } } }]));

  it('normalises ISILs to capitals', () =>
    given([]).when(requestLoan({ by: 'id-bdgkota' }, { lender: 'id-jkpnri' })).then([requested]));

  it('refuses a loan id already used', () => given(REQUESTED).when(requestLoan()).thenThrows(LoanAlreadyExists));

  it('needs a library to act', () =>
    given([]).when(requestLoan({ actor: { role: 'coordinator' } })).thenThrows(NoActingLibrary));

  it('refuses borrowing from one’s own library, whatever the case', () =>
    given([]).when(requestLoan({}, { lender: 'id-bdgkota' })).thenThrows(CannotBorrowFromOwnLibrary));

  it('refuses a lender that is not an ISIL', () =>
    expect(refusal([], requestLoan({}, { lender: 'Jakarta' }))).toMatchObject({ field: 'lender' }));

  it('refuses an item without a title', () =>
    expect(refusal([], requestLoan({}, { item: { title: ' ' } }))).toMatchObject({ field: 'item.title' }));

  it.each([
    ['an ISBN-10 with hyphens', '0-306-40615-2'],
    ['an ISBN-13 with hyphens', '978-0-306-40615-7'],
    ['an ISBN-13 with spaces', ' 978 0 306 40615 7'],
  ])('records the item\'s ISBN as its 13 digits, as every ISBN the ledger keeps, from %s', (_, isbn) =>
    expect(decided([], requestLoan({}, { item: { title: 'Max Havelaar', isbn } }))).toMatchObject([{ data: { item: { title: 'Max Havelaar', isbn: '9780306406157' } } }]));

  it('refuses an item ISBN with a wrong check digit, naming it', () =>
    expect(refusal([], requestLoan({}, { item: { title: 'Max Havelaar', isbn: '978-0-306-40615-8' } }))).toMatchObject({ code: 'invalid-value', field: 'item.isbn' }));

  it.each([
    ['terms.loanPeriodDays', { ...terms, loanPeriodDays: 0 }],
    ['terms.loanPeriodDays', { ...terms, loanPeriodDays: 366 }],
    ['terms.loanPeriodDays', { ...terms, loanPeriodDays: 14.5 }],
    ['terms.maxRenewals', { ...terms, maxRenewals: -1 }],
    ['terms.maxRenewals', { ...terms, maxRenewals: 21 }],
    ['terms.fee.amount', { ...terms, fee: { amount: '-1', currency: 'EUR' } }],
    ['terms.lostItemCompensation.currency', { ...terms, lostItemCompensation: { amount: '5', currency: 'euro' } }],
  ])('refuses invalid terms (%s)', (field, badTerms) => {
    const { fee, lostItemCompensation, ...rest } = badTerms;
    const bad = requestLoan({}, { agreement: loanAgreement({ ...rest, feePerLoan: fee, lostItemCompensation }) });
    given([]).when(bad).thenThrows(InvalidValue);
    expect(refusal([], bad)).toMatchObject({ code: 'invalid-value', field });
  });

  it.each([
    ['shortest', 1, 0],
    ['longest', 365, 20],
  ])('accepts the %s terms allowed', (_, loanPeriodDays, maxRenewals) =>
    expect(decided([], requestLoan({}, { agreement: loanAgreement({ loanPeriodDays, maxRenewals }) })))
      .toMatchObject([{ type: 'LoanRequested', data: { ...keys, terms: { loanPeriodDays, maxRenewals } } }]));
});

describe('AcceptLoan', () => {
  it('records the lender’s acceptance', () => given(REQUESTED).when(acceptLoan()).then([accepted]));
  it('lets only the lender accept', () => given(REQUESTED).when(acceptLoan({ by: BORROWER })).thenThrows(NotTheLender));
  it('refuses a library that is not a party', () => given(REQUESTED).when(acceptLoan({ by: STRANGER })).thenThrows(NotAParty));
  it('tells a stranger nothing of a closed loan', () =>
    given([...REQUESTED, declined]).when(acceptLoan({ by: STRANGER })).thenThrows(NotAParty));
  it('refuses an actor with no library', () =>
    given(REQUESTED).when(acceptLoan({ actor: { role: 'coordinator' } })).thenThrows(NoActingLibrary));
  it('refuses an unknown loan', () => given([]).when(acceptLoan()).thenThrows(LoanNotFound));
  it('refuses accepting twice', () => given(ACCEPTED).when(acceptLoan()).thenThrows(InvalidTransition));
  it('refuses accepting a shipped loan', () => given(SHIPPED).when(acceptLoan()).thenThrows(InvalidTransition));
});

describe('DeclineLoan', () => {
  it('declines a request', () => given(REQUESTED).when(declineLoan()).then([declined]));
  it('declines an accepted loan not yet shipped', () => given(ACCEPTED).when(declineLoan()).then([declined]));
  it('lets only the lender decline', () =>
    given(REQUESTED).when(declineLoan({ by: BORROWER })).thenThrows(NotTheLender));
  it('refuses declining once shipped', () => given(SHIPPED).when(declineLoan()).thenThrows(InvalidTransition));
  it('needs a reason', () =>
    expect(refusal(REQUESTED, declineLoan({}, '  '))).toMatchObject({ code: 'invalid-value', field: 'reason' }));
});

describe('ShipLoan', () => {
  it('ships with the due date a loan period from now, and the agreed fee', () =>
    given(ACCEPTED).when(shipLoan()).then([shipped]));

  it('ships without a fee when none was agreed', () =>
    given([{ ...requested, data: { ...requested.data, terms: { loanPeriodDays: 14, maxRenewals: 1 } } }, accepted])
      .when(shipLoan())
      .then([{ type: 'LoanShipped', data: { ...keys, shippedAt: AT.shipped.toISOString(), dueOn: '2025-03-18' } }]));

  it('refuses shipping before acceptance', () => given(REQUESTED).when(shipLoan()).thenThrows(LoanNotAccepted));
  it('lets only the lender ship', () => given(ACCEPTED).when(shipLoan({ by: BORROWER })).thenThrows(NotTheLender));
  it('refuses shipping twice', () => given(SHIPPED).when(shipLoan()).thenThrows(InvalidTransition));
  it('refuses an unknown loan', () => given([]).when(shipLoan()).thenThrows(LoanNotFound));
});

describe('ReceiveLoan', () => {
  it('records receipt by the borrower', () => given(SHIPPED).when(receiveLoan()).then([received]));
  it('refuses receipt before shipping (requested)', () =>
    given(REQUESTED).when(receiveLoan()).thenThrows(LoanNotShipped));
  it('refuses receipt before shipping (accepted)', () =>
    given(ACCEPTED).when(receiveLoan()).thenThrows(LoanNotShipped));
  it('lets only the borrower receive', () =>
    given(SHIPPED).when(receiveLoan({ by: LENDER })).thenThrows(NotTheBorrower));
  it('refuses receiving twice', () => given(ON_LOAN).when(receiveLoan()).thenThrows(InvalidTransition));
});

describe('RenewLoan', () => {
  it('moves the due date a loan period on from the current one', () =>
    given(ON_LOAN).when(renewLoan()).then([renewed]));

  it('counts renewals and extends from the renewed date', () =>
    given([...ON_LOAN, renewed]).when(renewLoan({ now: new Date('2025-04-20T10:00:00.000Z') })).then([renewedTwice]));

  it('stops at the renewal limit of the terms', () =>
    given([...ON_LOAN, renewed, renewedTwice])
      .when(renewLoan({ now: new Date('2025-05-01T10:00:00.000Z') }))
      .thenThrows(RenewalLimitReached));

  it('allows no renewal when the terms allow none', () =>
    given([{ ...requested, data: { ...requested.data, terms: { ...terms, maxRenewals: 0 } } }, accepted, shipped, received])
      .when(renewLoan())
      .thenThrows(RenewalLimitReached));

  it('refuses renewing a recalled loan', () =>
    given([...ON_LOAN, recalled]).when(renewLoan({ now: AT.recalled })).thenThrows(RecalledLoanCannotBeRenewed));

  it('refuses renewing a loan marked overdue', () =>
    given([...ON_LOAN, becameOverdue]).when(renewLoan()).thenThrows(OverdueLoanCannotBeRenewed));

  it('refuses renewing past the due date even before it is marked overdue', () =>
    given(ON_LOAN).when(renewLoan({ now: AT.overdue })).thenThrows(OverdueLoanCannotBeRenewed));

  it('still renews on the due day itself', () =>
    expect(decided(ON_LOAN, renewLoan({ now: AT.lastDueDay })))
      .toMatchObject([{ type: 'LoanRenewed', data: { previousDueOn: FIRST_DUE, dueOn: '2025-04-29', renewals: 1 } }]));

  it('refuses renewing an item not yet received', () =>
    given(SHIPPED).when(renewLoan()).thenThrows(LoanNotOnLoan));
  it('refuses renewing an item on its way back', () =>
    given(RETURNING).when(renewLoan()).thenThrows(LoanNotOnLoan));
  it('lets only the borrower renew', () => given(ON_LOAN).when(renewLoan({ by: LENDER })).thenThrows(NotTheBorrower));
});

describe('RecallLoan', () => {
  it('keeps the current due date by default', () =>
    given(ON_LOAN).when(recallLoan()).then([{
      type: 'LoanRecalled', data: { ...keys, recalledAt: AT.recalled.toISOString(), dueOn: FIRST_DUE },
    }]));

  it('may bring the due date forward, with a reason', () =>
    given(ON_LOAN).when(recallLoan({}, { dueOn: '2025-03-27', reason: 'Needed for an exhibition' })).then([{
      type: 'LoanRecalled',
      data: { ...keys, recalledAt: AT.recalled.toISOString(), dueOn: '2025-03-27', reason: 'Needed for an exhibition' },
    }]));

  it('may make the item due today', () =>
    expect(decided(ON_LOAN, recallLoan({}, { dueOn: '2025-03-20' }))).toMatchObject([{ data: { dueOn: '2025-03-20' } }]));

  it('may recall an item still in transit', () =>
    expect(decided(SHIPPED, recallLoan())).toMatchObject([{ type: 'LoanRecalled', data: { dueOn: FIRST_DUE } }]));

  it('keeps a renewed due date by default', () =>
    expect(decided([...ON_LOAN, renewed], recallLoan({ now: new Date('2025-04-10T08:00:00.000Z') })))
      .toMatchObject([{ data: { dueOn: '2025-04-29' } }]));

  it('refuses a due date later than the current one', () =>
    given(ON_LOAN).when(recallLoan({}, { dueOn: '2025-04-02' })).thenThrows(RecallCannotPostponeDueDate));

  it('refuses a due date in the past', () =>
    given(ON_LOAN).when(recallLoan({}, { dueOn: '2025-03-19' })).thenThrows(RecallDueDateInPast));

  it.each(['2025-02-30', 'next week', '2025-3-27'])('refuses a due date that is not a date (%s)', (dueOn) =>
    expect(refusal(ON_LOAN, recallLoan({}, { dueOn }))).toMatchObject({ code: 'invalid-value', field: 'dueOn' }));

  it('recalls only once', () =>
    given([...ON_LOAN, recalled]).when(recallLoan()).thenThrows(LoanAlreadyRecalled));
  it('lets only the lender recall', () => given(ON_LOAN).when(recallLoan({ by: BORROWER })).thenThrows(NotTheLender));
  it('refuses recalling an item not yet shipped', () =>
    given(ACCEPTED).when(recallLoan()).thenThrows(InvalidTransition));
  it('refuses recalling an item already on its way back', () =>
    given(RETURNING).when(recallLoan()).thenThrows(InvalidTransition));
});

describe('MarkLoanOverdue', () => {
  it('records an on-loan item overdue once its due day has passed', () =>
    given(ON_LOAN).when(markLoanOverdue()).then([becameOverdue]));

  it('records an item still in transit overdue', () =>
    given(SHIPPED).when(markLoanOverdue()).then([becameOverdue]));

  it('counts from a due date a recall brought forward', () =>
    given([...ON_LOAN, recalled]).when(markLoanOverdue({ now: new Date('2025-03-28T00:00:00.000Z') })).then([{
      type: 'LoanBecameOverdue', data: { ...keys, dueOn: '2025-03-27', detectedAt: '2025-03-28T00:00:00.000Z' },
    }]));

  it('records it exactly once when the scheduler runs twice', () => {
    const first = decided(ON_LOAN, markLoanOverdue());
    expect(first).toEqual([becameOverdue]);
    given([...ON_LOAN, ...first]).when(markLoanOverdue({ now: new Date('2025-04-03T00:00:00.000Z') })).then([]);
  });

  it('does nothing once the item is on its way back', () => given(RETURNING).when(markLoanOverdue()).then([]));

  it('refuses on the due day itself', () =>
    given(ON_LOAN).when(markLoanOverdue({ now: AT.lastDueDay })).thenThrows(LoanNotYetDue));
  it('refuses an item not yet shipped', () => given(ACCEPTED).when(markLoanOverdue()).thenThrows(LoanNotShipped));
  it('refuses an unknown loan', () => given([]).when(markLoanOverdue()).thenThrows(LoanNotFound));

  it.each([LENDER, BORROWER])('is not for a library to send (%s)', (library) =>
    given(ON_LOAN).when(markLoanOverdue({ actor: { role: 'librarian', library } })).thenThrows(NotTheScheduler));
  it('is not for a coordinator to send', () =>
    given(ON_LOAN).when(markLoanOverdue({ actor: { role: 'coordinator' } })).thenThrows(NotTheScheduler));
});

describe('ReturnLoan', () => {
  it('records the borrower shipping the item back', () => given(ON_LOAN).when(returnLoan()).then([returnShipped]));
  it('returns an overdue item', () =>
    given([...ON_LOAN, becameOverdue]).when(returnLoan()).then([returnShipped]));
  it('returns a recalled item', () => given([...ON_LOAN, recalled]).when(returnLoan()).then([returnShipped]));
  it('refuses returning an item not yet received', () => given(SHIPPED).when(returnLoan()).thenThrows(LoanNotOnLoan));
  it('refuses returning twice', () => given(RETURNING).when(returnLoan()).thenThrows(LoanNotOnLoan));
  it('lets only the borrower return', () => given(ON_LOAN).when(returnLoan({ by: LENDER })).thenThrows(NotTheBorrower));
});

describe('CheckInLoan', () => {
  it('checks in a returned item', () => given(RETURNING).when(checkInLoan()).then([checkedIn]));
  it('checks in an item that came back without a return notice', () =>
    given(ON_LOAN).when(checkInLoan()).then([checkedIn]));
  it('lets only the lender check in', () =>
    given(RETURNING).when(checkInLoan({ by: BORROWER })).thenThrows(NotTheLender));
  it('refuses checking in an item the borrower has not received', () =>
    given(SHIPPED).when(checkInLoan()).thenThrows(InvalidTransition));
  it('refuses checking in an item never shipped', () =>
    given(ACCEPTED).when(checkInLoan()).thenThrows(InvalidTransition));
});

describe('ReportLoanLost', () => {
  it('lets the borrower report it lost, owing the agreed compensation', () =>
    given(ON_LOAN).when(reportLoanLost()).then([reportedLost]));

  it('lets the lender report it lost on its way back, with a reason', () =>
    given(RETURNING).when(reportLoanLost({ by: LENDER }, 'Parcel lost by the carrier')).then([{
      type: 'LoanReportedLost',
      data: {
        ...keys, reportedBy: LENDER, reportedAt: AT.returned.toISOString(), reason: 'Parcel lost by the carrier',
        compensation: terms.lostItemCompensation,
      },
    }]));

  it('reports an item lost in transit, without compensation when none was agreed', () =>
    given([{ ...requested, data: { ...requested.data, terms: { loanPeriodDays: 28, maxRenewals: 2 } } }, accepted, shipped])
      .when(reportLoanLost())
      .then([{ type: 'LoanReportedLost', data: { ...keys, reportedBy: BORROWER, reportedAt: AT.returned.toISOString() } }]));

  it('refuses another library', () => given(ON_LOAN).when(reportLoanLost({ by: STRANGER })).thenThrows(NotAParty));
  it('refuses an item never shipped', () => given(ACCEPTED).when(reportLoanLost()).thenThrows(InvalidTransition));
});

describe('CancelLoan', () => {
  it('lets the borrower cancel a request', () => given(REQUESTED).when(cancelLoan()).then([cancelled]));
  it('lets the borrower cancel an accepted loan, with a reason', () =>
    given(ACCEPTED).when(cancelLoan({}, 'Reader no longer needs it')).then([{
      type: 'LoanCancelled',
      data: { ...keys, cancelledBy: BORROWER, reason: 'Reader no longer needs it', cancelledAt: AT.accepted.toISOString() },
    }]));
  it('lets only the borrower cancel', () =>
    given(REQUESTED).when(cancelLoan({ by: LENDER })).thenThrows(NotTheBorrower));
  it('refuses cancelling once shipped', () => given(SHIPPED).when(cancelLoan()).thenThrows(InvalidTransition));
});

describe('a step that commits lender and borrower anew, under the loan’s agreement as it stands that day', () => {
  const ended = '2025-03-02';
  const members = (...gone: string[]) => loanAgreement().members.filter((isil) => !gone.includes(isil));
  const COMMITTING: [string, LoanEvent[], (facts: Facts) => LoanCommand][] = [
    ['AcceptLoan', REQUESTED, (facts) => acceptLoan({}, facts)],
    ['ShipLoan', ACCEPTED, (facts) => shipLoan({}, facts)],
    ['RenewLoan', ON_LOAN, (facts) => renewLoan({}, facts)],
  ];

  describe.each(COMMITTING)('%s', (_, history, step) => {
    it.each<[string, Facts, object]>([
      ['the agreement was terminated', { agreement: { ...loanAgreement(), terminated: true } },
        { code: 'agreement-not-in-force', kind: 'rule', field: 'agreementId', message: expect.stringContaining('terminated') }],
      ['the agreement has ended', { agreement: { ...loanAgreement(), endsOn: ended } },
        { code: 'agreement-not-in-force', kind: 'rule', field: 'agreementId', message: expect.stringContaining(`ended on ${ended}`) }],
      ['the agreement no longer covers loans', { agreement: { ...loanAgreement(), forms: ['exchanges'] } },
        { code: 'agreement-does-not-cover', kind: 'rule', field: 'agreementId' }],
      ['the lender withdrew from the agreement', { agreement: { ...loanAgreement(), members: members(LENDER) } },
        { code: 'not-a-member', kind: 'forbidden', field: 'lender', message: expect.stringContaining(LENDER) }],
      ['the borrower withdrew from the agreement', { agreement: { ...loanAgreement(), members: members(BORROWER) } },
        { code: 'not-a-member', kind: 'forbidden', field: 'borrower', message: expect.stringContaining(BORROWER) }],
      ['the lender is suspended', { standings: standings({ [LENDER]: 'suspended' }) },
        { code: 'partner-not-active', kind: 'rule', field: 'lender', message: expect.stringContaining('is suspended') }],
      ['the borrower is suspended', { standings: standings({ [BORROWER]: 'suspended' }) },
        { code: 'partner-not-active', kind: 'rule', field: 'borrower', message: expect.stringContaining('is suspended') }],
      ['the borrower has left the network', { standings: standings({ [BORROWER]: 'left' }) },
        { code: 'partner-not-active', kind: 'rule', field: 'borrower', message: expect.stringContaining('has left') }],
      ['the lender has left the network', { standings: standings({ [LENDER]: 'left' }) },
        { code: 'partner-not-active', kind: 'rule', field: 'lender', message: expect.stringContaining('has left') }],
    ])('is refused when %s, naming what is wrong', (_why, facts, expected) =>
      expect(refusal(history, step(facts))).toMatchObject(expected));

    it('uses the error types of every act under an agreement', () => {
      given(history).when(step({ agreement: { ...loanAgreement(), terminated: true } })).thenThrows(AgreementNotInForce);
      given(history).when(step({ agreement: { ...loanAgreement(), forms: ['services'] } })).thenThrows(AgreementDoesNotCover);
      given(history).when(step({ agreement: { ...loanAgreement(), members: members(BORROWER) } })).thenThrows(NotAMember);
      given(history).when(step({ standings: standings({ [LENDER]: 'suspended' }) })).thenThrows(PartnerNotActive);
    });

    it('is recorded on the agreement’s last day', () => {
      const lastDay = dayOf(step({}).metadata.now);
      expect(decided(history, step({ agreement: { ...loanAgreement(), endsOn: lastDay } }))).toHaveLength(1);
    });

    it('refuses with concurrent-change when its facts were gathered before the loan was there, not as partners never registered', () => {
      given(history).when(step({ agreement: null, standings: {} })).thenThrows(LoanChangedMeanwhile);
      expect(refusal(history, step({ agreement: null, standings: {} }))).toMatchObject({ code: 'concurrent-change', kind: 'rule' });
      expect(refusal(history, step({ standings: standings({ [LENDER]: undefined }) })))
        .toMatchObject({ code: 'partner-not-active', field: 'lender', message: expect.stringContaining('not a registered partner') });
    });
  });

  it('asks who is acting first: the borrower accepting hears not-the-lender, whatever the agreement', () =>
    given(REQUESTED).when(acceptLoan({ by: BORROWER }, { agreement: { ...loanAgreement(), terminated: true } })).thenThrows(NotTheLender));

  it('asks the loan’s own rules first: a renewal past the limit hears so, whatever the agreement', () =>
    given([...ON_LOAN, renewed, renewedTwice])
      .when(renewLoan({ now: new Date('2025-05-01T10:00:00.000Z') }, { standings: standings({ [BORROWER]: 'left' }) }))
      .thenThrows(RenewalLimitReached));

  it('checks the loan of a request recorded before loans named their agreement on its parties only', () => {
    const { agreementId: _, ...withoutAgreement } = requested.data;
    const old: LoanEvent[] = [{ ...requested, data: withoutAgreement }];
    expect(decided(old, acceptLoan({}, { agreement: null }))).toMatchObject([{ type: 'LoanAccepted' }]);
    expect(refusal(old, acceptLoan({}, { agreement: null, standings: standings({ [BORROWER]: 'suspended' }) })))
      .toMatchObject({ code: 'partner-not-active', field: 'borrower' });
  });
});

describe('a step that winds a loan down, whatever became of its agreement or its parties', () => {
  // These commands carry no agreement and no standing: the decider has nothing to refuse them on.
  const WINDING_DOWN: [string, LoanEvent[], LoanCommand, LoanEvent['type'][]][] = [
    ['declining a request', REQUESTED, declineLoan(), ['LoanDeclined']],
    ['declining an accepted loan', ACCEPTED, declineLoan(), ['LoanDeclined']],
    ['cancelling a request', REQUESTED, cancelLoan(), ['LoanCancelled']],
    ['cancelling an accepted loan', ACCEPTED, cancelLoan(), ['LoanCancelled']],
    ['receiving the item shipped', SHIPPED, receiveLoan(), ['LoanReceived']],
    ['recalling it', ON_LOAN, recallLoan(), ['LoanRecalled']],
    ['the scheduler marking it overdue', ON_LOAN, markLoanOverdue(), ['LoanBecameOverdue']],
    ['returning it', ON_LOAN, returnLoan(), ['LoanReturnShipped']],
    ['checking it in once returned', RETURNING, checkInLoan(), ['LoanCheckedIn']],
    ['checking it in straight from loan', ON_LOAN, checkInLoan(), ['LoanCheckedIn']],
    ['reporting it lost in transit', SHIPPED, reportLoanLost(), ['LoanReportedLost']],
    ['reporting it lost on loan', ON_LOAN, reportLoanLost({ by: LENDER }), ['LoanReportedLost']],
    ['reporting it lost on its way back', RETURNING, reportLoanLost(), ['LoanReportedLost']],
  ];

  it.each(WINDING_DOWN)('allows %s', (_, history, command, types) => {
    expect(command.data).not.toHaveProperty('agreement');
    expect(command.data).not.toHaveProperty('standings');
    expect(decided(history, command).map((event) => event.type)).toEqual(types);
  });

  it('brings a loan on loan under a terminated agreement, with its borrower gone, back to its lender', () => {
    const terminated = { agreement: { ...loanAgreement(), terminated: true }, standings: standings({ [BORROWER]: 'left' }) };
    given(ON_LOAN).when(renewLoan({}, terminated)).thenThrows(AgreementNotInForce);
    const back = decided(ON_LOAN, returnLoan());
    given([...ON_LOAN, ...back]).when(checkInLoan()).then([checkedIn]);
  });

  it('lets a loan accepted but no longer shippable be declined or cancelled', () => {
    given(ACCEPTED).when(shipLoan({}, { standings: standings({ [BORROWER]: 'suspended' }) })).thenThrows(PartnerNotActive);
    given(ACCEPTED).when(declineLoan()).then([declined]);
    given(ACCEPTED).when(cancelLoan()).then([cancelled]);
  });
});

const CLOSED: [string, LoanEvent[]][] = [
  ['checked in', [...RETURNING, checkedIn]],
  ['declined', [requested, declined]],
  ['cancelled', [requested, cancelled]],
  ['lost', [...ON_LOAN, reportedLost]],
];

const PARTY_COMMANDS: LoanCommand[] = [
  acceptLoan(), declineLoan(), shipLoan(), receiveLoan(), renewLoan(), recallLoan(),
  returnLoan(), checkInLoan(), reportLoanLost(), cancelLoan(),
];

describe('a closed loan', () => {
  describe.each(CLOSED)('once %s', (_, history) => {
    it.each(PARTY_COMMANDS.map((command) => [command.type, command] as const))('refuses %s', (_type, command) =>
      given(history).when(command).thenThrows(LoanClosed));
    it('refuses a new request under its id', () => given(history).when(requestLoan()).thenThrows(LoanAlreadyExists));
    it('lets the scheduler pass over it', () => given(history).when(markLoanOverdue()).then([]));
  });
});

describe('a loan never requested', () => {
  it.each(PARTY_COMMANDS.map((command) => [command.type, command] as const))('refuses %s', (_type, command) =>
    given([]).when(command).thenThrows(LoanNotFound));
});

describe('evolve', () => {
  it('folds a loan’s history into its state', () =>
    expect(fold(loanDecider, [...ON_LOAN, renewed, recalled])).toEqual({
      status: 'on-loan', ...keys, terms, dueOn: '2025-03-27', renewals: 1, recalled: true, overdue: false,
    }));

  it('ignores an event on a stream with no request, rather than throwing', () =>
    expect(fold(loanDecider, [accepted, shipped])).toEqual({ status: 'none' }));
});

describe('isoStatus', () => {
  it.each<[string, string | undefined, LoanEvent[]]>([
    ['no loan', undefined, []],
    ['requested', 'ExpectToSupply', REQUESTED],
    ['accepted', 'WillSupply', ACCEPTED],
    ['shipped', 'Loaned', SHIPPED],
    ['on loan', 'Loaned', ON_LOAN],
    ['returning', 'Loaned', RETURNING],
    ['recalled', 'Recalled', [...ON_LOAN, recalled]],
    ['overdue', 'Overdue', [...ON_LOAN, becameOverdue]],
    ['recalled and overdue', 'Overdue', [...ON_LOAN, recalled, becameOverdue]],
    ['returned late', 'Overdue', [...ON_LOAN, becameOverdue, returnShipped]],
    ['declined', 'Unfilled', [requested, declined]],
    ['checked in', 'LoanCompleted', [...RETURNING, checkedIn]],
    ['lost', 'CompletedWithoutReturn', [...ON_LOAN, reportedLost]],
    ['cancelled', 'Cancelled', [requested, cancelled]],
  ])('maps %s to %s', (_, expected, history) => expect(isoStatus(fold(loanDecider, history))).toBe(expected));

  it('lists the closed statuses', () =>
    expect([...CLOSED_LOAN_STATUSES].sort()).toEqual(['cancelled', 'checked-in', 'declined', 'lost']));
});

describe('errors', () => {
  it.each<[LoanEvent[], LoanCommand, object]>([
    [REQUESTED, acceptLoan({ by: BORROWER }), { code: 'not-the-lender', kind: 'forbidden' }],
    [REQUESTED, acceptLoan({ by: STRANGER }), { code: 'not-a-party', kind: 'forbidden' }],
    [[], acceptLoan(), { code: 'loan-not-found', kind: 'not-found' }],
    [REQUESTED, shipLoan(), { code: 'loan-not-accepted', kind: 'rule' }],
    [ON_LOAN, recallLoan({}, { dueOn: '2025-03-01' }), { code: 'recall-due-date-in-past', kind: 'invalid', field: 'dueOn' }],
    [ON_LOAN, markLoanOverdue({ actor: { ...SCHEDULER, role: 'auditor' } }), { code: 'not-the-scheduler', kind: 'forbidden' }],
  ])('carry a stable code and kind (%#)', (history, command, expected) =>
    expect(refusal(history, command)).toMatchObject(expected));
});
