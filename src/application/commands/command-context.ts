import type { Actor } from '../../domain/shared/decider';

/** What the transport knows about a command besides its data: who, and in answer to what. */
export type CommandContext = Readonly<{
  actor: Actor & { keyId?: string };
  correlationId: string;
  causationId: string;
  /** Set when the caller sent an Idempotency-Key: the ids the command writes derive from it. */
  idempotencySeed?: string;
  /** Set when an ISO 18626 message drove the command: kept in the metadata of every event it writes. */
  iso18626?: Iso18626Provenance;
}>;

/**
 * What an event's metadata says of the ISO 18626 message that drove it: the
 * supplier's own id for the loan, when its supplyingAgencyMessage gave one.
 * The event may be relayed to the requester before that message is kept with
 * the loan, and the relayed message must name the loan by that id already.
 */
export type Iso18626Provenance = Readonly<{ supplyingAgencyRequestId: string }>;

/** What a command wrote: returned to the caller as the acknowledgement. */
export type CommandResult = Readonly<{
  streamId: string;
  /** Version of the stream after the command (unchanged when it wrote nothing). */
  streamVersion: number;
  /** Global position of the last event written, null when nothing was written. */
  position: string | null;
  events: ReadonlyArray<{ eventId: string; type: string }>;
}>;

/** A domain command as the transport builds it: the handler stamps the time and the actor. */
export type Unstamped<C> = C extends { metadata: unknown } ? Omit<C, 'metadata'> : never;

/**
 * What a command wrote in two appends to one stream, the second made before it
 * answered: the caller is told both, and the position after the second, so
 * reading with that position (`minPosition`) sees everything it wrote.
 */
export const followedBy = (first: CommandResult, then: CommandResult): CommandResult =>
  then.position === null ? first : { ...first, streamVersion: then.streamVersion, position: then.position, events: [...first.events, ...then.events] };
