import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { FinalWork } from '../jobs/final-work';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port';
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
    this.subscription = this.store.subscribe(await this.store.headPosition()).subscribe((event) => {
      if (isSeal(event)) return;
      this.sinceSeal += 1;
      if (this.sinceSeal >= this.schedule.everyEvents) this.seal();
    });
    if (this.schedule.intervalSeconds > 0) this.timer = setInterval(() => this.seal(), this.schedule.intervalSeconds * 1000).unref();
  }

  /** Stops following the log, waits for a seal in progress, and seals the rest. */
  async stop(): Promise<void> {
    await this.halt();
    this.seal();
    await this.running;
  }

  /** Stops following the log and waits for a seal in progress (another instance seals from now on). */
  async halt(): Promise<void> {
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
