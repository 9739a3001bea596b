import { LedgerMetrics } from '../../../application/operations/ledger-metrics';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { LEADER_ELECTION, type Candidacy, type LeaderElection } from '../../../application/ports/leader-election.port';
import type { Database } from 'better-sqlite3';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port';
import { IDS, type IdSource } from '../../../application/ports/ids.port';
import { CloudEventRenderer } from '../../../application/subscriptions/cloud-events';
import { DeliveryDispatcher } from '../../../application/subscriptions/delivery/delivery-dispatcher';
import { DELIVERY_TARGET_STORE, type DeliveryTargetStore } from '../../../application/subscriptions/delivery/delivery-target';
import { LogFanOut } from '../../../application/subscriptions/log-fan-out';
import { barRevokedOwners, OWNER_KEY_REVOKED, WEBHOOK, WebhooksService } from '../../../application/subscriptions/webhooks.service';
import { AccessService } from '../../../application/access/access.service';
import { SubscriberChannels } from '../../../application/subscriptions/subscriber-channels';
import type { AppConfig } from '../../config/config';
import { embedded } from '../../event-store/sqlite/sqlite-database';
import type { Feature } from '../../feature';
import { HttpDestinations } from '../../subscriptions/destination-policy';
import { SqliteDeliveryTargetStore } from '../../subscriptions/sqlite-delivery-target-store';
import { WebhookTransport } from '../../subscriptions/webhook.transport';
import { APP_CONFIG, PG_POOL, SQLITE_DATABASE } from '../../tokens';
import type { Pool } from 'pg';
import { PgDeliveryTargetStore } from '../../subscriptions/pg-delivery-target-store';
import { sharedBy } from '../../instances';
import { ISO18626_TARGET } from '../../../application/iso18626/iso18626-endpoints.service';
import { Iso18626Transport } from '../../iso18626/iso18626.transport';
import { AsyncApiController } from './asyncapi.controller';
import { LiveEventsController } from './live-events.controller';
import { LiveStreams } from './live-streams';
import { WebhooksController } from './webhooks.controller';

/**
 * Starts following the log (every instance serves live feeds) and delivering
 * (the elected instance only); stops both (and ends live feeds) before HTTP
 * and the store close. A revoked key's webhooks and live feeds stop with it.
 */
@Injectable()
export class SubscriptionsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private delivering?: Candidacy;

  constructor(
    private readonly log: LogFanOut,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly streams: LiveStreams,
    private readonly webhooks: WebhooksService,
    private readonly access: AccessService,
    private readonly channels: SubscriberChannels,
    @Inject(LEADER_ELECTION) private readonly election: LeaderElection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.access.whenRevoked(async (keyId) => {
      for (const webhook of await this.webhooks.ownerRevoked(keyId)) webhookDisabled(this.logger, webhook.id, keyId, webhook.disabledReason ?? '');
      // Its live feeds end too: a feed is one request, which would otherwise go on for as long as the client holds it.
      await this.streams.closeOwnedBy(keyId);
    });
    this.channels.attach({ log: this.log, targets: () => this.dispatcher.progress(), liveClients: () => this.streams.size });
    await this.log.start();
    this.delivering = await this.election.campaign('webhooks', { lead: () => this.dispatcher.start(), stepDown: () => this.dispatcher.stop() });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.log.stop();
    await Promise.all([this.streams.closeAll(), this.delivering?.withdraw()]);
  }
}

const webhookDisabled = (logger: Logger, id: string, ownerKeyId: string, reason: string) =>
  logger.warn({ event: 'webhook.disabled', webhookId: id, ownerKeyId, reason }, `webhook ${id} disabled: ${reason}`);

const providers = [
  LiveStreams,
  SubscriptionsLifecycle,
  {
    provide: CloudEventRenderer,
    useFactory: (config: AppConfig) => new CloudEventRenderer({ source: config.subscriptions.networkId, typePrefix: config.subscriptions.eventTypePrefix }),
    inject: [APP_CONFIG],
  },
  { provide: LogFanOut, useFactory: (store: EventStore, renderer: CloudEventRenderer) => new LogFanOut(store, renderer), inject: [EVENT_STORE, CloudEventRenderer] },
  {
    provide: DELIVERY_TARGET_STORE,
    // On PostgreSQL every instance registers into, and the elected one delivers from, the same targets.
    useFactory: (db: Database | null, pool: Pool | null, config: AppConfig) => (sharedBy(config, pool) ? PgDeliveryTargetStore.open(pool!, config.pgSchema) : new SqliteDeliveryTargetStore(embedded(db))),
    inject: [SQLITE_DATABASE, PG_POOL, APP_CONFIG],
  },
  {
    provide: HttpDestinations,
    useFactory: ({ subscriptions }: AppConfig) => new HttpDestinations({ allowPrivate: subscriptions.webhookAllowPrivate, allowHttp: subscriptions.webhookAllowHttp }),
    inject: [APP_CONFIG],
  },
  {
    provide: DeliveryDispatcher,
    useFactory: (
      config: AppConfig,
      log: LogFanOut,
      targets: DeliveryTargetStore,
      renderer: CloudEventRenderer,
      destinations: HttpDestinations,
      clock: Clock,
      metrics: LedgerMetrics,
      store: EventStore,
      access: AccessService,
    ) => {
      const { webhookRetryBaseMs, webhookRetryMaxMs, webhookMaxFailures, webhookTimeoutMs } = config.subscriptions;
      const logger = new Logger('Webhooks');
      return new DeliveryDispatcher(
        targets,
        {
          [WEBHOOK]: new WebhookTransport(renderer, destinations, clock, webhookTimeoutMs),
          [ISO18626_TARGET]: new Iso18626Transport(store, destinations, clock, webhookTimeoutMs),
        },
        {
          log,
          targets,
          clock,
          metrics,
          policy: { baseDelayMs: webhookRetryBaseMs, maxDelayMs: webhookRetryMaxMs, maxFailures: webhookMaxFailures },
          onDisabled: (target, reason) => webhookDisabled(logger, target.id, target.owner.keyId, reason),
        },
        {
          onError: (id, error) =>
            logger.error({ event: 'webhook.failed', webhookId: id, err: error }, `delivery to ${id} stopped, resuming from its checkpoint: ${error instanceof Error ? error.stack : String(error)}`),
          // Webhooks registered or changed through another instance reach the delivering one within a second.
          resyncMs: config.eventStore === 'postgres' ? 1000 : 0,
          admit: barRevokedOwners(targets, access, clock, (target) => webhookDisabled(logger, target.id, target.owner.keyId, OWNER_KEY_REVOKED)),
        },
      );
    },
    inject: [APP_CONFIG, LogFanOut, DELIVERY_TARGET_STORE, CloudEventRenderer, HttpDestinations, CLOCK, LedgerMetrics, EVENT_STORE, AccessService],
  },
  {
    provide: WebhooksService,
    useFactory: (targets: DeliveryTargetStore, dispatcher: DeliveryDispatcher, destinations: HttpDestinations, store: EventStore, clock: Clock, ids: IdSource) =>
      new WebhooksService(targets, dispatcher, destinations, store, clock, ids),
    inject: [DELIVERY_TARGET_STORE, DeliveryDispatcher, HttpDestinations, EVENT_STORE, CLOCK, IDS],
  },
];

@Module({ controllers: [LiveEventsController, WebhooksController, AsyncApiController], providers, exports: [DeliveryDispatcher, DELIVERY_TARGET_STORE, HttpDestinations] })
export class SubscriptionsModule {}

/** The live feed, webhooks and the AsyncAPI document: push for the systems that follow the ledger. */
export const subscriptionsFeature: Feature = { module: SubscriptionsModule, projections: [] };
