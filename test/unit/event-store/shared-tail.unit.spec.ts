import fc from 'fast-check';
import { sharedTail } from '../../../src/application/event-store/shared-tail';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';

/** A log whose positions only grow (some skipped, as after a refused append), read as a store reads it. */
const memoryLog = () => {
  const log: RecordedEvent[] = [];
  let next = 1;
  let reads = 0;
  return {
    append(count: number, gap = 0): void {
      next += gap;
      for (let i = 0; i < count; i += 1, next += 1) {
        log.push({
          eventId: `e${next}`, type: 'T', streamId: 's', streamVersion: next, position: String(next),
          data: { n: next }, metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt: '2026-01-01T00:00:00.000Z' },
          prevHash: '', hash: '',
        });
      }
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

  it('answers every read, in any order and overlapping, as the store itself would', async () => {
    type Step = { kind: 'append'; count: number; gap: number } | { kind: 'read'; after: number; limit: number; together: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 12 }), gap: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ kind: fc.constant('read' as const), after: fc.integer({ min: -1, max: 80 }), limit: fc.integer({ min: 1, max: 9 }), together: fc.integer({ min: 1, max: 3 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), async (steps, kept) => {
        const log = memoryLog();
        const read = sharedTail(log.read, kept);
        for (const s of steps) {
          if (s.kind === 'append') {
            log.append(s.count, s.gap);
            continue;
          }
          const after = s.after < 0 ? null : String(s.after);
          const answers = await Promise.all(Array.from({ length: s.together }, (_, i) => read(after, s.limit + i)));
          for (const [i, answer] of answers.entries()) expect(positions(answer)).toEqual(positions(await log.read(after, s.limit + i)));
        }
      }),
    );
  });
});
