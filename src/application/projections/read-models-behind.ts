import { TimeoutError } from 'rxjs';
import type { Position } from '../ports/event-store.port';
import type { ProjectionRunner } from './projection-runner';

/** How long a query waits for the read models to reach the position it asked for. */
export const MIN_POSITION_WAIT_MS = 5000;

/** The read models did not reach the position a query asked for in time. */
export class ReadModelsBehind extends Error {
  constructor(
    readonly minPosition: Position,
    readonly reached: Position | null,
  ) {
    super(`the read models have not reached position ${minPosition} yet (they are at ${reached ?? 'the start'}); retry shortly`);
    this.name = 'ReadModelsBehind';
  }
}

/** Resolves once the read models hold `minPosition` (at once when none is asked); throws ReadModelsBehind after the wait. */
export const readModelsAt = async (runner: ProjectionRunner, minPosition: Position | undefined, waitMs = MIN_POSITION_WAIT_MS): Promise<void> => {
  if (minPosition === undefined) return;
  try {
    await runner.waitFor(minPosition, waitMs);
  } catch (error) {
    if (error instanceof TimeoutError) throw new ReadModelsBehind(minPosition, runner.status().position);
    throw error;
  }
};
