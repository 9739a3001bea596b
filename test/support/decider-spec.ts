import type { Command, Decider, DomainEvent } from '../../src/domain/shared/decider';
import { catalogueProblems } from './event-catalogue';

/**
 * Given/when/then for deciders: given past events, when a command, then the
 * new events or the error it is refused with. Every event a decider emits
 * here must also match its schema in the event catalogue.
 */
export const deciderSpec =
  <S, C extends Command, E extends DomainEvent>(decider: Decider<S, C, E>) =>
  (given: readonly E[]) => ({
    when: (command: C) => {
      const run = () => {
        const events = decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
        expect(catalogueProblems(events)).toEqual([]);
        return events;
      };
      return {
        then: (expected: readonly E[]) => expect(run()).toEqual(expected),
        thenThrows: (error: new (...args: never[]) => Error) => expect(run).toThrow(error),
        /** For rules that pin down a part of the events only (computed dates, ids). */
        thenMatch: (expected: ReadonlyArray<{ type?: E['type']; data?: object }>) => expect(run()).toMatchObject(expected),
      };
    },
  });
