import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import { AccessService } from '../application/access/access.service';
import { EVENT_STORE, type EventStore } from '../application/ports/event-store.port';
import { ProjectionRunner } from '../application/projections/projection-runner';
import { FinalWork } from '../application/jobs/final-work';
import { CLOCK, type Clock } from '../application/ports/clock.port';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from '../application/ports/idempotency-store.port';
import { resolveAdminKey } from './config/admin-key';
import { APP_CONFIG, PG_POOL, PROJECTIONS, SQLITE_DATABASE } from './tokens';
import type { Projection } from '../application/projections/projection';
import { holdDataDir } from './data-dir-lock';
import { ConfigError, type AppConfig } from './config/config';

/** Every read model named in LEDGER_PROJECTIONS_SKIP_BAD_EVENTS must exist: a misspelt one would silently stop instead. */
const skippingProjections = (names: readonly string[] | '*', projections: readonly Projection[]): void => {
  const unknown = names === '*' ? [] : names.filter((name) => !projections.some((projection) => projection.name === name));
  if (unknown.length > 0) {
    const known = projections.map((projection) => projection.name).join(', ');
    throw new ConfigError('LEDGER_PROJECTIONS_SKIP_BAD_EVENTS', `no read model named ${unknown.join(', ')}; they are ${known}`);
  }
};

/**
 * Start: check the settings that name read models, take the data directory
 * (no rebuild may run beside the service), install the first coordinator key,
 * bring the read models up to the log, then follow it. Stop (after HTTP has finished the requests in flight):
 * stop the projections, run the final work of the jobs (the last seal), let
 * the store finish its appends, close the file.
 */
@Injectable()
export class LedgerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQLITE_DATABASE) private readonly db: Database,
    @Inject(PG_POOL) private readonly pool: Pool | null,
    private readonly access: AccessService,
    private readonly runner: ProjectionRunner,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly finalWork: FinalWork,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
  ) {}

  private purgeTimer?: NodeJS.Timeout;
  private releaseDataDir?: () => void;

  async onApplicationBootstrap(): Promise<void> {
    skippingProjections(this.config.projectionsSkipBadEvents, this.projections);
    this.releaseDataDir = holdDataDir(this.config.dataDir);
    const admin = resolveAdminKey(this.config);
    await this.access.installBootstrapKey(admin.key);
    if (admin.source === 'environment') this.logger.log('coordinator key taken from LEDGER_ADMIN_KEY');
    else this.logger.log(`coordinator key ${admin.created ? 'generated into' : 'read from'} ${admin.path}`);

    await this.purgeIdempotencyKeys();
    this.purgeTimer = setInterval(() => void this.purgeIdempotencyKeys(), 3_600_000).unref();

    await this.runner.init();
    await this.runner.start();
    const position = this.runner.status().position;
    this.logger.log({ event: 'ledger.started', position }, `read models at position ${position ?? 'start'}; following the log`);
  }

  /** Answers kept for Idempotency-Key retries are forgotten after the retention period. */
  private async purgeIdempotencyKeys(): Promise<void> {
    const before = new Date(this.clock.now().getTime() - this.config.idempotencyRetentionHours * 3_600_000);
    const purged = await this.idempotency.purge(before.toISOString());
    if (purged > 0) this.logger.log(`forgot ${purged} idempotency keys older than ${before.toISOString()}`);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.runner.stop();
    await this.finalWork.runAll((name, error) => this.logger.error(`${name} failed at shutdown: ${error instanceof Error ? error.stack : String(error)}`));
    await this.store.close();
    if (this.db.open) this.db.close();
    await this.pool?.end();
    this.releaseDataDir?.();
    this.logger.log({ event: 'ledger.stopped' }, 'event store closed');
  }
}
