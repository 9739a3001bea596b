export * from './agreement.commands';
export * from './agreement.errors';
export * from './agreement.events';
export { isSubject, subjectCovers, validateSubjects, type Subject } from './agreement.subjects';
export { MAX_GOAL_RATIO, validateAgreementTerms } from './agreement.terms';
export {
  MAX_MEMBERS, agreementDecider, agreementFacts, decide, evolve, goalRatioAt, initialState,
  type Agreement, type ExistingAgreement, type NoAgreement,
} from './agreement.decider';
