import type { RecordedEvent } from '../../src/application/ports/event-store.port';
import type { DocumentProjection } from '../../src/application/projections/projection';
import { fold, type Command, type Decider, type DomainEvent } from '../../src/domain/shared/decider';
import { catalogueProblems } from './event-catalogue';

/**
 * The events a decider records for a command after past events. Every event a
 * decider emits in a test goes through here, so each must match its schema in
 * the event catalogue.
 */
export const decidedBy =
  <S, C extends Command, E extends DomainEvent>(decider: Decider<S, C, E>) =>
  (given: readonly E[], command: C): E[] => {
    const events = decider.decide(command, fold(decider, given));
    expect(catalogueProblems(events)).toEqual([]);
    return events;
  };

/**
 * Given/when/then for deciders: given past events, when a command, then the
 * new events or the error it is refused with.
 */
export const deciderSpec =
  <S, C extends Command, E extends DomainEvent>(decider: Decider<S, C, E>) =>
  (given: readonly E[]) => ({
    when: (command: C) => {
      const run = () => decidedBy(decider)(given, command);
      return {
        then: (expected: readonly E[]) => expect(run()).toEqual(expected),
        thenThrows: (error: new (...args: never[]) => Error) => expect(run).toThrow(error),
        /** For rules that pin down a part of the events only (computed dates, ids). */
        thenMatch: (expected: ReadonlyArray<{ type?: E['type']; data?: object }>) => expect(run()).toMatchObject(expected),
      };
    },
  });

/**
 * Stores domain events as the event store would, one after another in one
 * stream: positions and stream versions count from 1, and each is recorded at
 * the instant its own data names (`requestedAt`, `shippedAt`…), as the command
 * loop stamps it.
 */
const stored = (events: readonly DomainEvent[]): RecordedEvent[] =>
  events.map((event, index) => ({
    eventId: `event-${index + 1}`,
    type: event.type,
    streamId: 'stream-1',
    streamVersion: index + 1,
    position: String(index + 1),
    data: event.data,
    metadata: {
      actor: { role: 'system' },
      correlationId: 'correlation-1',
      causationId: 'causation-1',
      recordedAt: Object.entries(event.data).find(([key, value]) => key.endsWith('At') && typeof value === 'string')?.[1] as string,
    },
    prevHash: '',
    hash: '',
  }));

/** The documents a document projection holds after folding `events`, by key, as the runner folds them. */
const documentsAfter = <Doc extends object>(projection: DocumentProjection<Doc>, events: readonly RecordedEvent[]): Record<string, Doc> => {
  const documents = new Map<string, Doc>();
  for (const event of events.filter((e) => projection.handles.has(e.type))) {
    for (const key of projection.keysOf?.(event) ?? [projection.keyOf(event)]) {
      const doc = projection.evolve(documents.get(key) ?? null, event, key);
      if (doc === null) documents.delete(key);
      else documents.set(key, doc);
    }
  }
  return Object.fromEntries(documents);
};

/**
 * Given/then for document projections: given past events, then the documents
 * the read model holds, by key.
 */
export const projectionSpec =
  <Doc extends object>(projection: DocumentProjection<Doc>) =>
  (given: readonly DomainEvent[]) => {
    const documents = () => documentsAfter(projection, stored(given));
    return {
      then: (expected: Readonly<Record<string, Doc>>) => expect(documents()).toEqual(expected),
      /** For documents whose every field is not the rule under test. */
      thenMatch: (expected: Readonly<Record<string, object>>) => expect(documents()).toMatchObject(expected),
    };
  };
