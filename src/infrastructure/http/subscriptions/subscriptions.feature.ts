import { LedgerMetrics } from '../../../application/operations/ledger-metrics';
import { BeforeApplicationShutdown, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port';
import { IDS, type IdSource } from '../../../application/ports/ids.port';
import { CloudEventRenderer } from '../../../application/subscriptions/cloud-events';
import { DeliveryDispatcher } from '../../../application/subscriptions/delivery/delivery-dispatcher';
import { DELIVERY_TARGET_STORE, type DeliveryTargetStore } from '../../../application/subscriptions/delivery/delivery-target';
import { LogWatch } from '../../../application/subscriptions/log-watch';
import { WEBHOOK, WebhooksService } from '../../../application/subscriptions/webhooks.service';
import type { AppConfig } from '../../config/config';
import type { Feature } from '../../feature';
import { HttpDestinations } from '../../subscriptions/destination-policy';
import { SqliteDeliveryTargetStore } from '../../subscriptions/sqlite-delivery-target-store';
import { WebhookTransport } from '../../subscriptions/webhook.transport';
import { ISO18626_TARGET } from '../../../application/iso18626/iso18626-endpoints.service';
import { Iso18626Transport } from '../../iso18626/iso18626.transport';
import { APP_CONFIG, SQLITE_DATABASE } from '../../tokens';
import { AsyncApiController } from './asyncapi.controller';
import { LiveEventsController } from './live-events.controller';
import { LiveStreams } from './live-streams';
import { WebhooksController } from './webhooks.controller';

/** Starts following the log and delivering; stops both (and ends live feeds) before HTTP and the store close. */
@Injectable()
export class SubscriptionsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly watch: LogWatch,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly streams: LiveStreams,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.watch.start();
    await this.dispatcher.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.watch.stop();
    await Promise.all([this.streams.closeAll(), this.dispatcher.stop()]);
  }
}

const providers = [
  LiveStreams,
  SubscriptionsLifecycle,
  {
    provide: CloudEventRenderer,
    useFactory: (config: AppConfig) => new CloudEventRenderer({ source: config.subscriptions.networkId, typePrefix: config.subscriptions.eventTypePrefix }),
    inject: [APP_CONFIG],
  },
  { provide: LogWatch, useFactory: (store: EventStore) => new LogWatch(store), inject: [EVENT_STORE] },
  { provide: DELIVERY_TARGET_STORE, useFactory: (db: Database) => new SqliteDeliveryTargetStore(db), inject: [SQLITE_DATABASE] },
  {
    provide: HttpDestinations,
    useFactory: ({ subscriptions }: AppConfig) => new HttpDestinations({ allowPrivate: subscriptions.webhookAllowPrivate, allowHttp: subscriptions.webhookAllowHttp }),
    inject: [APP_CONFIG],
  },
  {
    provide: DeliveryDispatcher,
    useFactory: (
      config: AppConfig,
      store: EventStore,
      watch: LogWatch,
      targets: DeliveryTargetStore,
      renderer: CloudEventRenderer,
      destinations: HttpDestinations,
      clock: Clock,
      metrics: LedgerMetrics,
    ) => {
      const { webhookRetryBaseMs, webhookRetryMaxMs, webhookMaxFailures, webhookTimeoutMs } = config.subscriptions;
      const logger = new Logger('Webhooks');
      return new DeliveryDispatcher(
        targets,
        {
          [WEBHOOK]: new WebhookTransport(renderer, destinations, clock, webhookTimeoutMs),
          [ISO18626_TARGET]: new Iso18626Transport(store, destinations, clock, webhookTimeoutMs),
        },
        { store, watch, targets, renderer, clock, metrics, policy: { baseDelayMs: webhookRetryBaseMs, maxDelayMs: webhookRetryMaxMs, maxFailures: webhookMaxFailures } },
        (id, error) => logger.error(`delivery to ${id} stopped, resuming from its checkpoint: ${error instanceof Error ? error.stack : String(error)}`),
      );
    },
    inject: [APP_CONFIG, EVENT_STORE, LogWatch, DELIVERY_TARGET_STORE, CloudEventRenderer, HttpDestinations, CLOCK, LedgerMetrics],
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
