/**
 * Writing a realistic log for a benchmark: commands run through the domain's
 * own deciders, so every event is one the service could have written.
 */
import { randomUUID } from 'node:crypto';
import { freshIds } from '../src/application/ports/ids.port';
import type { Unstamped } from '../src/application/commands/command-context';
import type { NewEvent } from '../src/application/ports/event-store.port';
import type { Actor, Command, Decider, DomainEvent } from '../src/domain/shared/decider';

export type Step<C extends Command> = Readonly<{ command: Unstamped<C>; actor: Actor; at: number }>;

/** Runs commands through a decider as the command loop would, keeping each event's time and actor. */
export const decideAll = <S, C extends Command, E extends DomainEvent>(decider: Decider<S, C, E>, steps: readonly Step<C>[]): NewEvent[] => {
  let state = decider.initialState();
  const out: NewEvent[] = [];
  const correlationId = randomUUID();
  for (const { command, actor, at } of steps) {
    const now = new Date(at);
    const events = decider.decide({ ...command, metadata: { now, actor } } as unknown as C, state);
    for (const event of events) {
      state = decider.evolve(state, event);
      out.push({
        // As the service makes them (UUIDv7): an index of event ids grows as it would in production.
        eventId: freshIds.next(),
        type: event.type,
        data: event.data,
        metadata: { actor: { ...actor, keyId: `key-${actor.library ?? actor.role}` }, correlationId, causationId: randomUUID(), recordedAt: now.toISOString() },
      });
    }
  }
  return out;
};

export const librarian = (library: string): Actor => ({ role: 'librarian', library });
export const COORDINATOR: Actor = { role: 'coordinator' };
export const SYSTEM: Actor = { role: 'system' };
