import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far a bulk fold's heap may grow past what the last collection kept
 * before the next one. At 100,000 events, 64 MB held the peak RSS of a
 * rebuild at 373 MB (588 MB without), no slower; 128 MB at 399 MB. At
 * 1,000,000 events 64 MB let the peak reach 387–425 MB in four runs on one
 * log, 32 MB 356 and 384 (48 MB: 387), at about a fifth more CPU for the
 * rebuild (bench:rebuild, 2026-12-05).
 */
export const BULK_HEAP_SLACK = 32 * 1_048_576;

let collect: (() => void) | undefined;

/**
 * V8's full collection. Node exposes it only behind --expose-gc; the flag set
 * at run time is read when a context is made, so a fresh context hands the
 * function over (as jest's --logHeapUsage gets it).
 */
const fullCollection = (): (() => void) => {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed === undefined) setFlagsFromString('--expose-gc');
    collect = exposed ?? (runInNewContext('gc') as () => void);
  }
  return collect;
};

/**
 * For ProjectionRunner's `collect`: a full collection once the heap has grown
 * `slack` bytes past what the last one kept. A bulk fold keeps little (its
 * documents and the rows of one write: 40-100 MB) but drops a lot, and it
 * outlives two scavenges (a document replaced by the next event of its key,
 * the rows of a write), so it is garbage of the old generation, which V8 lets
 * grow to several times what it keeps before it collects: a peak RSS of 600 MB
 * for a live heap of 50 MB, at 100,000 events as at 1,000,000.
 */
export const heapCollector = (slack = BULK_HEAP_SLACK): (() => void) => {
  let kept = 0;
  return () => {
    if (getHeapStatistics().used_heap_size < kept + slack) return;
    fullCollection()();
    kept = getHeapStatistics().used_heap_size;
  };
};
