import type { Position, RecordedEvent } from '../ports/event-store.port';

/** The stream of seals: one writer at a time appends to it with its expected version. */
export const SEAL_STREAM = 'audit-seals';
export const LEDGER_SEALED = 'LedgerSealed';

/**
 * What a seal signs. It covers the events at positions in
 * (afterPosition, lastPosition]: the previous seal's lastPosition and on, so
 * seals tile the log with no gap and no overlap (a seal covers the seals
 * before it too).
 */
export type SealBody = Readonly<{
  afterPosition: Position | null;
  firstPosition: Position;
  lastPosition: Position;
  eventCount: number;
  /** RFC 9162 tree hash over the events' hashes (32 bytes each), in log order. */
  merkleRoot: string;
  /** Version and hash of the last event in the range of every stream the range touches. */
  streamHeads: Readonly<Record<string, { version: number; hash: string }>>;
  /** `hash` of the previous LedgerSealed event; null for the first seal. */
  previousSealHash: string | null;
  sealedAt: string;
  keyId: string;
}>;

export type SealData = SealBody & Readonly<{ signature: string }>;

export const isSeal = (event: Pick<RecordedEvent, 'type' | 'streamId'>): boolean => event.type === LEDGER_SEALED && event.streamId === SEAL_STREAM;

export const sealData = (event: RecordedEvent): SealData => event.data as SealData;

export const bodyOf = ({ signature: _signature, ...body }: SealData): SealBody => body;

/** An event hash as a Merkle leaf. */
export const leafOf = (event: Readonly<{ hash: string }>): Buffer => Buffer.from(event.hash, 'hex');
