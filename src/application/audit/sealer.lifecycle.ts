import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { FinalWork } from '../jobs/final-work';
import { EVENT_STORE, type EventStore, type Position } from '../ports/event-store.port';
import { LEADER_ELECTION, type Candidacy, type LeaderElection } from '../ports/leader-election.port';
import { isSeal } from './seal';
import { Sealer } from './sealer';

export type SealSchedule = Readonly<{ everyEvents: number; intervalSeconds: number }>;
export const SEAL_SCHEDULE = Symbol('SealSchedule');

/**
 * Runs the sealer, a singleton job: at start it seals what is unsealed, then
 * seals every `everyEvents` events, every `intervalSeconds` when anything was
 * recorded, and once more at shutdown (after HTTP has closed, before the store
 * does: see FinalWork). Seals never run two at a time here; with several
 * instances only the elected one seals (and should two ever race, the
 * expected version on the seal stream lets one through).
 */
@Injectable()
export class SealerLifecycle implements OnApplicationBootstrap {
  private readonly logger = new Logger('Sealer');
  private timer?: NodeJS.Timeout;
  private subscription?: Subscription;
  private running: Promise<void> = Promise.resolve();
  private sinceSeal = 0;
  private candidacy?: Candidacy;
  /** While leading: the last position followed, and the timer that follows the log again after a failed read. */
  private following = false;
  private seen: Position | null = null;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly sealer: Sealer,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SEAL_SCHEDULE) private readonly schedule: SealSchedule,
    private readonly finalWork: FinalWork,
    @Inject(LEADER_ELECTION) private readonly election: LeaderElection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.candidacy = await this.election.campaign('sealer', { lead: () => this.start(), stepDown: () => this.halt() });
    this.finalWork.add('the last seal', async () => {
      if (this.candidacy?.isLeader()) await this.stop();
      await this.candidacy?.withdraw();
    });
  }

  async start(): Promise<void> {
    this.seal();
    await this.running;
    this.following = true;
    this.follow(await this.store.headPosition());
    if (this.schedule.intervalSeconds > 0) this.timer = setInterval(() => this.seal(), this.schedule.intervalSeconds * 1000).unref();
  }

  /**
   * Counts the events recorded since the last seal. A read of the log that
   * fails (a connection the database ended) is not the end of the job: the
   * sealer follows again from the last event it saw a second later. Before,
   * the failure had no handler and ended the process.
   */
  private follow(after: Position | null): void {
    this.seen = after;
    this.subscription = this.store.subscribe(after).subscribe({
      next: (event) => {
        this.seen = event.position;
        if (isSeal(event)) return;
        this.sinceSeal += 1;
        if (this.sinceSeal >= this.schedule.everyEvents) this.seal();
      },
      error: (error: unknown) => {
        this.subscription = undefined;
        if (!this.following) return;
        this.logger.warn({ event: 'seal.follow-failed', err: error }, `the sealer could not read the log (${error instanceof Error ? error.message : String(error)}); it follows it again in a second`);
        this.retry = setTimeout(() => {
          this.retry = undefined;
          if (this.following && !this.subscription) this.follow(this.seen);
        }, 1000);
        this.retry.unref();
      },
    });
  }

  /** Stops following the log, waits for a seal in progress, and seals the rest. */
  async stop(): Promise<void> {
    await this.halt();
    this.seal();
    await this.running;
  }

  /** Stops following the log and waits for a seal in progress (another instance seals from now on). */
  async halt(): Promise<void> {
    this.following = false;
    clearTimeout(this.retry);
    this.retry = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    await this.running;
  }

  /** Queues one run that seals everything unsealed. */
  private seal(): void {
    this.sinceSeal = 0;
    this.running = this.running
      .then(() => this.sealer.sealAll())
      .then((written) => {
        if (written > 0) this.logger.log({ event: 'seal.written', seals: written }, `${written} seal${written === 1 ? '' : 's'} written`);
      })
      .catch((error: unknown) => this.logger.error({ event: 'seal.failed', err: error }, `sealing failed: ${error instanceof Error ? error.stack : String(error)}`));
  }
}
