export * from './rotation.commands';
export * from './rotation.errors';
export * from './rotation.events';
export {
  MAX_HOST_DAYS, MAX_ROTATION_ITEMS, legOf,
  type RotationItem, type RotationItemInput, type RotationLeg, type RotationStop, type RotationStopInput,
} from './rotation.plan';
export { CLOSED_ROTATION_STATUSES, isClosedRotationStatus, type ClosedRotationStatus, type RotationStatus } from './rotation.status';
export {
  decide, evolve, holderOf, initialState, nextLeg, rotationDecider,
  type ExistingRotation, type NoRotation, type Rotation,
} from './rotation.decider';
