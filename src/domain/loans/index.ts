export * from './loan.commands';
export * from './loan.errors';
export * from './loan.events';
export { CLOSED_LOAN_STATUSES, isClosedStatus, type ClosedLoanStatus, type LoanStatus } from './loan.status';
export { validateMoney, validateTerms, type LoanTerms, type Money } from './loan.terms';
export {
  decide, evolve, initialState, isoStatus, loanDecider, withIsbn13,
  type ExistingLoan, type IsoLoanStatus, type Loan, type NoLoan,
} from './loan.decider';
