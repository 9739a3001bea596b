import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, Position, RecordedEvent } from '../ports/event-store.port';

/**
 * Small enough that a batch, parsed, is well under the 1 MB that V8's young
 * generation starts with: a batch of 1,000 (some 2 MB parsed) outlived two
 * scavenges while a slow consumer (the export's writer) drained it, so every
 * batch was promoted and the old generation swelled with garbage until the
 * next full collection (peak heap +48 MB over 200,000 events exported, +18 MB
 * with 200; the live heap stays 6 MB either way).
 */
const BATCH = 200;

/**
 * The log from after `after` up to `to` (inclusive), batch by batch, so a
 * reader of the whole log holds one batch at a time. Between batches the
 * event loop turns: a read of SQLite never waits, so without that a reader
 * of a long range (a seal's, a proof's) would hold every request until its
 * end.
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
    await nextTurn();
  }
}

/**
 * An event as the log keeps it: data and metadata as their stored JSON text.
 * A store that keeps the canonical text it hashed hands over the very bytes
 * of the hash, so a reader that checks hashes or copies events need not
 * parse them (most of the cost of reading a log).
 */
export type StoredEvent = Readonly<{
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  position: Position;
  dataJson: string;
  metadataJson: string;
  prevHash: string;
  hash: string;
}>;

/** A batch of stored events: at most `limit`, and no more once their data and metadata reach `maxBytes` (one event always). */
export type StoredBatch = Readonly<{ after: Position | null; limit: number; maxBytes: number }>;

/**
 * An event's place in the chains without its data and metadata: what a seal
 * covers (its Merkle leaf, its stream's head). A seal of 1,000 events read
 * them whole, 4–5 ms of the 14 ms a seal held the event loop at 1,000
 * commands/s.
 */
export type LogLink = Pick<StoredEvent, 'position' | 'streamId' | 'streamVersion' | 'type' | 'hash'>;

/** The auditor's read of the log: stored text, in position order, in batches bounded by count and by bytes. */
export interface AuditLog {
  readStored(batch: StoredBatch): Promise<StoredEvent[]>;
  /** At most `limit` links after `after`, in position order. */
  readLinks(batch: Readonly<{ after: Position | null; limit: number }>): Promise<LogLink[]>;
  /**
   * Every position holds an event: the store gives each commit the next one
   * and never skips one (the embedded file). There a position missing
   * between two events is an event deleted.
   */
  readonly gaplessPositions: boolean;
}
export const AUDIT_LOG = Symbol('AuditLog');

/** A recorded event as stored text: the JSON its data and metadata serialise to (the store's canonical text, for every store here). */
export const storedOf = (event: RecordedEvent): StoredEvent => ({
  eventId: event.eventId,
  type: event.type,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  position: event.position,
  dataJson: JSON.stringify(event.data),
  metadataJson: JSON.stringify(event.metadata),
  prevHash: event.prevHash,
  hash: event.hash,
});

/** The event with its data and metadata parsed; throws when the stored text is not JSON. */
export const recordedOf = (event: StoredEvent): RecordedEvent => ({
  eventId: event.eventId,
  type: event.type,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  position: event.position,
  data: JSON.parse(event.dataJson) as object,
  metadata: JSON.parse(event.metadataJson) as RecordedEvent['metadata'],
  prevHash: event.prevHash,
  hash: event.hash,
});

const bytesOf = (event: StoredEvent): number => event.dataJson.length + event.metadataJson.length;

/**
 * The audit read over any EventStore, through its batches of parsed events.
 * The port bounds a read by count only, so the bound in bytes is kept
 * between reads: the next read asks for as many events as the last ones'
 * size says fit (a run of large seals is read a few at a time, after the
 * first batch that meets it).
 */
export const storeAuditLog = (store: EventStore): AuditLog => {
  let perEvent = 1;
  return {
    // PostgreSQL's sequence skips the positions of commits rolled back; EventStoreDB's are byte offsets.
    gaplessPositions: false,
    async readStored({ after, limit, maxBytes }) {
      const fit = Math.max(1, Math.min(limit, Math.floor(maxBytes / perEvent)));
      const batch = (await store.readAll({ after, limit: fit })).map(storedOf);
      let bytes = 0;
      let taken = 0;
      while (taken < batch.length && (taken === 0 || bytes < maxBytes)) bytes += bytesOf(batch[taken++]);
      if (taken > 0) perEvent = Math.max(1, bytes / taken);
      return batch.slice(0, taken);
    },
    async readLinks({ after, limit }) {
      return (await store.readAll({ after, limit })).map(({ position, streamId, streamVersion, type, hash }) => ({ position, streamId, streamVersion, type, hash }));
    },
  };
};

/**
 * What verification reads at a time. Small enough that a batch of raw rows
 * (about 1 KB an event) dies young in V8's young generation: batches of
 * 5,000 events (8 MB) outlived their scavenges, and over 100,000 events the
 * heap grew by 110 MB and verification took a quarter longer.
 */
export const VERIFY_BATCH = { limit: 500, maxBytes: 512 * 1024 } as const;

/**
 * The stored log from after `after` up to `to` (inclusive), in batches
 * bounded by count and by bytes, so a reader of the whole log holds one
 * batch at a time however large its events (seals are). The event loop turns
 * between batches, as in readLog: verifying a million events online takes
 * seconds, the seal of 10,000 events over a hundred milliseconds, and
 * requests are served meanwhile.
 */
export const readStored = (
  log: AuditLog,
  after: Position | null,
  to: Position | null | undefined,
  bounds: Readonly<{ limit: number; maxBytes: number }> = VERIFY_BATCH,
): AsyncGenerator<StoredEvent[]> => batchesUpTo((cursor) => log.readStored({ after: cursor, ...bounds }), after, to);

/** The links from after `after` up to `to` (inclusive), at most `limit` a batch, the event loop turning between batches as in readStored. */
export const readLinks = (log: AuditLog, after: Position | null, to: Position | null | undefined, limit: number): AsyncGenerator<LogLink[]> =>
  batchesUpTo((cursor) => log.readLinks({ after: cursor, limit }), after, to);

async function* batchesUpTo<T extends Readonly<{ position: Position }>>(
  read: (after: Position | null) => Promise<T[]>,
  after: Position | null,
  to: Position | null | undefined,
): AsyncGenerator<T[]> {
  const last = to === undefined || to === null ? null : BigInt(to);
  let cursor = after;
  for (;;) {
    const batch = await read(cursor);
    if (batch.length === 0) return;
    if (last !== null && BigInt(batch[batch.length - 1].position) > last) {
      const inWindow = batch.filter((event) => BigInt(event.position) <= last);
      if (inWindow.length > 0) yield inWindow;
      return;
    }
    yield batch;
    cursor = batch[batch.length - 1].position;
    await nextTurn();
  }
}
