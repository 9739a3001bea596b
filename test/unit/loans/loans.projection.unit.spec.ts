import { loansProjection } from '../../../src/application/loans/loans.projection';
import { projectionSpec } from '../../support/decider-spec';
import {
  AT, FIRST_DUE, accepted, becameOverdue, checkedIn, declined, item, keys, loanId, received, recalled, renewed, requested, returnShipped, shipped, terms,
} from './loan.fixtures';

const given = projectionSpec(loansProjection);

describe('the loans read model', () => {
  it('holds a requested loan with its item, terms and when it was requested', () =>
    given([requested]).then({
      [loanId]: {
        status: 'requested', isoStatus: 'ExpectToSupply', ...keys, terms, item, renewals: 0, recalled: false, overdue: false,
        history: { LoanRequested: AT.requested.toISOString() },
        version: 1, position: '1', updatedAt: AT.requested.toISOString(),
      },
    }));

  it('follows a loan out to the borrower: due date, ISO status and each step’s time', () =>
    given([requested, accepted, shipped, received]).then({
      [loanId]: {
        status: 'on-loan', isoStatus: 'Loaned', ...keys, terms, item, dueOn: FIRST_DUE, renewals: 0, recalled: false, overdue: false,
        history: {
          LoanRequested: AT.requested.toISOString(),
          LoanAccepted: AT.accepted.toISOString(),
          LoanShipped: AT.shipped.toISOString(),
          LoanReceived: AT.received.toISOString(),
        },
        version: 4, position: '4', updatedAt: AT.received.toISOString(),
      },
    }));

  it('shows a recall, a renewal and an overdue loan as the decider sees them', () => {
    given([requested, accepted, shipped, received, recalled]).thenMatch({ [loanId]: { isoStatus: 'Recalled', recalled: true, dueOn: '2025-03-27' } });
    given([requested, accepted, shipped, received, renewed]).thenMatch({ [loanId]: { isoStatus: 'Loaned', renewals: 1, dueOn: '2025-04-29' } });
    given([requested, accepted, shipped, received, becameOverdue]).thenMatch({
      [loanId]: { status: 'on-loan', isoStatus: 'Overdue', overdue: true, updatedAt: AT.overdue.toISOString() },
    });
  });

  it('closes a loan checked in or declined', () => {
    given([requested, accepted, shipped, received, returnShipped, checkedIn]).thenMatch({
      [loanId]: { status: 'checked-in', isoStatus: 'LoanCompleted', version: 6, updatedAt: AT.checkedIn.toISOString() },
    });
    given([requested, declined]).thenMatch({ [loanId]: { status: 'declined', isoStatus: 'Unfilled' } });
  });

  it('makes no document of a step on a loan it never saw requested', () => given([shipped]).then({}));

  it('shows the ISBN of a loan recorded with it as the borrower wrote it as its 13 digits, and one that is no ISBN as it is', () => {
    const recordedWith = (isbn: string) => ({ ...requested, data: { ...requested.data, item: { ...item, isbn } } });
    given([recordedWith('978-0-306-40615-7')]).thenMatch({ [loanId]: { item: { ...item, isbn: '9780306406157' } } });
    given([recordedWith('not an ISBN')]).thenMatch({ [loanId]: { item: { ...item, isbn: 'not an ISBN' } } });
  });
});
