import fc from 'fast-check';
import { sharedTail } from '../../../src/application/event-store/shared-tail';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';

/** A log whose positions only grow (some skipped, as after a refused append), read as a store reads it. */
const memoryLog = () => {
  const log: RecordedEvent[] = [];
  let next = 1;
  let reads = 0;
  return {
    /** Appends `count` events after a gap of `gap` positions; returns them. */
    append(count: number, gap = 0): RecordedEvent[] {
      const from = log.length;
      next += gap;
      for (let i = 0; i < count; i += 1, next += 1) {
        log.push({
          eventId: `e${next}`, type: 'T', streamId: 's', streamVersion: next, position: String(next),
          data: { n: next }, metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt: '2026-01-01T00:00:00.000Z' },
          prevHash: '', hash: '',
        });
      }
      return log.slice(from);
    },
    /** The last position written, as a store tells its tail what its new events follow. */
    get last(): string | null {
      return log.length === 0 ? null : log[log.length - 1].position;
    },
    read: async (after: string | null, limit: number): Promise<RecordedEvent[]> => {
      reads += 1;
      const from = after === null ? 0 : Number(after);
      return log.filter((event) => Number(event.position) > from).slice(0, limit);
    },
    get reads() {
      return reads;
    },
  };
};

const positions = (events: readonly RecordedEvent[]) => events.map((event) => event.position);

describe('sharedTail', () => {
  it('answers readers at the end of the log from one read of what was committed, the same event objects to each', async () => {
    const log = memoryLog();
    log.append(3);
    const read = sharedTail(log.read, 8);
    await read(null, 10);
    log.append(2);
    const before = log.reads;
    const [a, b, c] = await Promise.all([read('3', 10), read('3', 10), read('3', 10)]);
    expect(positions(a)).toEqual(['4', '5']);
    expect(b).toEqual(a);
    expect(c[0]).toBe(a[0]);
    expect(log.reads - before).toBe(1);
  });

  it('reads the store for a reader behind what it keeps', async () => {
    const log = memoryLog();
    log.append(40);
    const read = sharedTail(log.read, 4);
    for (let at = 0; at < 40; at += 10) await read(String(at), 10);
    const before = log.reads;
    expect(positions(await read('2', 3))).toEqual(['3', '4', '5']);
    expect(log.reads - before).toBe(1);
  });

  it('keeps what the store offers when it follows what it holds, and then answers readers at the end without a read', async () => {
    const log = memoryLog();
    log.append(3);
    const read = sharedTail(log.read, 8, () => Number(log.last));
    expect(positions(await read(null, 10))).toEqual(['1', '2', '3']);
    const before = log.reads;

    let after = log.last;
    const offered = log.append(2, 1);
    read.offer(after, offered);
    const [a, b] = await Promise.all([read('3', 10), read('4', 10)]);

    expect(positions(a)).toEqual(['5', '6']);
    expect(a[0]).toBe(offered[0]);
    expect(positions(b)).toEqual(['5', '6']);
    expect(await read('6', 10)).toEqual([]);
    expect(log.reads - before).toBe(0);

    // An offer that does not follow the tail (events it has not seen came between) is ignored: the readers read the store.
    log.append(1);
    after = log.last;
    read.offer(after, log.append(1));
    expect(positions(await read('6', 10))).toEqual(['7', '8']);
    expect(log.reads - before).toBe(1);
  });

  it('answers every read, in any order and overlapping, as the store itself would', async () => {
    type Step =
      | { kind: 'append'; count: number; gap: number; offered: boolean }
      | { kind: 'read'; after: number; limit: number; together: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 12 }), gap: fc.integer({ min: 0, max: 2 }), offered: fc.boolean() }),
      fc.record({ kind: fc.constant('read' as const), after: fc.integer({ min: -1, max: 80 }), limit: fc.integer({ min: 1, max: 9 }), together: fc.integer({ min: 1, max: 3 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), async (steps, kept, knowsEnd) => {
        const log = memoryLog();
        const read = sharedTail(log.read, kept, knowsEnd ? () => Number(log.last ?? 0) : undefined);
        for (const s of steps) {
          if (s.kind === 'append') {
            // A store offers what it wrote with the position it follows; some appends are another writer's, not offered.
            const after = log.last;
            const appended = log.append(s.count, s.gap);
            if (s.offered) read.offer(after, appended);
            continue;
          }
          const after = s.after < 0 ? null : String(s.after);
          const answers = await Promise.all(Array.from({ length: s.together }, (_, i) => read(after, s.limit + i)));
          for (const [i, answer] of answers.entries()) expect(positions(answer)).toEqual(positions(await log.read(after, s.limit + i)));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
