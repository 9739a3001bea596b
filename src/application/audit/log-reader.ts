import type { EventStore, Position, RecordedEvent } from '../ports/event-store.port';

const BATCH = 1000;

/**
 * The log from after `after` up to `to` (inclusive), batch by batch, so a
 * reader of the whole log holds one batch at a time.
 */
export async function* readLog(store: EventStore, after: Position | null, to?: Position | null): AsyncGenerator<RecordedEvent> {
  const last = to === undefined || to === null ? null : BigInt(to);
  let cursor = after;
  for (;;) {
    const batch = await store.readAll({ after: cursor, limit: BATCH });
    for (const event of batch) {
      if (last !== null && BigInt(event.position) > last) return;
      yield event;
    }
    if (batch.length < BATCH) return;
    cursor = batch[batch.length - 1].position;
  }
}
