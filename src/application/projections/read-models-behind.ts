import { setTimeout as sleep } from 'node:timers/promises';
import { TimeoutError } from 'rxjs';
import type { EventStore, Position } from '../ports/event-store.port';
import { ProjectionStuck, type ProjectionRunner } from './projection-runner';

/** How long a query waits for the read models to reach the position it asked for. */
export const MIN_POSITION_WAIT_MS = 5000;

/** The read models did not reach the position a query asked for in time, or one it reads is stuck before it. */
export class ReadModelsBehind extends Error {
  constructor(
    readonly minPosition: Position,
    readonly reached: Position | null,
    stuck?: ProjectionStuck,
    /** What did not reach it: the read models, or the log itself (logAt). */
    what: 'the read models' | 'the log' = 'the read models',
  ) {
    super(
      stuck
        ? `the read models have not reached position ${minPosition}: ${stuck.message}`
        : what === 'the log'
          ? `the log has not reached position ${minPosition} yet (it ends at ${reached ?? 'the start'}); retry shortly`
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

/** How often logAt looks at the log's head again while it waits. */
const LOG_POLL_MS = 50;

/**
 * Resolves once the log holds `minPosition` among its durable events (at
 * once when none is asked): for the reads of the log and of a stream, which
 * read no read model and so wait for none (a stuck one would hold them up
 * for nothing). A position a write just answered is in the log, perhaps not
 * yet synced: the next sync brings it (EventStore.durable). Throws
 * ReadModelsBehind, naming the log, after the wait.
 */
export const logAt = async (store: EventStore, minPosition: Position | undefined, waitMs = MIN_POSITION_WAIT_MS): Promise<void> => {
  if (minPosition === undefined) return;
  const deadline = performance.now() + waitMs;
  let synced = false;
  for (;;) {
    const head = await store.headPosition();
    if (head !== null && BigInt(minPosition) <= BigInt(head)) return;
    const left = deadline - performance.now();
    if (left <= 0) throw new ReadModelsBehind(minPosition, head, undefined, 'the log');
    if (synced) await sleep(Math.min(LOG_POLL_MS, left));
    else await store.durable();
    synced = true;
  }
};
