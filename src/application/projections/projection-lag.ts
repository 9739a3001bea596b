import type { LedgerMetrics, ProjectionLag } from '../operations/ledger-metrics';
import type { Clock } from '../ports/clock.port';
import type { EventStore } from '../ports/event-store.port';
import { lagOf } from './projection-report';
import type { ProjectionRunner } from './projection-runner';

/** How far each projection is behind the head of the log, in events and in the age of its oldest unfolded event. */
export const projectionLags = async (runner: ProjectionRunner, store: EventStore, clock: Clock): Promise<ProjectionLag[]> => {
  const head = await store.headPosition();
  const lags: ProjectionLag[] = [];
  for (const { name: projection, position: checkpoint, state } of runner.status().projections) {
    const stuck = state === 'stuck';
    const events = lagOf(head, checkpoint);
    if (events <= 0) {
      lags.push({ projection, events: 0, seconds: 0, stuck });
      continue;
    }
    const [oldest] = await store.readAll({ after: checkpoint, limit: 1 });
    const recordedAt = oldest ? Date.parse(oldest.metadata.recordedAt) : NaN;
    const seconds = Number.isNaN(recordedAt) ? 0 : Math.max(0, (clock.now().getTime() - recordedAt) / 1000);
    lags.push({ projection, events, seconds, stuck });
  }
  return lags;
};

export const observeProjectionLag = (metrics: LedgerMetrics, runner: ProjectionRunner, store: EventStore, clock: Clock): void =>
  metrics.projectionLag(() => projectionLags(runner, store, clock));
