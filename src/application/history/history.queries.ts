import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../ports/clock.port';
import { EVENT_STORE, type EventStore, type Position, type RecordedEvent } from '../ports/event-store.port';
import { logAt } from '../projections/read-models-behind';
import { resumeRefusal, type ResumePoint } from '../subscriptions/resume-point';

export type LogPage = Readonly<{ items: RecordedEvent[]; next: string | null }>;

/** The global log, oldest first, from a position, optionally narrowed to some types or one stream. */
export class ReadLogQuery extends Query<LogPage> {
  constructor(
    /** A position, or the id of the last event read (checked to be in this log: resumeRefusal). */
    readonly after: ResumePoint | null,
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
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `next` is the position to continue after, null once the log is read to
   * its end (as every list ends); with filters a page may be short, or
   * empty, before the end (the store looks through a bounded part of the log
   * for each), but is never silently truncated. A follower resumes from the
   * last position it saw, or, to be told when the log no longer holds the
   * last event it read (a restore from an older backup), from that event's
   * id (position.hash-prefix), as on the live feed.
   */
  async execute({ after, limit, types, streamId, minPosition }: ReadLogQuery): Promise<LogPage> {
    await logAt(this.store, minPosition);
    if (after?.hashPrefix !== undefined) {
      const refused = await resumeRefusal(this.store, after, await this.store.headPosition(), this.clock.now().toISOString());
      if (refused) throw refused;
    }
    const { events, lookedTo } = await this.store.readMatching({ after: after?.position ?? null, limit, types, streamId });
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
