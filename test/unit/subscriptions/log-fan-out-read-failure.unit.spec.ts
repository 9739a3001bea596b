import { Observable } from 'rxjs';
import type { EventStore, Position, RecordedEvent } from '../../../src/application/ports/event-store.port';
import { SealerLifecycle } from '../../../src/application/audit/sealer.lifecycle';
import type { Sealer } from '../../../src/application/audit/sealer';
import { FinalWork } from '../../../src/application/jobs/final-work';
import { SoleInstance } from '../../../src/application/jobs/sole-instance';
import { CloudEventRenderer, type RenderedEvent } from '../../../src/application/subscriptions/cloud-events';
import { FOLLOW_RETRY_MS, LogFanOut } from '../../../src/application/subscriptions/log-fan-out';

const recorded = (position: number): RecordedEvent => ({
  eventId: `e${position}`,
  type: 'PartnerRegistered',
  streamId: `partner-DE-${position}`,
  streamVersion: 1,
  position: String(position),
  data: { isil: `DE-${position}`, name: 'Library', focalPoint: false, registeredAt: '2026-03-02T09:30:00.000Z' },
  metadata: { actor: { role: 'coordinator' }, correlationId: 'c', causationId: 'c', recordedAt: '2026-03-02T09:30:00.000Z' },
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
} as unknown as RecordedEvent);

/**
 * A store whose first subscription delivers event 1 and then fails, as a read
 * of the log does when the database ends its connection (a restart, a
 * failover); later subscriptions deliver events 2 and 3 after where they start.
 */
const failingOnce = () => {
  const starts: Array<Position | null> = [];
  const store = {
    headPosition: async () => null,
    subscribe: (after: Position | null) =>
      new Observable<RecordedEvent>((subscriber) => {
        starts.push(after);
        if (starts.length === 1) {
          subscriber.next(recorded(1));
          setTimeout(() => subscriber.error(new Error('terminating connection due to administrator command')), 5);
          return;
        }
        for (const position of [1, 2, 3]) if (after === null || position > Number(after)) subscriber.next(recorded(position));
      }),
  } as unknown as EventStore;
  return { store, starts };
};

describe('a failed read of the log (not the store closing)', () => {
  it('does not stop the live readers’ fan-out for good: it follows the log again from its head', async () => {
    const { store, starts } = failingOnce();
    const log = new LogFanOut(store, new CloudEventRenderer({ source: 'urn:test', typePrefix: '' }));
    await log.start();
    try {
      const abort = new AbortController();
      const positions: string[] = [];
      const reading = (async () => {
        for await (const batch of log.follow(null, abort.signal, 10)) {
          positions.push(...batch.map((rendered: RenderedEvent) => rendered.event.position));
          if (positions.length >= 3) break;
        }
      })();
      const timeout = setTimeout(() => abort.abort(), FOLLOW_RETRY_MS * 3);
      await reading;
      clearTimeout(timeout);
      // Before, the fan-out stopped at the failure: the reader ended with event 1 alone, and so would every later one.
      expect(positions).toEqual(['1', '2', '3']);
      expect(starts).toEqual([null, '1']);
      expect(log.progress()).toMatchObject({ running: true, position: '3', failure: null });
    } finally {
      log.stop();
    }
  });

  it('does not end the process through the sealer: it counts on from the last event it saw', async () => {
    const { store, starts } = failingOnce();
    let sealRuns = 0;
    const sealer = { sealAll: async () => ((sealRuns += 1), 0) } as unknown as Sealer;
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    const lifecycle = new SealerLifecycle(sealer, store, { everyEvents: 2, intervalSeconds: 0 }, new FinalWork(), new SoleInstance());
    try {
      await lifecycle.onApplicationBootstrap();
      for (let i = 0; i < 60 && starts.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Before, the failure had no handler: rxjs threw it on a timer, which ends the service.
      expect(uncaught).toEqual([]);
      expect(starts).toEqual([null, '1']);
      // One run at start; events 1, 2 (and 3, which starts the next count) make two since it: one more run.
      expect(sealRuns).toBe(2);
    } finally {
      process.off('uncaughtException', onUncaught);
      await lifecycle.halt();
    }
  });
});
