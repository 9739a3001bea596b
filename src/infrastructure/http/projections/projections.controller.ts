import { Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port';
import { READ_STORE, type ReadStore } from '../../../application/ports/read-store.port';
import { projectionReport } from '../../../application/projections/projection-report';
import { ProjectionRunner } from '../../../application/projections/projection-runner';
import { NotFound } from '../../../domain/shared/errors';
import { Answers } from '../answers';
import { Roles } from '../auth/roles';

@Controller('v1/projections')
@Roles('coordinator', 'auditor')
export class ProjectionsController {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  /** Each read model: its version, checkpoint, the head of the log, lag, state, the events it set aside, and a rebuild in progress. */
  @Get()
  @Answers('Every read model beside the head of the log', 'ProjectionList')
  async list() {
    return { items: await projectionReport(this.store, this.reads, this.runner.status().projections) };
  }

  /**
   * Rebuilds one read model beside the live one, which keeps answering until
   * the new one has caught up and is switched in. Accepted: the instance that
   * folds the read models takes the request; GET /v1/projections shows its progress.
   */
  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('coordinator')
  @Answers('Accepted: the rebuild is requested; GET /v1/projections shows its progress', 'RebuildRequested')
  async rebuild(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const request = await this.runner.requestRebuild(name);
    if (request === null) throw new NotFound('projection-not-found', `there is no read model ${name}`);
    void reply.header('location', '/v1/projections');
    return { projection: name, requestedAt: request.requestedAt, progress: '/v1/projections' };
  }
}
