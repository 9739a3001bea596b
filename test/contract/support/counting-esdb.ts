import type { AllStreamResolvedEvent, AppendExpectedRevision, AppendResult, EventData, Filter, ReadPosition, ResolvedEvent } from '@eventstore/db-client';
import type { EsdbClient } from '../../../src/infrastructure/event-store/eventstoredb/esdb-event-store';

/**
 * Any EventStoreDB client (a real one or the in-memory node) that counts the
 * events its reads give, so a test can say what an operation read; and that
 * can run another process's write just before its next append reaches the
 * node, so a test can make that append lose the race.
 */
export class CountingEsdb implements EsdbClient {
  /** Events read from single streams. */
  streamEventsRead = 0;
  /** Events read from $all. */
  allEventsRead = 0;
  private beforeNextAppend: (() => Promise<unknown>) | undefined;

  constructor(private readonly client: EsdbClient) {}

  /** Runs `write` once, after the adapter's next append has read its stream and before it is written. */
  interposeBeforeNextAppend(write: () => Promise<unknown>): void {
    this.beforeNextAppend = write;
  }

  /** Events read from streams and from $all since the last call. */
  takeCounts(): { stream: number; all: number } {
    const counts = { stream: this.streamEventsRead, all: this.allEventsRead };
    this.streamEventsRead = 0;
    this.allEventsRead = 0;
    return counts;
  }

  async appendToStream(streamName: string, events: EventData[], options: { expectedRevision: AppendExpectedRevision }): Promise<AppendResult> {
    const before = this.beforeNextAppend;
    this.beforeNextAppend = undefined;
    await before?.();
    return this.client.appendToStream(streamName, events, options);
  }

  async *readStream(streamName: string, options: Parameters<EsdbClient['readStream']>[1]): AsyncIterable<ResolvedEvent> {
    for await (const resolved of this.client.readStream(streamName, options)) {
      this.streamEventsRead += 1;
      yield resolved;
    }
  }

  async *readAll(options: Parameters<EsdbClient['readAll']>[0]): AsyncIterable<AllStreamResolvedEvent> {
    for await (const resolved of this.client.readAll(options)) {
      this.allEventsRead += 1;
      yield resolved;
    }
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter }) {
    return this.client.subscribeToAll(options);
  }

  dispose(): Promise<void> {
    return this.client.dispose();
  }
}
