import type { Position, RecordedEvent } from '../ports/event-store.port';
import type { ReadAllBatch } from './catch-up-subscription';

/** A shared tail: read as the store is read, and told by the store of events it has just made durable. */
export type SharedTail = ReadAllBatch & {
  /**
   * The store's word that `events` are every event of the log after `after`
   * up to the last of them, in order, and durable: the tail keeps them when
   * they follow it (or when it is empty), so that the readers woken for them
   * need not read them back. Events that do not follow the tail are ignored:
   * readers then read the store as before.
   */
  offer(after: Position | null, events: readonly RecordedEvent[]): void;
};

/** How many of the newest events are kept; between this and twice this are held. */
export const TAIL_KEPT = 1024;

/**
 * The newest events read from the log, shared by the subscriptions of one
 * store. After a commit every subscriber (read models, sealer, log fan-out)
 * asks for the same new events: the first read's parsed events answer the
 * others, and readers that overlap in time share that one read. A reader
 * further back than the tail reads the store on its own.
 *
 * The tail holds every event in (from, to]. That stays true only for a log
 * whose committed positions never go back (a commit adds positions above
 * every committed one, as the single writer of SQLite does), read by a
 * `read` that queries as it is called (a signal that comes after a commit
 * never joins a read made before it). Events are shared, never copied:
 * subscribers treat them as the values they are. A store that knows what it
 * has just written offers it (`offer`), and the first reader finds it kept;
 * one that knows the last position a read can return now (`end`) spares
 * the readers at that end a read that would find nothing.
 */
export const sharedTail = (read: ReadAllBatch, kept = TAIL_KEPT, end?: () => number | bigint): SharedTail => {
  let events: RecordedEvent[] = [];
  let positions: bigint[] = [];
  let from: bigint | null = null;
  let to: bigint | null = null;
  let extending: Promise<boolean> | undefined;

  const keep = (batch: readonly RecordedEvent[]): void => {
    for (const event of batch) {
      events.push(event);
      positions.push(BigInt(event.position));
    }
    if (batch.length > 0) to = positions[positions.length - 1];
    if (events.length >= 2 * kept) {
      const dropped = events.length - kept;
      from = positions[dropped - 1];
      events = events.slice(dropped);
      positions = positions.slice(dropped);
    }
  };

  const covers = (position: bigint): boolean => from !== null && to !== null && position >= from && position <= to;

  /** The kept events after `position`, at most `limit`. */
  const keptAfter = (position: bigint, limit: number): RecordedEvent[] => {
    let low = 0;
    let high = positions.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (positions[middle] <= position) low = middle + 1;
      else high = middle;
    }
    return events.slice(low, low + limit);
  };

  /** Reads what follows the tail into it; answers whether that read reached the end of the log. */
  const extend = (limit: number): Promise<boolean> =>
    (extending ??= (async () => {
      const end = to;
      try {
        const batch = await read(String(end), limit);
        // Another reader started a new tail meanwhile: this batch does not follow it.
        if (to !== end) return false;
        keep(batch);
        return batch.length < limit;
      } finally {
        extending = undefined;
      }
    })());

  /** A read the tail does not cover: from the store, and the start of a new tail when it is ahead of this one. */
  const readPast = async (after: string | null, position: bigint, limit: number): Promise<readonly RecordedEvent[]> => {
    const batch = await read(after, limit);
    if (batch.length > 0 && (to === null || position >= to)) {
      if (to === null || position > to) {
        events = [];
        positions = [];
        from = position;
      }
      keep(batch);
    }
    return batch;
  };

  const offer = (after: Position | null, offered: readonly RecordedEvent[]): void => {
    if (offered.length === 0) return;
    const position = after === null ? 0n : BigInt(after);
    if (to === null) from = position;
    else if (to !== position) return;
    keep(offered);
  };

  const readTail = async (after: Position | null, limit: number): Promise<readonly RecordedEvent[]> => {
    const position = after === null ? 0n : BigInt(after);
    for (;;) {
      if (!covers(position)) return readPast(after, position, limit);
      const batch = keptAfter(position, limit);
      if (batch.length === limit || (end !== undefined && to! >= end())) return batch;
      const reachedEnd = await extend(limit);
      // Dropped from the tail meanwhile (a slow reader): the next turn reads the store.
      if (reachedEnd && covers(position)) return keptAfter(position, limit);
    }
  };

  return Object.assign(readTail, { offer });
};
