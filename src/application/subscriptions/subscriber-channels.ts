import type { Clock } from '../ports/clock.port';
import type { EventStore, Position } from '../ports/event-store.port';
import { lagOf } from '../projections/projection-report';
import type { TargetProgress } from './delivery/delivery-dispatcher';
import type { LogFanOut } from './log-fan-out';

/** How far one subscriber channel (the live feed, or one webhook) is behind the log. */
export type ChannelLag = Readonly<{
  /** `live-feed`, or `webhook` */
  kind: string;
  /** `live-feed`, or the webhook's id */
  channel: string;
  /** Events in the log after the channel's position. */
  events: number;
  /** Age of the oldest event the channel has not passed yet (0 when caught up). */
  seconds: number;
  /** Stopped although it should run: it will not catch up by waiting. */
  stuck: boolean;
  /** False for a webhook disabled after its failures or its owner key's revocation: reported, not counted against readiness. */
  enabled: boolean;
  disabledReason: string | null;
  /** A webhook whose last attempt failed and which waits to retry. */
  failing: boolean;
}>;

/** What the subscriptions feature tells operations about itself. */
export type SubscriberSources = Readonly<{
  log: LogFanOut;
  targets: () => Promise<readonly TargetProgress[]>;
  liveClients: () => number;
}>;

/**
 * The subscriber channels as health and metrics see them. The subscriptions
 * feature attaches its sources when it starts; before that (or without the
 * feature) there are none.
 */
export class SubscriberChannels {
  private sources: SubscriberSources | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  attach(sources: SubscriberSources): void {
    this.sources = sources;
  }

  liveClients(): number {
    return this.sources?.liveClients() ?? 0;
  }

  async lags(): Promise<ChannelLag[]> {
    if (!this.sources) return [];
    const head = await this.store.headPosition();
    const feed = this.sources.log.progress();
    const lags: ChannelLag[] = [
      { kind: 'live-feed', channel: 'live-feed', ...(await this.behind(head, feed.position)), stuck: !feed.running, enabled: true, disabledReason: null, failing: false },
    ];
    for (const { target, position, stuck, failing } of await this.sources.targets()) {
      lags.push({ kind: target.kind, channel: target.id, ...(await this.behind(head, position)), stuck, enabled: target.enabled, disabledReason: target.disabledReason, failing });
    }
    return lags;
  }

  private async behind(head: Position | null, position: Position | null): Promise<{ events: number; seconds: number }> {
    const events = Math.max(0, lagOf(head, position));
    if (events === 0) return { events, seconds: 0 };
    const [oldest] = await this.store.readAll({ after: position, limit: 1 });
    const recordedAt = oldest ? Date.parse(oldest.metadata.recordedAt) : NaN;
    return { events, seconds: Number.isNaN(recordedAt) ? 0 : Math.max(0, (this.clock.now().getTime() - recordedAt) / 1000) };
  }
}
