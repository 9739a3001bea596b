import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorFunction, type HealthIndicatorResult } from '@nestjs/terminus';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port';
import { projectionLags } from '../../../application/projections/projection-lag';
import { ProjectionRunner } from '../../../application/projections/projection-runner';
import { SubscriberChannels } from '../../../application/subscriptions/subscriber-channels';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../tokens';

type Lag = Readonly<{ events: number; seconds: number }>;

/**
 * The readiness checks: the event store answers, and every projection and
 * subscriber channel follows the log: not ready while one is stuck or further
 * behind than LEDGER_READY_MAX_LAG_EVENTS / _SECONDS, which it names. A
 * disabled or failing webhook is reported but does not count: its receiver is
 * at fault, and taking this instance out of service would not bring it back.
 *
 * `detailed` adds what each check saw. Without it each check says only up or
 * down, all a load balancer needs: the details name every webhook and ISO
 * 18626 endpoint by id, and a disabled one's reason quotes its address, so
 * they are for a coordinator's key (GET /v1/health/ready), never the public probe.
 */
@Injectable()
export class Readiness {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly channels: SubscriberChannels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  checks(detailed: boolean): HealthIndicatorFunction[] {
    const answer = <Key extends string>(key: Key, up: boolean, details: Record<string, unknown>): HealthIndicatorResult<Key> => {
      const check = this.indicator.check(key);
      const shown = detailed ? details : {};
      return up ? check.up(shown) : check.down(shown);
    };
    return [
      async () => ((await this.store.ping()) ? answer('eventStore', true, {}) : answer('eventStore', false, { message: 'the event store does not answer' })),
      async () => {
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
        const up = status.running && status.error === null && stuck.length === 0 && tooFarBehind.length === 0;
        return answer('projections', up, up ? details : { ...details, error: status.error });
      },
      async () => {
        const lags = await this.channels.lags();
        const channels = Object.fromEntries(lags.map(({ channel, ...lag }) => [channel, lag]));
        const counted = lags.filter((lag) => lag.enabled && !lag.failing);
        const stuck = counted.filter((lag) => lag.stuck).map((lag) => lag.channel);
        const tooFarBehind = counted.filter((lag) => this.beyondBound(lag)).map((lag) => lag.channel);
        const details = { liveClients: this.channels.liveClients(), channels, stuck, tooFarBehind, bound: this.bound() };
        return answer('subscribers', stuck.length === 0 && tooFarBehind.length === 0, details);
      },
    ];
  }

  private bound() {
    return { events: this.config.readyMaxLagEvents, seconds: this.config.readyMaxLagSeconds };
  }

  private beyondBound({ events, seconds }: Lag): boolean {
    const { readyMaxLagEvents, readyMaxLagSeconds } = this.config;
    return (readyMaxLagEvents !== null && events > readyMaxLagEvents) || (readyMaxLagSeconds !== null && seconds > readyMaxLagSeconds);
  }
}
