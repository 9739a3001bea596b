import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import { AccessService } from '../application/access/access.service';
import { CommandDepsProvider } from '../application/commands/command-deps.provider';
import { CooperationFacts } from '../application/cooperation/cooperation-facts';
import { API_KEY_STORE } from '../application/ports/api-key-store.port';
import { CLOCK, systemClock, type Clock } from '../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../application/ports/event-store.port';
import { IDS, freshIds } from '../application/ports/ids.port';
import { READ_STORE, type ReadStore } from '../application/ports/read-store.port';
import type { Projection } from '../application/projections/projection';
import { ProjectionRunner } from '../application/projections/projection-runner';
import { FinalWork } from '../application/jobs/final-work';
import { SubscriberChannels } from '../application/subscriptions/subscriber-channels';
import type { AppConfig } from './config/config';
import { LedgerMetrics } from '../application/operations/ledger-metrics';
import { METRICS, noMetrics, type Metrics } from '../application/ports/metrics.port';
import { OperationsModule } from './operations/operations.module';
import { PromMetrics } from './operations/prom-metrics';
import { embedded, openSqliteDatabase } from './event-store/sqlite/sqlite-database';
import { createEventStore } from './event-store/event-store.factory';
import { SqliteEventStore } from './event-store/sqlite/sqlite-event-store';
import { ApiKeyGuard } from './http/auth/api-key.guard';
import { KeyThrottlerGuard } from './http/auth/key-throttler.guard';
import { NoQueryWhereNoneIsTaken } from './http/validation/no-query.guard';
import { FixedWindowThrottlerStorage } from './http/auth/fixed-window-throttler-storage';
import { IdempotentAnswers } from './http/idempotency/idempotency';
import { IDEMPOTENCY_STORE } from '../application/ports/idempotency-store.port';
import { SqliteIdempotencyStore } from './idempotency/sqlite-idempotency-store';
import { CORE_CONTROLLERS } from './http/routes';
import { FEATURES } from './features';
import { ProblemFilter } from './http/problem/problem.filter';
import { Readiness } from './http/health/readiness';
import { checkSkippedProjections, LedgerLifecycle } from './ledger-lifecycle';
import { DOCUMENT_QUERY_HANDLERS } from '../application/queries/document.queries';
import { HeldElsewhere } from '../application/claims/held-elsewhere';
import { SqliteApiKeyStore } from './access/sqlite-api-key-store';
import { CachingApiKeyStore } from './access/caching-api-key-store';
import { createReadStore, openPgPool, usesSqlite } from './read-store/read-store.factory';
import { APP_CONFIG, DATA_DIR_RELEASE, PG_POOL, PROJECTIONS, SQLITE_DATABASE } from './tokens';
import { RATE_COUNTERS, type RateCounters } from '../application/ports/rate-counters.port';
import { LocalRateCounters } from './rate-limits/local-rate-counters';
import { PgRateCounters } from './rate-limits/pg-rate-counters';
import { CountersThrottlerStorage } from './rate-limits/counters-throttler-storage';
import { PgIdempotencyStore } from './idempotency/pg-idempotency-store';
import { PgApiKeyStore } from './access/pg-api-key-store';
import { LEADER_ELECTION, READ_MODEL_ELECTION, type LeaderElection } from '../application/ports/leader-election.port';
import { SoleInstance } from '../application/jobs/sole-instance';
import { PgLeaderElection } from './leadership/pg-leader-election';
import { sharedBy } from './instances';
import { heapCollector } from './runtime/heap-collector';

export const DATABASE_FILE = 'ledger.db';

/** Every read model the service keeps. */
export const ALL_PROJECTIONS: readonly Projection[] = FEATURES.flatMap((feature) => feature.projections);

/** On PostgreSQL several instances may share the log: its singleton jobs are elected there. Elsewhere this instance is the only one. */
const leaderElection = (config: AppConfig): LeaderElection => {
  if (config.eventStore !== 'postgres') return new SoleInstance();
  const logger = new Logger('Leadership');
  return new PgLeaderElection(
    { connectionString: config.databaseUrl! },
    {
      namespace: config.pgSchema,
      retryMs: config.leaderCheckMs,
      onError: (error) => logger.warn({ event: 'leadership.error', err: error }, `leader election: ${error instanceof Error ? error.message : String(error)}`),
      onChange: (job, leading) =>
        logger.log({ event: leading ? 'leadership.won' : 'leadership.lost', job }, `${leading ? 'now leading' : 'no longer leading'}: ${job}`),
    },
  );
};

/** The storage half of the service, shared by the HTTP app and the CLI. */
export const storageProviders = (config: AppConfig, metrics: Metrics = noMetrics) => [
  { provide: APP_CONFIG, useValue: config },
  { provide: METRICS, useValue: metrics },
  { provide: LedgerMetrics, useFactory: (m: Metrics) => new LedgerMetrics(m), inject: [METRICS] },
  {
    provide: SQLITE_DATABASE,
    // Null when nothing lives in the embedded file: then none is made beside a PostgreSQL deployment.
    useFactory: (): Database | null => (usesSqlite(config) ? openSqliteDatabase(join(config.dataDir, DATABASE_FILE), { synchronous: config.sqliteSynchronous }) : null),
  },
  {
    provide: PG_POOL,
    useFactory: () => {
      const logger = new Logger('PostgreSQL');
      return openPgPool(config, (error) => logger.warn({ event: 'postgres.connection-lost', err: error }, `an idle connection failed: ${error.message}`));
    },
  },
  {
    provide: EVENT_STORE,
    useFactory: (db: Database | null, pool: Pool | null, clock: Clock, m: LedgerMetrics) =>
      createEventStore(config, db, clock, {
        pool,
        onCommit: (...commit) => m.committed(...commit),
        onCheckpointError: (error) =>
          new Logger('EventStore').warn({ event: 'event-store.checkpoints-inline', err: error }, `checkpointing the WAL inside commits again: ${error.message}`),
      }),
    inject: [SQLITE_DATABASE, PG_POOL, CLOCK, LedgerMetrics],
  },
  {
    provide: READ_STORE,
    // The openings of a batch carried in parts are garbage once written: collected between parts as the bulk fold's are.
    useFactory: (db: Database | null, pool: Pool | null) => createReadStore(config, db, pool, heapCollector()),
    inject: [SQLITE_DATABASE, PG_POOL],
  },
  // On PostgreSQL every instance shares the keys, the idempotency answers and the rate limits.
  {
    provide: IDEMPOTENCY_STORE,
    useFactory: (db: Database | null, pool: Pool | null, store: EventStore) => {
      if (sharedBy(config, pool)) return PgIdempotencyStore.open(pool!, config.pgSchema);
      // On the event store's own connection, an answer is made durable by that store's sync, off the event loop.
      return new SqliteIdempotencyStore(embedded(db), store instanceof SqliteEventStore ? () => store.durable() : undefined);
    },
    inject: [SQLITE_DATABASE, PG_POOL, EVENT_STORE],
  },
  {
    provide: API_KEY_STORE,
    // A key checked here is trusted for a few seconds (revocation on another instance reaches this one within them).
    useFactory: async (db: Database | null, pool: Pool | null, clock: Clock) =>
      new CachingApiKeyStore(sharedBy(config, pool) ? await PgApiKeyStore.open(pool!, config.pgSchema) : new SqliteApiKeyStore(embedded(db)), clock, config.apiKeyCacheSeconds),
    inject: [SQLITE_DATABASE, PG_POOL, CLOCK],
  },
  {
    provide: RATE_COUNTERS,
    useFactory: (pool: Pool | null, clock: Clock): RateCounters | Promise<RateCounters> => {
      if (!sharedBy(config, pool)) return new LocalRateCounters(clock);
      const logger = new Logger('RateLimits');
      return PgRateCounters.open(pool!, config.pgSchema, clock, {
        syncMs: config.rateSyncMs,
        onError: (error) => logger.warn({ event: 'rate-limits.sync-failed', err: error }, 'could not share the rate limit counts; counting here meanwhile'),
      });
    },
    inject: [PG_POOL, CLOCK],
  },
  { provide: LEADER_ELECTION, useFactory: () => leaderElection(config) },
  {
    provide: READ_MODEL_ELECTION,
    // Read models in each instance's own file are each folded by their own instance.
    useFactory: (shared: LeaderElection) => (config.readStore === 'sqlite' ? new SoleInstance() : shared),
    inject: [LEADER_ELECTION],
  },
  { provide: CLOCK, useValue: systemClock },
  { provide: IDS, useValue: freshIds },
  { provide: PROJECTIONS, useValue: ALL_PROJECTIONS },
  { provide: FinalWork, useValue: new FinalWork() },
  {
    provide: ProjectionRunner,
    useFactory: (store: EventStore, reads: ReadStore, projections: readonly Projection[], clock: Clock, metrics: LedgerMetrics) => {
      const logger = new Logger('Projections');
      return new ProjectionRunner(store, reads, projections, {
        clock,
        collect: heapCollector(),
        skipBadEvents: config.projectionsSkipBadEvents,
        // The text repeats the error for the CLI, whose plain console logger does not print `err`.
        onError: (error) =>
          logger.error({ event: 'projection.failed', err: error }, `projection failed, retrying from its checkpoint: ${error instanceof Error ? error.stack : String(error)}`),
        onBulkFold: ({ stage, readModels, events, position, head, seconds }) => {
          const names = Object.entries(readModels).map(([name, because]) => `${name} (${because})`).join(', ');
          const upTo = head === null ? 'an empty log' : `position ${head}`;
          const text = {
            started: `folding the log from the start up to ${upTo} into ${names}`,
            folding: `folded ${events} events, up to position ${position ?? 'start'} of ${head ?? 'start'}, in ${seconds.toFixed(0)} s`,
            indexing: `folded ${events} events in ${seconds.toFixed(0)} s; building the indexes`,
            done: `caught up: ${events} events folded and indexed in ${seconds.toFixed(1)} s`,
          }[stage];
          logger.log({ event: `projections.bulk-fold.${stage}`, readModels, events, position, head, seconds: Number(seconds.toFixed(3)) }, text);
        },
        onSetAside: (event) => {
          metrics.eventSetAside(event.projection, event.resolution);
          logger.warn(
            { event: event.resolution === 'stuck' ? 'projection.stuck' : 'projection.skipped-event', ...event },
            `${event.projection} ${event.resolution === 'stuck' ? 'stopped at' : 'skipped'} ${event.type} ${event.eventId} ` +
              `at position ${event.position}: ${event.error}`,
          );
        },
      });
    },
    inject: [EVENT_STORE, READ_STORE, PROJECTIONS, CLOCK, LedgerMetrics],
  },
];

/** Storage, access and the command dependencies, shared by every feature module. */
@Global()
@Module({})
export class StorageModule {
  static forRoot(config: AppConfig, metrics: Metrics): DynamicModule {
    const providers = [
      ...storageProviders(config, metrics),
      AccessService,
      CommandDepsProvider,
      CooperationFacts,
      HeldElsewhere,
      { provide: SubscriberChannels, useFactory: (store: EventStore, clock: Clock) => new SubscriberChannels(store, clock), inject: [EVENT_STORE, CLOCK] },
    ];
    return { module: StorageModule, providers, exports: providers };
  }
}

@Module({})
export class LedgerModule {
  /** `releaseDataDir` gives back the data directory the caller took before it built the module (see createHttpApp). */
  static forRoot(config: AppConfig, releaseDataDir: () => void): DynamicModule {
    // Checked before anything is opened: a refused setting leaves no connection or file behind.
    checkSkippedProjections(config.projectionsSkipBadEvents, ALL_PROJECTIONS);
    const metrics = new PromMetrics();
    return {
      module: LedgerModule,
      imports: [
        StorageModule.forRoot(config, metrics),
        OperationsModule.forRoot(config, metrics),
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        ThrottlerModule.forRootAsync({
          // One instance counts in memory; several count together (see PgRateCounters).
          useFactory: (counters: RateCounters, clock: Clock) => ({
            throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }],
            storage: config.eventStore === 'postgres' ? new CountersThrottlerStorage(counters) : new FixedWindowThrottlerStorage(clock),
          }),
          inject: [RATE_COUNTERS, CLOCK],
        }),
        ...FEATURES.map((feature) => feature.module),
      ],
      controllers: [...CORE_CONTROLLERS],
      providers: [
        { provide: DATA_DIR_RELEASE, useValue: releaseDataDir },
        LedgerLifecycle,
        IdempotentAnswers,
        Readiness,
        ...DOCUMENT_QUERY_HANDLERS,
        // Guards run in this order: who is calling, then how often.
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: KeyThrottlerGuard },
        { provide: APP_GUARD, useClass: NoQueryWhereNoneIsTaken },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
