export * from './service.commands';
export * from './service.errors';
export * from './service.events';
export {
  MAX_UNITS, decide, evolve, initialState, serviceDecider,
  type ExistingService, type NoService, type Service,
} from './service.decider';
