import { TimeoutError } from 'rxjs';
import type { Position } from '../ports/event-store.port';
import { ProjectionStuck, type ProjectionRunner } from './projection-runner';

/** How long a query waits for the read models to reach the position it asked for. */
export const MIN_POSITION_WAIT_MS = 5000;

/** The read models did not reach the position a query asked for in time, or one it reads is stuck before it. */
export class ReadModelsBehind extends Error {
  constructor(
    readonly minPosition: Position,
    readonly reached: Position | null,
    stuck?: ProjectionStuck,
  ) {
    super(
      stuck
        ? `the read models have not reached position ${minPosition}: ${stuck.message}`
        : `the read models have not reached position ${minPosition} yet (they are at ${reached ?? 'the start'}); retry shortly`,
    );
    this.name = 'ReadModelsBehind';
  }
}

/**
 * Resolves once the read models hold `minPosition` (at once when none is
 * asked); throws ReadModelsBehind after the wait, or at once when one of them
 * is stuck before it. `projections` names the read models the query reads, so
 * that a stuck one it does not read never holds it up; without it, all of them.
 */
export const readModelsAt = async (
  runner: ProjectionRunner,
  minPosition: Position | undefined,
  projections?: readonly string[],
  waitMs = MIN_POSITION_WAIT_MS,
): Promise<void> => {
  if (minPosition === undefined) return;
  try {
    await runner.waitFor(minPosition, waitMs, projections);
  } catch (error) {
    if (error instanceof TimeoutError) throw new ReadModelsBehind(minPosition, runner.status().position);
    if (error instanceof ProjectionStuck) throw new ReadModelsBehind(minPosition, runner.status().position, error);
    throw error;
  }
};
