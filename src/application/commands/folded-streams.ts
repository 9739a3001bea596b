import type { Decider, DomainEvent } from '../../domain/shared/decider';
import type { EventStore } from '../ports/event-store.port';

/** Streams whose folded state is kept; past this the least recently read is dropped. */
export const FOLDED_STREAMS_KEPT = 20_000;

export type Folded<S> = Readonly<{ state: S; version: number }>;

export type FoldedStreamsOptions = Readonly<{
  /** Streams kept folded (FOLDED_STREAMS_KEPT unless given). */
  kept?: number;
  /** Fold only durable events (readDurableStream), for queries; commands fold every committed one (readStream). */
  durable?: boolean;
}>;

/**
 * The state of each stream folded by one decider, kept with the version it
 * was folded to. A read fetches only the events after that version, so it is
 * as current as reading the whole stream (events are never changed or
 * removed, and the version read is the stream's last), at the cost of the
 * events that are new. States are values: `evolve` returns a new one.
 */
export class FoldedStreams<S, E extends DomainEvent> {
  private readonly folded = new Map<string, Folded<S>>();

  constructor(
    private readonly store: EventStore,
    private readonly decider: Pick<Decider<S, never, E>, 'evolve' | 'initialState'>,
    private readonly options: FoldedStreamsOptions = {},
  ) {}

  async read(streamId: string): Promise<Folded<S>> {
    const cached = this.folded.get(streamId);
    const from = cached ? cached.version + 1 : 1;
    const events = this.options.durable ? await this.store.readDurableStream(streamId, from) : await this.store.readStream(streamId, from);
    let { state, version } = cached ?? { state: this.decider.initialState(), version: 0 };
    for (const event of events) {
      state = this.decider.evolve(state, event as unknown as E);
      version = event.streamVersion;
    }
    const folded = { state, version };
    // Reads of one stream may overlap: the furthest fold is the one kept.
    const latest = this.folded.get(streamId);
    if (version > 0 && (latest === undefined || latest.version <= version)) {
      this.folded.delete(streamId);
      this.folded.set(streamId, folded);
      if (this.folded.size > (this.options.kept ?? FOLDED_STREAMS_KEPT)) this.folded.delete(this.folded.keys().next().value!);
    } else if (latest !== undefined) {
      this.folded.delete(streamId);
      this.folded.set(streamId, latest);
    }
    return folded;
  }
}
