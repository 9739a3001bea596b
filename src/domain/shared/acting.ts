import type { Command } from './decider';
import { Forbidden } from './errors';
import { toIsil, type Isil } from './isil';

/**
 * Who may act, for the aggregates whose rules are "a coordinator" or
 * "a coordinator or that library's own librarian". The acting library is
 * always `metadata.actor.library`, never a field of the data.
 */

export class NoActingLibrary extends Forbidden {
  constructor(action: string) {
    super('no-acting-library', `Only a library can ${action}, and this key is not bound to one.`);
  }
}

export class CoordinatorOnly extends Forbidden {
  constructor(action: string) {
    super('coordinator-only', `Only a coordinator can ${action}.`);
  }
}

export class NotThatLibrary extends Forbidden {
  constructor(isil: string, action: string) {
    super('not-that-library', `Only a coordinator or a librarian of ${isil} can ${action}.`);
  }
}

export const isCoordinator = (command: Command): boolean => command.metadata.actor.role === 'coordinator';

/** The library the key is bound to; refused when there is none. */
export const actingLibrary = (command: Command, action: string): Isil => {
  const library = command.metadata.actor.library;
  if (library === undefined || library.trim() === '') throw new NoActingLibrary(action);
  return toIsil(library, 'actor.library');
};

export const requireCoordinator = (command: Command, action: string): void => {
  if (!isCoordinator(command)) throw new CoordinatorOnly(action);
};

/** A coordinator, or a librarian whose key is bound to `isil`. */
export const requireCoordinatorOrLibrarianOf = (command: Command, isil: Isil, action: string): void => {
  if (isCoordinator(command)) return;
  if (command.metadata.actor.role !== 'librarian' || actingLibrary(command, action) !== isil) throw new NotThatLibrary(isil, action);
};
