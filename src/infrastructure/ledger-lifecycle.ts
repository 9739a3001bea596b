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
import { APP_CONFIG, DATA_DIR_RELEASE, PG_POOL, SQLITE_DATABASE } from './tokens';
import { RATE_COUNTERS, type RateCounters } from '../application/ports/rate-counters.port';
import type { Projection } from '../application/projections/projection';
import { ConfigError, type AppConfig } from './config/config';
import { LEADER_ELECTION, READ_MODEL_ELECTION, type Candidacy, type LeaderElection } from '../application/ports/leader-election.port';

/** Every read model named in LEDGER_PROJECTIONS_SKIP_BAD_EVENTS must exist: a misspelt one would silently stop instead. */
export const checkSkippedProjections = (names: readonly string[] | '*', projections: readonly Projection[]): void => {
  const unknown = names === '*' ? [] : names.filter((name) => !projections.some((projection) => projection.name === name));
  if (unknown.length > 0) {
    const known = projections.map((projection) => projection.name).join(', ');
    throw new ConfigError('LEDGER_PROJECTIONS_SKIP_BAD_EVENTS', `no read model named ${unknown.join(', ')}; they are ${known}`);
  }
};

/**
 * Start (the data directory was taken before the module was built, so that
 * no rebuild runs beside the service and a second instance on it opens
 * nothing: see createHttpApp; the settings that name read models were
 * checked then too: checkSkippedProjections): install the first coordinator
 * key, bring the read models up to the log, then follow it. Stop (after HTTP
 * has finished the requests in flight): stop the projections, run the final
 * work of the jobs (the last seal), fold that into the instance's own read
 * models, let the store finish its appends, close the file, give the data
 * directory back.
 */
@Injectable()
export class LedgerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQLITE_DATABASE) private readonly db: Database | null,
    @Inject(PG_POOL) private readonly pool: Pool | null,
    private readonly access: AccessService,
    private readonly runner: ProjectionRunner,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly finalWork: FinalWork,
    @Inject(LEADER_ELECTION) private readonly election: LeaderElection,
    @Inject(READ_MODEL_ELECTION) private readonly readModelElection: LeaderElection,
    @Inject(RATE_COUNTERS) private readonly rateCounters: RateCounters,
    @Inject(DATA_DIR_RELEASE) private readonly releaseDataDir: () => void,
  ) {}

  private folding?: Candidacy;

  private purgeTimer?: NodeJS.Timeout;

  async onApplicationBootstrap(): Promise<void> {
    const admin = resolveAdminKey(this.config);
    if (!(await this.access.installBootstrapKey(admin.key))) {
      this.logger.warn(`the coordinator key ${admin.source === 'environment' ? 'in LEDGER_ADMIN_KEY' : `in ${admin.path}`} was revoked and stays so (a coordinator key installed before it stays as it was); set another`);
    }
    if (this.config.eventStore === 'postgres' && (admin.source !== 'environment' || this.config.sealKey === null)) {
      // Keys live in each instance's data directory otherwise: a second instance would replace the coordinator key and seal with another.
      this.logger.warn('several instances on one PostgreSQL need the same LEDGER_ADMIN_KEY and LEDGER_SEAL_KEY on every instance');
    }
    if (admin.source === 'environment') this.logger.log('coordinator key taken from LEDGER_ADMIN_KEY');
    else this.logger.log(`coordinator key ${admin.created ? 'generated into' : 'read from'} ${admin.path}`);

    await this.purgeIdempotencyKeys();
    this.purgeTimer = setInterval(() => void this.purgeIdempotencyKeys(), 3_600_000).unref();

    this.folding = await this.readModelElection.campaign('projections', this.foldingJob());
    const { position, leading } = this.runner.status();
    this.logger.log(
      { event: 'ledger.started', position, leading },
      `read models at position ${position ?? 'start'}; ${leading ? 'folding the log' : 'another instance folds the log, this one reads its checkpoints'}`,
    );
  }

  /**
   * The projection runner folds the read models on one instance at a time.
   * At start-up the read models catch up before the service listens; taken
   * over later, the catch-up runs in the background, so that losing the
   * election again stops it after its batch.
   */
  private foldingJob() {
    let started = false;
    let leading = false;
    return {
      lead: async () => {
        leading = true;
        await this.runner.stopWatching();
        await this.runner.init();
        if (!leading) return;
        this.logger.log({ event: 'projections.leading' }, 'this instance folds the read models');
        const starting = this.runner.start();
        if (!started) await starting;
        else starting.catch((error: unknown) => this.logger.error({ err: error }, 'the read models could not catch up'));
        started = true;
      },
      stepDown: async () => {
        leading = false;
        await this.runner.stop();
      },
      follow: async () => {
        started = true;
        this.logger.log({ event: 'projections.following' }, 'another instance folds the read models; this one reads their checkpoints');
        await this.runner.watch();
      },
    };
  }

  /** Answers kept for Idempotency-Key retries are forgotten after the retention period. */
  private async purgeIdempotencyKeys(): Promise<void> {
    const before = new Date(this.clock.now().getTime() - this.config.idempotencyRetentionHours * 3_600_000);
    const purged = await this.idempotency.purge(before.toISOString());
    if (purged > 0) this.logger.log(`forgot ${purged} idempotency keys older than ${before.toISOString()}`);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.purgeTimer);
    // Only read models that had caught up and were following the log fold the rest below (not ones stopped mid-start).
    const following = this.runner.status().running;
    await this.folding?.withdraw();
    await this.runner.stop();
    await this.finalWork.runAll((name, error) => this.logger.error(`${name} failed at shutdown: ${error instanceof Error ? error.stack : String(error)}`));
    // What the final work appended (the last seal) goes into this instance's own read models too, so that they
    // stop at the head of the log (the CLI's schedule and projections would call them behind); shared ones are
    // folded by the next instance to lead.
    if (this.config.readStore === 'sqlite' && following) {
      await this.runner.foldRest().catch((error: unknown) => this.logger.error({ err: error }, `the read models could not fold the last events at shutdown: ${String(error)}`));
    }
    await this.election.close();
    await this.readModelElection.close();
    await this.rateCounters.close();
    await this.store.close();
    if (this.db?.open) this.db.close();
    await this.pool?.end();
    this.releaseDataDir();
    this.logger.log({ event: 'ledger.stopped' }, 'event store closed');
  }
}
