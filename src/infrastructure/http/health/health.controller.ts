import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port';
import { ProjectionRunner } from '../../../application/projections/projection-runner';
import { projectionLags } from '../../../application/projections/projection-lag';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/roles';

@Controller('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** The event store answers and every projection is following the log: not ready while one is stuck, which it names. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const check = this.indicator.check('eventStore');
        return (await this.store.ping()) ? check.up() : check.down({ message: 'the event store does not answer' });
      },
      async () => {
        const check = this.indicator.check('projections');
        const status = this.runner.status();
        const stuck = status.projections.flatMap(({ stuckAt }) =>
          stuckAt ? [{ projection: stuckAt.projection, position: stuckAt.position, eventId: stuckAt.eventId, type: stuckAt.type, error: stuckAt.error }] : [],
        );
        // How far behind the log each read model is, in events and in the age of the oldest it has not folded.
        const lags = await projectionLags(this.runner, this.store, this.clock);
        const behind = Object.fromEntries(lags.map(({ projection, events, seconds }) => [projection, { events, seconds }]));
        const details = { position: status.position, running: status.running, stuck, behind };
        return status.running && status.error === null && stuck.length === 0
          ? check.up(details)
          : check.down({ ...details, error: status.error });
      },
    ]);
  }
}
