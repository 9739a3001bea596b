export * from './holdings.commands';
export * from './holdings.errors';
export * from './holdings.events';
export {
  MAX_SUBJECTS_PER_ITEM, decide, evolve, holdingsDecider, initialState,
  type Holdings, type LibraryHoldings, type NoHoldings,
} from './holdings.decider';
