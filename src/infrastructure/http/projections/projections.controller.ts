import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port';
import { READ_STORE, type ReadStore } from '../../../application/ports/read-store.port';
import { projectionReport } from '../../../application/projections/projection-report';
import { ProjectionRunner } from '../../../application/projections/projection-runner';
import { Roles } from '../auth/roles';

@Controller('v1/projections')
@Roles('coordinator', 'auditor')
export class ProjectionsController {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  /** Each read model: its version, checkpoint, the head of the log, lag, state and the events it set aside. */
  @Get()
  async list() {
    return { items: await projectionReport(this.store, this.reads, this.runner.status().projections) };
  }
}
