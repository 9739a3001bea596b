import { heapCollector } from '../../../src/infrastructure/runtime/heap-collector';

describe('heapCollector', () => {
  it('runs a full collection once the heap has grown past its slack: what nothing holds is gone', async () => {
    const dropped = (() => new WeakRef({ rows: Array.from({ length: 10_000 }, (_, i) => ({ i })) }))();
    expect(dropped.deref()).toBeDefined();
    // A WeakRef's target lives to the end of the job that made or read it.
    await new Promise((resolve) => setImmediate(resolve));
    heapCollector(0)();
    expect(dropped.deref()).toBeUndefined();
  });
});
