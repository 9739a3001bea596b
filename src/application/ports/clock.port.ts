/** Time comes in from outside, so deciders and the scheduler are deterministic in tests. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('Clock');

export const systemClock: Clock = { now: () => new Date() };
