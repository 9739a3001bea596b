import { Subject, throwError } from 'rxjs';
import type { EventStore } from '../../../src/application/ports/event-store.port';
import type { ReadStore } from '../../../src/application/ports/read-store.port';
import { ProjectionRunner } from '../../../src/application/projections/projection-runner';

/** A store whose log is empty and whose live subscription fails at once. */
const failingStore = () => {
  let reads = 0;
  const store = {
    readAll: async () => {
      reads += 1;
      return [];
    },
    subscribe: () => throwError(() => new Error('the subscription broke')),
  } as unknown as EventStore;
  return { store, reads: () => reads };
};

const emptyReadStore = {} as ReadStore;

describe('the projection runner after a failure', () => {
  it('starts again from its checkpoints a moment later', async () => {
    const { store, reads } = failingStore();
    const errors = new Subject<unknown>();
    const runner = new ProjectionRunner(store, emptyReadStore, [], { onError: (error) => errors.next(error) });
    await runner.start();
    const before = reads();
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(reads()).toBeGreaterThan(before);
    expect(runner.status().error).toBe('the subscription broke');
    await runner.stop();
  });

  it('does not start again once stopped', async () => {
    const { store, reads } = failingStore();
    const runner = new ProjectionRunner(store, emptyReadStore, []);
    await runner.start();
    await runner.stop();
    const after = reads();
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(reads()).toBe(after);
  });
});
