import type { Clock } from '../ports/clock.port';
import { ConcurrencyError, type EventStore, type Position, type RecordedEvent } from '../ports/event-store.port';
import type { IdSource } from '../ports/ids.port';
import { MerkleBuilder } from './merkle';
import { readLinks, type AuditLog, type LogLink } from './log-reader';
import { isSeal, LEDGER_SEALED, SEAL_STREAM, sealData, type SealBody } from './seal';
import { signBody, type SealKeys } from './seal-signature';

/** `log` is the range's read: links only (readLinks), so events are neither read whole nor parsed. */
export type SealerDeps = Readonly<{ store: EventStore; log: AuditLog; clock: Clock; ids: IdSource; keys: SealKeys }>;

/**
 * Links read at a time for a seal, the event loop turning between reads: a
 * read and its Merkle leaves take about a millisecond at this size, so a seal
 * of 1,000 events no longer holds requests for its whole range at once.
 */
export const SEAL_READ = 250;

/** What the next seal would cover, read from the log. */
type Range = { first: LogLink; last: LogLink; count: number; root: string; heads: SealBody['streamHeads']; onlySeals: boolean };

/**
 * Appends LedgerSealed events. A seal covers at most `maxEvents` events, so
 * catching up on a long unsealed log writes several seals of bounded size.
 * The append expects the seal stream at the version of the seal it chains
 * to: of two sealers racing for one range, exactly one wins.
 */
export class Sealer {
  private last: RecordedEvent | null | undefined;

  constructor(
    private readonly deps: SealerDeps,
    private readonly maxEvents: number,
  ) {}

  /**
   * Seals everything recorded before the call, in seals of at most
   * `maxEvents` events; returns the seals written. What is recorded
   * meanwhile waits for the next call: chasing the head instead, a sealer
   * under steady traffic never stopped, each seal covering the few events
   * recorded while the one before it was written.
   */
  async sealAll(): Promise<number> {
    const head = await this.deps.store.headPosition();
    if (head === null) return 0;
    let written = 0;
    while (await this.sealNext(head)) written += 1;
    return written;
  }

  /** One seal over the next range (up to `upTo` when given), or null when nothing but seals was recorded there since the last one. */
  async sealNext(upTo: Position | null = null): Promise<RecordedEvent | null> {
    const previous = await this.lastSeal();
    const range = await this.rangeAfter(previous, upTo);
    if (range === null || range.onlySeals) return null;
    const { keys, clock, ids, store } = this.deps;
    const body: SealBody = {
      afterPosition: previous === null ? null : sealData(previous).lastPosition,
      firstPosition: range.first.position,
      lastPosition: range.last.position,
      eventCount: range.count,
      merkleRoot: range.root,
      streamHeads: range.heads,
      previousSealHash: previous === null ? null : previous.hash,
      sealedAt: clock.now().toISOString(),
      keyId: keys.signing.kid,
    };
    const eventId = ids.next();
    const event = {
      eventId,
      type: LEDGER_SEALED,
      data: { ...body, signature: signBody(keys.signing.privateKey, body) },
      metadata: { actor: { role: 'system' as const }, correlationId: eventId, causationId: eventId, recordedAt: body.sealedAt },
    };
    this.last = undefined;
    try {
      const { streamVersion } = await store.append(SEAL_STREAM, [event], previous === null ? 'no_stream' : previous.streamVersion);
      [this.last] = await store.readStream(SEAL_STREAM, streamVersion);
      return this.last;
    } catch (error) {
      if (error instanceof ConcurrencyError) return null;
      throw error;
    }
  }

  /** The newest seal: read once, then kept as this sealer writes; read again after a race. */
  private async lastSeal(): Promise<RecordedEvent | null> {
    if (this.last === undefined) this.last = await this.deps.store.readLastOfStream(SEAL_STREAM);
    return this.last;
  }

  private async rangeAfter(previous: RecordedEvent | null, upTo: Position | null): Promise<Range | null> {
    const tree = new MerkleBuilder();
    const heads: Record<string, { version: number; hash: string }> = {};
    let first: LogLink | undefined;
    let last: LogLink | undefined;
    let onlySeals = true;
    reading: for await (const batch of readLinks(this.deps.log, previous === null ? null : sealData(previous).lastPosition, upTo, SEAL_READ)) {
      for (const event of batch) {
        first ??= event;
        last = event;
        tree.addHex(event.hash);
        heads[event.streamId] = { version: event.streamVersion, hash: event.hash };
        if (!isSeal(event)) onlySeals = false;
        if (tree.size === this.maxEvents) break reading;
      }
    }
    if (first === undefined || last === undefined) return null;
    return { first, last, count: tree.size, root: tree.root().toString('hex'), heads, onlySeals };
  }
}
