"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var StorageModule_1, LedgerModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.LedgerModule = exports.StorageModule = exports.storageProviders = exports.ALL_PROJECTIONS = exports.DATABASE_FILE = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const cqrs_1 = require("@nestjs/cqrs");
const terminus_1 = require("@nestjs/terminus");
const throttler_1 = require("@nestjs/throttler");
const node_path_1 = require("node:path");
const access_service_1 = require("../application/access/access.service");
const command_deps_provider_1 = require("../application/commands/command-deps.provider");
const cooperation_facts_1 = require("../application/cooperation/cooperation-facts");
const api_key_store_port_1 = require("../application/ports/api-key-store.port");
const clock_port_1 = require("../application/ports/clock.port");
const event_store_port_1 = require("../application/ports/event-store.port");
const ids_port_1 = require("../application/ports/ids.port");
const read_store_port_1 = require("../application/ports/read-store.port");
const projection_runner_1 = require("../application/projections/projection-runner");
const final_work_1 = require("../application/jobs/final-work");
const subscriber_channels_1 = require("../application/subscriptions/subscriber-channels");
const ledger_metrics_1 = require("../application/operations/ledger-metrics");
const metrics_port_1 = require("../application/ports/metrics.port");
const operations_module_1 = require("./operations/operations.module");
const prom_metrics_1 = require("./operations/prom-metrics");
const sqlite_database_1 = require("./event-store/sqlite/sqlite-database");
const event_store_factory_1 = require("./event-store/event-store.factory");
const sqlite_event_store_1 = require("./event-store/sqlite/sqlite-event-store");
const api_key_guard_1 = require("./http/auth/api-key.guard");
const key_throttler_guard_1 = require("./http/auth/key-throttler.guard");
const fixed_window_throttler_storage_1 = require("./http/auth/fixed-window-throttler-storage");
const idempotency_1 = require("./http/idempotency/idempotency");
const idempotency_store_port_1 = require("../application/ports/idempotency-store.port");
const sqlite_idempotency_store_1 = require("./idempotency/sqlite-idempotency-store");
const routes_1 = require("./http/routes");
const features_1 = require("./features");
const problem_filter_1 = require("./http/problem/problem.filter");
const ledger_lifecycle_1 = require("./ledger-lifecycle");
const document_queries_1 = require("../application/queries/document.queries");
const held_elsewhere_1 = require("../application/claims/held-elsewhere");
const sqlite_api_key_store_1 = require("./access/sqlite-api-key-store");
const caching_api_key_store_1 = require("./access/caching-api-key-store");
const read_store_factory_1 = require("./read-store/read-store.factory");
const tokens_1 = require("./tokens");
const rate_counters_port_1 = require("../application/ports/rate-counters.port");
const local_rate_counters_1 = require("./rate-limits/local-rate-counters");
const pg_rate_counters_1 = require("./rate-limits/pg-rate-counters");
const counters_throttler_storage_1 = require("./rate-limits/counters-throttler-storage");
const pg_idempotency_store_1 = require("./idempotency/pg-idempotency-store");
const pg_api_key_store_1 = require("./access/pg-api-key-store");
const leader_election_port_1 = require("../application/ports/leader-election.port");
const sole_instance_1 = require("../application/jobs/sole-instance");
const pg_leader_election_1 = require("./leadership/pg-leader-election");
const instances_1 = require("./instances");
const heap_collector_1 = require("./runtime/heap-collector");
exports.DATABASE_FILE = 'ledger.db';
/** Every read model the service keeps. */
exports.ALL_PROJECTIONS = features_1.FEATURES.flatMap((feature) => feature.projections);
/** On PostgreSQL several instances may share the log: its singleton jobs are elected there. Elsewhere this instance is the only one. */
const leaderElection = (config) => {
    if (config.eventStore !== 'postgres')
        return new sole_instance_1.SoleInstance();
    const logger = new common_1.Logger('Leadership');
    return new pg_leader_election_1.PgLeaderElection({ connectionString: config.databaseUrl }, {
        namespace: config.pgSchema,
        retryMs: config.leaderCheckMs,
        onError: (error) => logger.warn({ event: 'leadership.error', err: error }, `leader election: ${error instanceof Error ? error.message : String(error)}`),
        onChange: (job, leading) => logger.log({ event: leading ? 'leadership.won' : 'leadership.lost', job }, `${leading ? 'now leading' : 'no longer leading'}: ${job}`),
    });
};
/** The storage half of the service, shared by the HTTP app and the CLI. */
const storageProviders = (config, metrics = metrics_port_1.noMetrics) => [
    { provide: tokens_1.APP_CONFIG, useValue: config },
    { provide: metrics_port_1.METRICS, useValue: metrics },
    { provide: ledger_metrics_1.LedgerMetrics, useFactory: (m) => new ledger_metrics_1.LedgerMetrics(m), inject: [metrics_port_1.METRICS] },
    {
        provide: tokens_1.SQLITE_DATABASE,
        useFactory: () => (0, sqlite_database_1.openSqliteDatabase)((0, node_path_1.join)(config.dataDir, exports.DATABASE_FILE), { synchronous: config.sqliteSynchronous }),
    },
    {
        provide: tokens_1.PG_POOL,
        useFactory: () => {
            const logger = new common_1.Logger('PostgreSQL');
            return (0, read_store_factory_1.openPgPool)(config, (error) => logger.warn({ event: 'postgres.connection-lost', err: error }, `an idle connection failed: ${error.message}`));
        },
    },
    {
        provide: event_store_port_1.EVENT_STORE,
        useFactory: (db, pool, clock, m) => (0, event_store_factory_1.createEventStore)(config, db, clock, {
            pool,
            onCommit: (...commit) => m.committed(...commit),
            onCheckpointError: (error) => new common_1.Logger('EventStore').warn({ event: 'event-store.checkpoints-inline', err: error }, `checkpointing the WAL inside commits again: ${error.message}`),
        }),
        inject: [tokens_1.SQLITE_DATABASE, tokens_1.PG_POOL, clock_port_1.CLOCK, ledger_metrics_1.LedgerMetrics],
    },
    {
        provide: read_store_port_1.READ_STORE,
        // The openings of a batch carried in parts are garbage once written: collected between parts as the bulk fold's are.
        useFactory: (db, pool) => (0, read_store_factory_1.createReadStore)(config, db, pool, (0, heap_collector_1.heapCollector)()),
        inject: [tokens_1.SQLITE_DATABASE, tokens_1.PG_POOL],
    },
    // On PostgreSQL every instance shares the keys, the idempotency answers and the rate limits.
    {
        provide: idempotency_store_port_1.IDEMPOTENCY_STORE,
        useFactory: (db, pool, store) => {
            if ((0, instances_1.sharedBy)(config, pool))
                return pg_idempotency_store_1.PgIdempotencyStore.open(pool, config.pgSchema);
            // On the event store's own connection, an answer is made durable by that store's sync, off the event loop.
            return new sqlite_idempotency_store_1.SqliteIdempotencyStore(db, store instanceof sqlite_event_store_1.SqliteEventStore ? () => store.durable() : undefined);
        },
        inject: [tokens_1.SQLITE_DATABASE, tokens_1.PG_POOL, event_store_port_1.EVENT_STORE],
    },
    {
        provide: api_key_store_port_1.API_KEY_STORE,
        // A key checked here is trusted for a few seconds (revocation on another instance reaches this one within them).
        useFactory: async (db, pool, clock) => new caching_api_key_store_1.CachingApiKeyStore((0, instances_1.sharedBy)(config, pool) ? await pg_api_key_store_1.PgApiKeyStore.open(pool, config.pgSchema) : new sqlite_api_key_store_1.SqliteApiKeyStore(db), clock, config.apiKeyCacheSeconds),
        inject: [tokens_1.SQLITE_DATABASE, tokens_1.PG_POOL, clock_port_1.CLOCK],
    },
    {
        provide: rate_counters_port_1.RATE_COUNTERS,
        useFactory: (pool, clock) => {
            if (!(0, instances_1.sharedBy)(config, pool))
                return new local_rate_counters_1.LocalRateCounters(clock);
            const logger = new common_1.Logger('RateLimits');
            return pg_rate_counters_1.PgRateCounters.open(pool, config.pgSchema, clock, {
                syncMs: config.rateSyncMs,
                onError: (error) => logger.warn({ event: 'rate-limits.sync-failed', err: error }, 'could not share the rate limit counts; counting here meanwhile'),
            });
        },
        inject: [tokens_1.PG_POOL, clock_port_1.CLOCK],
    },
    { provide: leader_election_port_1.LEADER_ELECTION, useFactory: () => leaderElection(config) },
    {
        provide: leader_election_port_1.READ_MODEL_ELECTION,
        // Read models in each instance's own file are each folded by their own instance.
        useFactory: (shared) => (config.readStore === 'sqlite' ? new sole_instance_1.SoleInstance() : shared),
        inject: [leader_election_port_1.LEADER_ELECTION],
    },
    { provide: clock_port_1.CLOCK, useValue: clock_port_1.systemClock },
    { provide: ids_port_1.IDS, useValue: ids_port_1.randomIds },
    { provide: tokens_1.PROJECTIONS, useValue: exports.ALL_PROJECTIONS },
    { provide: final_work_1.FinalWork, useValue: new final_work_1.FinalWork() },
    {
        provide: projection_runner_1.ProjectionRunner,
        useFactory: (store, reads, projections, clock, metrics) => {
            const logger = new common_1.Logger('Projections');
            return new projection_runner_1.ProjectionRunner(store, reads, projections, {
                clock,
                collect: (0, heap_collector_1.heapCollector)(),
                skipBadEvents: config.projectionsSkipBadEvents,
                // The text repeats the error for the CLI, whose plain console logger does not print `err`.
                onError: (error) => logger.error({ event: 'projection.failed', err: error }, `projection failed, retrying from its checkpoint: ${error instanceof Error ? error.stack : String(error)}`),
                onSetAside: (event) => {
                    metrics.eventSetAside(event.projection, event.resolution);
                    logger.warn({ event: event.resolution === 'stuck' ? 'projection.stuck' : 'projection.skipped-event', ...event }, `${event.projection} ${event.resolution === 'stuck' ? 'stopped at' : 'skipped'} ${event.type} ${event.eventId} ` +
                        `at position ${event.position}: ${event.error}`);
                },
            });
        },
        inject: [event_store_port_1.EVENT_STORE, read_store_port_1.READ_STORE, tokens_1.PROJECTIONS, clock_port_1.CLOCK, ledger_metrics_1.LedgerMetrics],
    },
];
exports.storageProviders = storageProviders;
/** Storage, access and the command dependencies, shared by every feature module. */
let StorageModule = StorageModule_1 = class StorageModule {
    static forRoot(config, metrics) {
        const providers = [
            ...(0, exports.storageProviders)(config, metrics),
            access_service_1.AccessService,
            command_deps_provider_1.CommandDepsProvider,
            cooperation_facts_1.CooperationFacts,
            held_elsewhere_1.HeldElsewhere,
            { provide: subscriber_channels_1.SubscriberChannels, useFactory: (store, clock) => new subscriber_channels_1.SubscriberChannels(store, clock), inject: [event_store_port_1.EVENT_STORE, clock_port_1.CLOCK] },
        ];
        return { module: StorageModule_1, providers, exports: providers };
    }
};
exports.StorageModule = StorageModule;
exports.StorageModule = StorageModule = StorageModule_1 = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({})
], StorageModule);
let LedgerModule = LedgerModule_1 = class LedgerModule {
    static forRoot(config) {
        // Checked before anything is opened: a refused setting leaves no connection or file behind.
        (0, ledger_lifecycle_1.checkSkippedProjections)(config.projectionsSkipBadEvents, exports.ALL_PROJECTIONS);
        const metrics = new prom_metrics_1.PromMetrics();
        return {
            module: LedgerModule_1,
            imports: [
                StorageModule.forRoot(config, metrics),
                operations_module_1.OperationsModule.forRoot(config, metrics),
                cqrs_1.CqrsModule.forRoot(),
                terminus_1.TerminusModule.forRoot({ logger: false }),
                throttler_1.ThrottlerModule.forRootAsync({
                    // One instance counts in memory; several count together (see PgRateCounters).
                    useFactory: (counters, clock) => ({
                        throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }],
                        storage: config.eventStore === 'postgres' ? new counters_throttler_storage_1.CountersThrottlerStorage(counters) : new fixed_window_throttler_storage_1.FixedWindowThrottlerStorage(clock),
                    }),
                    inject: [rate_counters_port_1.RATE_COUNTERS, clock_port_1.CLOCK],
                }),
                ...features_1.FEATURES.map((feature) => feature.module),
            ],
            controllers: [...routes_1.CORE_CONTROLLERS],
            providers: [
                ledger_lifecycle_1.LedgerLifecycle,
                idempotency_1.IdempotentAnswers,
                ...document_queries_1.DOCUMENT_QUERY_HANDLERS,
                // Guards run in this order: who is calling, then how often.
                { provide: core_1.APP_GUARD, useClass: api_key_guard_1.ApiKeyGuard },
                { provide: core_1.APP_GUARD, useClass: key_throttler_guard_1.KeyThrottlerGuard },
                { provide: core_1.APP_FILTER, useClass: problem_filter_1.ProblemFilter },
            ],
        };
    }
};
exports.LedgerModule = LedgerModule;
exports.LedgerModule = LedgerModule = LedgerModule_1 = __decorate([
    (0, common_1.Module)({})
], LedgerModule);
//# sourceMappingURL=ledger.module.js.map