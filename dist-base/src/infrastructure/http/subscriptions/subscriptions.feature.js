"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.subscriptionsFeature = exports.SubscriptionsModule = exports.SubscriptionsLifecycle = void 0;
const ledger_metrics_1 = require("../../../application/operations/ledger-metrics");
const common_1 = require("@nestjs/common");
const leader_election_port_1 = require("../../../application/ports/leader-election.port");
const clock_port_1 = require("../../../application/ports/clock.port");
const event_store_port_1 = require("../../../application/ports/event-store.port");
const ids_port_1 = require("../../../application/ports/ids.port");
const cloud_events_1 = require("../../../application/subscriptions/cloud-events");
const delivery_dispatcher_1 = require("../../../application/subscriptions/delivery/delivery-dispatcher");
const delivery_target_1 = require("../../../application/subscriptions/delivery/delivery-target");
const log_fan_out_1 = require("../../../application/subscriptions/log-fan-out");
const webhooks_service_1 = require("../../../application/subscriptions/webhooks.service");
const access_service_1 = require("../../../application/access/access.service");
const subscriber_channels_1 = require("../../../application/subscriptions/subscriber-channels");
const destination_policy_1 = require("../../subscriptions/destination-policy");
const sqlite_delivery_target_store_1 = require("../../subscriptions/sqlite-delivery-target-store");
const webhook_transport_1 = require("../../subscriptions/webhook.transport");
const tokens_1 = require("../../tokens");
const pg_delivery_target_store_1 = require("../../subscriptions/pg-delivery-target-store");
const instances_1 = require("../../instances");
const iso18626_endpoints_service_1 = require("../../../application/iso18626/iso18626-endpoints.service");
const iso18626_transport_1 = require("../../iso18626/iso18626.transport");
const asyncapi_controller_1 = require("./asyncapi.controller");
const live_events_controller_1 = require("./live-events.controller");
const live_streams_1 = require("./live-streams");
const webhooks_controller_1 = require("./webhooks.controller");
/**
 * Starts following the log (every instance serves live feeds) and delivering
 * (the elected instance only); stops both (and ends live feeds) before HTTP
 * and the store close. A revoked key's webhooks stop with it.
 */
let SubscriptionsLifecycle = class SubscriptionsLifecycle {
    log;
    dispatcher;
    streams;
    webhooks;
    access;
    channels;
    election;
    logger = new common_1.Logger('Webhooks');
    delivering;
    constructor(log, dispatcher, streams, webhooks, access, channels, election) {
        this.log = log;
        this.dispatcher = dispatcher;
        this.streams = streams;
        this.webhooks = webhooks;
        this.access = access;
        this.channels = channels;
        this.election = election;
    }
    async onApplicationBootstrap() {
        this.access.whenRevoked(async (keyId) => {
            for (const webhook of await this.webhooks.ownerRevoked(keyId))
                webhookDisabled(this.logger, webhook.id, keyId, webhook.disabledReason ?? '');
        });
        this.channels.attach({ log: this.log, targets: () => this.dispatcher.progress(), liveClients: () => this.streams.size });
        await this.log.start();
        this.delivering = await this.election.campaign('webhooks', { lead: () => this.dispatcher.start(), stepDown: () => this.dispatcher.stop() });
    }
    async beforeApplicationShutdown() {
        this.log.stop();
        await Promise.all([this.streams.closeAll(), this.delivering?.withdraw()]);
    }
};
exports.SubscriptionsLifecycle = SubscriptionsLifecycle;
exports.SubscriptionsLifecycle = SubscriptionsLifecycle = __decorate([
    (0, common_1.Injectable)(),
    __param(6, (0, common_1.Inject)(leader_election_port_1.LEADER_ELECTION)),
    __metadata("design:paramtypes", [log_fan_out_1.LogFanOut,
        delivery_dispatcher_1.DeliveryDispatcher,
        live_streams_1.LiveStreams,
        webhooks_service_1.WebhooksService,
        access_service_1.AccessService,
        subscriber_channels_1.SubscriberChannels, Object])
], SubscriptionsLifecycle);
const webhookDisabled = (logger, id, ownerKeyId, reason) => logger.warn({ event: 'webhook.disabled', webhookId: id, ownerKeyId, reason }, `webhook ${id} disabled: ${reason}`);
const providers = [
    live_streams_1.LiveStreams,
    SubscriptionsLifecycle,
    {
        provide: cloud_events_1.CloudEventRenderer,
        useFactory: (config) => new cloud_events_1.CloudEventRenderer({ source: config.subscriptions.networkId, typePrefix: config.subscriptions.eventTypePrefix }),
        inject: [tokens_1.APP_CONFIG],
    },
    { provide: log_fan_out_1.LogFanOut, useFactory: (store, renderer) => new log_fan_out_1.LogFanOut(store, renderer), inject: [event_store_port_1.EVENT_STORE, cloud_events_1.CloudEventRenderer] },
    {
        provide: delivery_target_1.DELIVERY_TARGET_STORE,
        // On PostgreSQL every instance registers into, and the elected one delivers from, the same targets.
        useFactory: (db, pool, config) => ((0, instances_1.sharedBy)(config, pool) ? pg_delivery_target_store_1.PgDeliveryTargetStore.open(pool, config.pgSchema) : new sqlite_delivery_target_store_1.SqliteDeliveryTargetStore(db)),
        inject: [tokens_1.SQLITE_DATABASE, tokens_1.PG_POOL, tokens_1.APP_CONFIG],
    },
    {
        provide: destination_policy_1.HttpDestinations,
        useFactory: ({ subscriptions }) => new destination_policy_1.HttpDestinations({ allowPrivate: subscriptions.webhookAllowPrivate, allowHttp: subscriptions.webhookAllowHttp }),
        inject: [tokens_1.APP_CONFIG],
    },
    {
        provide: delivery_dispatcher_1.DeliveryDispatcher,
        useFactory: (config, log, targets, renderer, destinations, clock, metrics, store, access) => {
            const { webhookRetryBaseMs, webhookRetryMaxMs, webhookMaxFailures, webhookTimeoutMs } = config.subscriptions;
            const logger = new common_1.Logger('Webhooks');
            return new delivery_dispatcher_1.DeliveryDispatcher(targets, {
                [webhooks_service_1.WEBHOOK]: new webhook_transport_1.WebhookTransport(renderer, destinations, clock, webhookTimeoutMs),
                [iso18626_endpoints_service_1.ISO18626_TARGET]: new iso18626_transport_1.Iso18626Transport(store, destinations, clock, webhookTimeoutMs),
            }, {
                log,
                targets,
                clock,
                metrics,
                policy: { baseDelayMs: webhookRetryBaseMs, maxDelayMs: webhookRetryMaxMs, maxFailures: webhookMaxFailures },
                onDisabled: (target, reason) => webhookDisabled(logger, target.id, target.owner.keyId, reason),
            }, {
                onError: (id, error) => logger.error({ event: 'webhook.failed', webhookId: id, err: error }, `delivery to ${id} stopped, resuming from its checkpoint: ${error instanceof Error ? error.stack : String(error)}`),
                // Webhooks registered or changed through another instance reach the delivering one within a second.
                resyncMs: config.eventStore === 'postgres' ? 1000 : 0,
                admit: (0, webhooks_service_1.barRevokedOwners)(targets, access, clock, (target) => webhookDisabled(logger, target.id, target.owner.keyId, webhooks_service_1.OWNER_KEY_REVOKED)),
            });
        },
        inject: [tokens_1.APP_CONFIG, log_fan_out_1.LogFanOut, delivery_target_1.DELIVERY_TARGET_STORE, cloud_events_1.CloudEventRenderer, destination_policy_1.HttpDestinations, clock_port_1.CLOCK, ledger_metrics_1.LedgerMetrics, event_store_port_1.EVENT_STORE, access_service_1.AccessService],
    },
    {
        provide: webhooks_service_1.WebhooksService,
        useFactory: (targets, dispatcher, destinations, store, clock, ids) => new webhooks_service_1.WebhooksService(targets, dispatcher, destinations, store, clock, ids),
        inject: [delivery_target_1.DELIVERY_TARGET_STORE, delivery_dispatcher_1.DeliveryDispatcher, destination_policy_1.HttpDestinations, event_store_port_1.EVENT_STORE, clock_port_1.CLOCK, ids_port_1.IDS],
    },
];
let SubscriptionsModule = class SubscriptionsModule {
};
exports.SubscriptionsModule = SubscriptionsModule;
exports.SubscriptionsModule = SubscriptionsModule = __decorate([
    (0, common_1.Module)({ controllers: [live_events_controller_1.LiveEventsController, webhooks_controller_1.WebhooksController, asyncapi_controller_1.AsyncApiController], providers, exports: [delivery_dispatcher_1.DeliveryDispatcher, delivery_target_1.DELIVERY_TARGET_STORE, destination_policy_1.HttpDestinations] })
], SubscriptionsModule);
/** The live feed, webhooks and the AsyncAPI document: push for the systems that follow the ledger. */
exports.subscriptionsFeature = { module: SubscriptionsModule, projections: [] };
//# sourceMappingURL=subscriptions.feature.js.map