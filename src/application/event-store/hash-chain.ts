import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Readonly<{
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  data: object;
  metadata: object;
}>;

/**
 * SHA-256 over the RFC 8785 canonical JSON of the event and the hash of the
 * event before it in its stream. The global position is left out: it is the
 * store's to give and an auditor can verify a stream without it.
 */
export const eventHash = (event: HashedFields, prevHash: string): string =>
  createHash('sha256')
    .update(
      canonicalize({
        eventId: event.eventId,
        type: event.type,
        streamId: event.streamId,
        streamVersion: event.streamVersion,
        data: event.data,
        metadata: event.metadata,
        prevHash,
      }) as string,
    )
    .digest('hex');
