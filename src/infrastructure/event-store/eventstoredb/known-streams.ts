import { FOLDED_STREAMS_KEPT } from '../../../application/commands/folded-streams';
import { GENESIS_HASH } from '../../../application/event-store/hash-chain';

/**
 * Event ids kept across every known stream; past this the least recently
 * used streams are forgotten. An id costs about 100 bytes of heap (a UUID
 * string and its map entry, measured), so this is some 100 MB.
 */
export const EVENT_IDS_KEPT = 1_000_000;

/** What an append must know of a stream: its head (version 0 and the genesis hash when empty) and the version of each event id in it. */
export type KnownStream = Readonly<{ version: number; hash: string; versionOf: ReadonlyMap<string, number> }>;

export type KnownStreamsLimits = Readonly<{
  /** Streams kept (FOLDED_STREAMS_KEPT unless given: those whose state the commands keep folded). */
  streams?: number;
  /** Event ids kept across those streams (EVENT_IDS_KEPT unless given). */
  eventIds?: number;
}>;

type Learnt = Readonly<{ eventId: string; streamVersion: number; hash: string }>;
type Entry = { version: number; hash: string; versionOf: Map<string, number> };

const UNKNOWN: KnownStream = { version: 0, hash: GENESIS_HASH, versionOf: new Map() };

/**
 * The streams one process appends to, each known up to a version: events are
 * never changed or removed, so what is known stays true and only the events
 * after it need reading. Bounded by streams and by event ids, the least
 * recently used forgotten first (never the one just used, however long); a
 * forgotten stream is read whole again at its next append.
 */
export class KnownStreams {
  private readonly entries = new Map<string, Entry>();
  private eventIds = 0;

  constructor(private readonly limits: KnownStreamsLimits = {}) {}

  /** The stream as known: empty when it is not. */
  of(streamId: string): KnownStream {
    return this.entries.get(streamId) ?? UNKNOWN;
  }

  /** Adds events read after the known version or just written, in version order; the stream becomes the most recently used. */
  learn(streamId: string, events: readonly Learnt[]): KnownStream {
    const entry = this.entries.get(streamId) ?? { version: 0, hash: GENESIS_HASH, versionOf: new Map<string, number>() };
    for (const event of events) {
      if (event.streamVersion <= entry.version) continue;
      entry.versionOf.set(event.eventId, event.streamVersion);
      entry.version = event.streamVersion;
      entry.hash = event.hash;
      this.eventIds += 1;
    }
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    this.evictAllBut(streamId);
    return entry;
  }

  private evictAllBut(streamId: string): void {
    const streams = this.limits.streams ?? FOLDED_STREAMS_KEPT;
    const eventIds = this.limits.eventIds ?? EVENT_IDS_KEPT;
    for (const [oldest, entry] of this.entries) {
      if (oldest === streamId || (this.entries.size <= streams && this.eventIds <= eventIds)) return;
      this.entries.delete(oldest);
      this.eventIds -= entry.versionOf.size;
    }
  }
}
