import type { MatchingPage, ReadAllOptions, ReadMatchingOptions, RecordedEvent } from '../ports/event-store.port';

/** How many events one readMatching by scanning reads at most: each is read and parsed before it is tested. */
export const MATCHING_SCAN = 10_000;

/**
 * How many positions one readMatching of types alone looks through in a
 * store whose database tests the types itself (SQLite, PostgreSQL): on
 * SQLite some 11 ms (0.44 µs a position, against 6.1 µs for an event read
 * and parsed; a scratch measure over 1,000,000 events).
 */
export const MATCHING_WINDOW = 25_000;

/** Whether an event is one readMatching's options want. */
export const matches = ({ types, streamId }: Pick<ReadMatchingOptions, 'types' | 'streamId'>) => (event: RecordedEvent): boolean =>
  (types.length === 0 || types.includes(event.type)) && (streamId === undefined || event.streamId === streamId);

/**
 * readMatching for a store that cannot narrow its reads itself: reads the
 * log in batches and tests each event, at most `scan` of them.
 */
export const readMatchingByScan = async (
  readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
  options: ReadMatchingOptions,
  scan = MATCHING_SCAN,
): Promise<MatchingPage> => {
  const wanted = matches(options);
  const events: RecordedEvent[] = [];
  let lookedTo = options.after ?? null;
  let scanned = 0;
  while (events.length < options.limit && scanned < scan) {
    const batch = await readAll({ after: lookedTo, limit: Math.min(1000, scan - scanned) });
    if (batch.length === 0) return { events, lookedTo: null };
    for (const event of batch) {
      lookedTo = event.position;
      if (wanted(event)) events.push(event);
      if (events.length === options.limit) break;
    }
    scanned += batch.length;
  }
  return { events, lookedTo };
};
