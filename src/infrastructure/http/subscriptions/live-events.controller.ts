import { Controller, Get, Headers, Inject, Logger, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../../../application/access/access.service';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port';
import { matches } from '../../../application/subscriptions/event-filter';
import { resumeRefusal } from '../../../application/subscriptions/resume-point';
import { LogFanOut } from '../../../application/subscriptions/log-fan-out';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../tokens';
import { AnswersIn } from '../answers';
import { Acting, Roles } from '../auth/roles';
import { BadInput, TooManyAtOnce } from '../problem/problem';
import { readResumePoint, RESUME_POINT_FORM } from '../validation/time';
import { LiveStream } from './live-stream';
import { LiveEventsDto } from './subscription.dto';
import { LiveStreams } from './live-streams';

/** The reconnection delay a client is told to wait after a cut. */
const RETRY_MS = 1000;

/** Server-Sent Events: every new event as a CloudEvent, resumable with Last-Event-ID. */
@Controller('v1/events')
@Roles('coordinator', 'auditor', 'subscriber', 'librarian')
export class LiveEventsController {
  private readonly logger = new Logger('LiveEvents');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly log: LogFanOut,
    private readonly streams: LiveStreams,
  ) {}

  /**
   * `id:` is the event's position and the start of its hash
   * (`1042.9f86d081884c7d65`, resumeIdOf), `event:` its type, `data:` the
   * CloudEvent. Without `after` or `Last-Event-ID` the feed starts at the head
   * of the log. A point the feed would resume from without a word while
   * leaving events out is refused: a position past the head (409
   * beyond-head), and an id whose position holds another event (409
   * not-in-this-log: a restore from an older backup, another ledger).
   * A librarian sees only the events that involve its own library.
   */
  @Get('live')
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last event received (position.hash-prefix, or a position): the feed resumes after it, once it has checked that this log holds that event.',
  })
  @AnswersIn('Server-Sent Events, until the client goes', { 'text/event-stream': 'LiveEvents' })
  async live(@Query() query: LiveEventsDto, @Headers('last-event-id') lastEventId: string | undefined, @Acting() viewer: Principal, @Res() reply: FastifyReply) {
    const resumeFrom = lastEventId === undefined || lastEventId === '' ? undefined : readResumePoint(lastEventId);
    if (resumeFrom === null) throw new BadInput([{ field: 'Last-Event-ID', message: `Last-Event-ID must be ${RESUME_POINT_FORM}` }]);
    const head = await this.store.headPosition();
    const asked = resumeFrom ?? (query.after === undefined ? undefined : readResumePoint(query.after)!);
    const refused = asked === undefined ? null : await resumeRefusal(this.store, asked, head, this.clock.now().toISOString());
    if (refused) throw refused;
    const after = asked?.position ?? head;
    const filter = { types: query.types ?? [], categories: query.categories ?? [], partners: query.partners ?? [] };
    const { sseHeartbeatSeconds, sseBufferBytes, liveFeedsPerKey } = this.config.subscriptions;

    // Counted here, with nothing awaited between the count and track() below, so concurrent requests cannot pass the cap together.
    // A feed whose client stopped reading is cut off within a heartbeat, freeing its slot: when to retry.
    if (this.streams.heldBy(viewer.keyId) >= liveFeedsPerKey) {
      throw new TooManyAtOnce(
        'too-many-live-feeds',
        `this key already holds ${liveFeedsPerKey} live feeds open, the most one key may hold at once on an instance (LEDGER_LIVE_FEEDS_PER_KEY); ` +
          `close one, or retry after ${sseHeartbeatSeconds} s (Retry-After)`,
        sseHeartbeatSeconds,
      );
    }
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    const stream = new LiveStream(
      reply.raw,
      {
        log: this.log,
        heartbeatMs: sseHeartbeatSeconds * 1000,
        bufferBytes: sseBufferBytes,
        retryMs: RETRY_MS,
        onError: (error) =>
          this.logger.warn({ reqId: reply.request.id }, `live feed ended on an error: ${error instanceof Error ? error.message : String(error)}`),
      },
      matches(filter, viewer),
      after,
    );
    this.streams.track(stream, viewer.keyId);
  }
}
