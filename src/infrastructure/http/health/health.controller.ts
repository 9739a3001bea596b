import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Answers } from '../answers';
import { Public, Roles } from '../auth/roles';
import { Readiness } from './readiness';

@Controller('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: Readiness,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HealthCheck()
  @Answers('Up: the process serves HTTP', 'HealthCheck')
  live() {
    return this.health.check([]);
  }

  /** Ready or not, and each check up or down, for a load balancer: nothing more without a key (see Readiness). */
  @Get('ready')
  @HealthCheck()
  @Answers('Ready: the event store answers, and every read model and subscriber channel follows the log within the bounds; each check up or down, no details', 'Readiness')
  ready() {
    return this.health.check(this.readiness.checks(false));
  }
}

/** The same checks with what each saw: read models, the live feed, every webhook and ISO 18626 endpoint by id, a disabled one's reason. */
@Controller('v1/health')
@Roles('coordinator')
export class ReadinessDetailsController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: Readiness,
  ) {}

  @Get('ready')
  @HealthCheck()
  @Answers('Ready, as GET /health/ready, with each check’s details: how far behind each read model and subscriber channel is, which are stuck, disabled and why', 'HealthCheck')
  ready() {
    return this.health.check(this.readiness.checks(true));
  }
}
