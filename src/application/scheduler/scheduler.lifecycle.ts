import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { LEADER_ELECTION, type Candidacy, type LeaderElection } from '../ports/leader-election.port';
import { Scheduler } from './scheduler';

/** Seconds between runs in the service; 0 turns the in-service scheduler off (run it from the CLI instead). */
export const SCHEDULER_INTERVAL_SECONDS = Symbol('SchedulerIntervalSeconds');

/**
 * Runs the scheduler in the service on an interval. The first run comes one
 * interval after start, once the read models have caught up; a run still
 * going when the next is due is not doubled; shutdown waits for it before the
 * store closes. With several instances it runs on the elected one.
 */
@Injectable()
export class SchedulerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private candidacy?: Candidacy;

  constructor(
    private readonly scheduler: Scheduler,
    @Inject(SCHEDULER_INTERVAL_SECONDS) private readonly intervalSeconds: number,
    @Inject(LEADER_ELECTION) private readonly election: LeaderElection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.intervalSeconds <= 0) {
      this.logger.log('in-service scheduler is off (LEDGER_SCHEDULER_INTERVAL_SECONDS=0)');
      return;
    }
    this.candidacy = await this.election.campaign('scheduler', {
      lead: async () => {
        this.timer = setInterval(() => this.tick(), this.intervalSeconds * 1000).unref();
      },
      stepDown: () => this.halt(),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.candidacy?.withdraw();
    await this.halt();
  }

  private async halt(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    this.running ??= this.scheduler
      .run()
      .then((run) => {
        const written = run.loansMarkedOverdue.length + run.claimsExpired.length;
        if (written > 0 || run.skipped.length > 0) {
          this.logger.log(
            `${run.loansMarkedOverdue.length} loans overdue, ${run.claimsExpired.length} claims expired, ${run.skipped.length} skipped`,
          );
        }
      })
      .catch((error: unknown) => this.logger.error(`scheduler run failed: ${error instanceof Error ? error.stack : String(error)}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
