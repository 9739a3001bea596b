import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port';
import { projectionLags } from '../../../application/projections/projection-lag';
import { ProjectionRunner } from '../../../application/projections/projection-runner';
import { SubscriberChannels } from '../../../application/subscriptions/subscriber-channels';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../tokens';
import { Answers } from '../answers';
import { Public } from '../auth/roles';

type Lag = Readonly<{ events: number; seconds: number }>;

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
    private readonly channels: SubscriberChannels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HealthCheck()
  @Answers('Up: the process serves HTTP', 'HealthCheck')
  live() {
    return this.health.check([]);
  }

  /**
   * The event store answers, and every projection and subscriber channel
   * follows the log: not ready while one is stuck or further behind than
   * LEDGER_READY_MAX_LAG_EVENTS / _SECONDS, which it names. A disabled or
   * failing webhook is reported but does not count: its receiver is at fault,
   * and taking this instance out of service would not bring it back.
   */
  @Get('ready')
  @HealthCheck()
  @Answers('Ready: the event store answers, and every read model and subscriber channel follows the log within the bounds', 'HealthCheck')
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
        const rebuilding = new Set(status.projections.filter(({ state }) => state === 'rebuilding').map(({ name }) => name));
        const behind = Object.fromEntries(lags.map(({ projection, events, seconds, stuck: isStuck }) => [projection, { events, seconds, stuck: isStuck }]));
        // A read model being rebuilt is folded beside the one that serves: its distance from the head is expected.
        const tooFarBehind = lags.filter((lag) => !rebuilding.has(lag.projection) && this.beyondBound(lag)).map((lag) => lag.projection);
        const details = { position: status.position, running: status.running, stuck, behind, tooFarBehind, bound: this.bound() };
        return status.running && status.error === null && stuck.length === 0 && tooFarBehind.length === 0
          ? check.up(details)
          : check.down({ ...details, error: status.error });
      },
      async () => {
        const check = this.indicator.check('subscribers');
        const lags = await this.channels.lags();
        const channels = Object.fromEntries(lags.map(({ channel, ...lag }) => [channel, lag]));
        const counted = lags.filter((lag) => lag.enabled && !lag.failing);
        const stuck = counted.filter((lag) => lag.stuck).map((lag) => lag.channel);
        const tooFarBehind = counted.filter((lag) => this.beyondBound(lag)).map((lag) => lag.channel);
        const details = { liveClients: this.channels.liveClients(), channels, stuck, tooFarBehind, bound: this.bound() };
        return stuck.length === 0 && tooFarBehind.length === 0 ? check.up(details) : check.down(details);
      },
    ]);
  }

  private bound() {
    return { events: this.config.readyMaxLagEvents, seconds: this.config.readyMaxLagSeconds };
  }

  private beyondBound({ events, seconds }: Lag): boolean {
    const { readyMaxLagEvents, readyMaxLagSeconds } = this.config;
    return (readyMaxLagEvents !== null && events > readyMaxLagEvents) || (readyMaxLagSeconds !== null && seconds > readyMaxLagSeconds);
  }
}
