import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type Position, type RecordedEvent } from '../ports/event-store.port';
import { logAt } from '../projections/read-models-behind';

export type LogPage = Readonly<{ items: RecordedEvent[]; next: string | null }>;

/** The global log, oldest first, from a position, optionally narrowed to some types or one stream. */
export class ReadLogQuery extends Query<LogPage> {
  constructor(
    readonly after: string | null,
    readonly limit: number,
    readonly types: readonly string[],
    readonly streamId?: string,
    readonly minPosition?: Position,
  ) {
    super();
  }
}

export class ReadStreamQuery extends Query<RecordedEvent[]> {
  constructor(
    readonly streamId: string,
    readonly minPosition?: Position,
  ) {
    super();
  }
}

@QueryHandler(ReadLogQuery)
export class ReadLogHandler implements IQueryHandler<ReadLogQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * `next` is the position to continue after, null once the log is read to
   * its end (as every list ends); with filters a page may be short, or
   * empty, before the end (the store looks through a bounded part of the log
   * for each), but is never silently truncated. A follower resumes from the
   * last position it saw.
   */
  async execute({ after, limit, types, streamId, minPosition }: ReadLogQuery): Promise<LogPage> {
    await logAt(this.store, minPosition);
    const { events, lookedTo } = await this.store.readMatching({ after, limit, types, streamId });
    return { items: events, next: lookedTo };
  }
}

@QueryHandler(ReadStreamQuery)
export class ReadStreamHandler implements IQueryHandler<ReadStreamQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ streamId, minPosition }: ReadStreamQuery): Promise<RecordedEvent[]> {
    await logAt(this.store, minPosition);
    return this.store.readDurableStream(streamId);
  }
}

export const HISTORY_HANDLERS = [ReadLogHandler, ReadStreamHandler];
