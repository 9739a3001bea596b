export * from './claim.commands';
export * from './claim.errors';
export * from './claim.events';
export { isOutsideDivisionOfLabour, validateTitleSubjects } from './division-of-labour';
export {
  claimDecider, decide, evolve, initialState,
  type ActiveClaim, type TitleClaims,
} from './claim.decider';
