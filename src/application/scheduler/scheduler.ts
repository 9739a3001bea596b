import { claimDecider, type ClaimCommand } from '../../domain/claims';
import { loanDecider, type LoanCommand } from '../../domain/loans';
import type { Actor } from '../../domain/shared/decider';
import { DomainError } from '../../domain/shared/errors';
import { isPastDue } from '../../domain/shared/dates';
import { CLAIMS_PROJECTION, type ClaimView } from '../claims/claims.projection';
import type { CommandContext } from '../commands/command-context';
import { handleCommand, type CommandDeps } from '../commands/handle-command';
import { streams } from '../cooperation/streams';
import { LOANS_PROJECTION, type LoanView } from '../loans/loans.projection';
import { ConcurrencyError } from '../ports/event-store.port';
import type { ReadStore } from '../ports/read-store.port';

/** The ledger itself, acting on time alone. */
export const SYSTEM_ACTOR: Actor = { role: 'system' };

export type SchedulerRun = Readonly<{
  /** The instant the run judged "now" by. */
  at: string;
  /** Loans this run recorded as overdue (by id). */
  loansMarkedOverdue: string[];
  /** Titles whose claim this run recorded as expired (by ISBN-13). */
  claimsExpired: string[];
  /** Candidates the ledger refused to change (the read model was behind the stream, or it kept changing), with why. */
  skipped: Array<{ streamId: string; code: string; message: string }>;
}>;

/** Loans out with the borrower: the statuses in which a loan can fall overdue. */
const OUT_ON_LOAN: ReadonlyArray<LoanView['status']> = ['shipped', 'on-loan'];

/**
 * Records what time alone decides: loans past their due day become overdue,
 * claims past their last day expire. Candidates come from the read models;
 * the decision comes from each stream, through the one command loop, so a
 * read model that is behind can only make the scheduler try in vain. The
 * deciders answer [] when the fact is already recorded and the append checks
 * the stream version, so runs that repeat, or race on two instances, record
 * each fact exactly once.
 */
export class Scheduler {
  constructor(
    private readonly deps: CommandDeps,
    private readonly reads: ReadStore,
    private readonly pageSize = 500,
  ) {}

  async run(): Promise<SchedulerRun> {
    const now = this.deps.clock.now();
    const runId = this.deps.ids.next();
    const context: CommandContext = { actor: SYSTEM_ACTOR, correlationId: `scheduler-${runId}`, causationId: runId };
    const run: SchedulerRun = { at: now.toISOString(), loansMarkedOverdue: [], claimsExpired: [], skipped: [] };

    const loans: string[] = [];
    for (const status of OUT_ON_LOAN) {
      for await (const loan of this.documents<LoanView>(LOANS_PROJECTION, { status })) {
        if (!loan.overdue && loan.dueOn !== undefined && isPastDue(loan.dueOn, now)) loans.push(loan.loanId);
      }
    }
    for (const loanId of loans) {
      const wrote = await this.attempt(run, streams.loan(loanId), () =>
        handleCommand(this.deps, streams.loan(loanId), loanDecider, (at): LoanCommand => ({
          type: 'MarkLoanOverdue', data: { loanId }, metadata: { now: at, actor: SYSTEM_ACTOR },
        }), context),
      );
      if (wrote) run.loansMarkedOverdue.push(loanId);
    }

    const claims: string[] = [];
    for await (const claim of this.documents<ClaimView>(CLAIMS_PROJECTION, { status: 'active' })) {
      if (isPastDue(claim.expiresOn, now)) claims.push(claim.isbn);
    }
    for (const isbn of claims) {
      const wrote = await this.attempt(run, streams.claim(isbn), () =>
        handleCommand(this.deps, streams.claim(isbn), claimDecider, (at): ClaimCommand => ({
          type: 'ExpireAcquisitionClaim', data: { isbn }, metadata: { now: at, actor: SYSTEM_ACTOR },
        }), context),
      );
      if (wrote) run.claimsExpired.push(isbn);
    }
    return run;
  }

  /** True when the command wrote an event; a refusal is noted and the run goes on. */
  private async attempt(run: SchedulerRun, streamId: string, send: () => Promise<{ events: readonly unknown[] }>): Promise<boolean> {
    try {
      return (await send()).events.length > 0;
    } catch (error) {
      // A stream too busy to settle is left for the next run; anything else is not the scheduler's to hide.
      if (error instanceof ConcurrencyError) {
        run.skipped.push({ streamId, code: 'concurrent-change', message: error.message });
        return false;
      }
      if (!(error instanceof DomainError)) throw error;
      run.skipped.push({ streamId, code: error.code, message: error.message });
      return false;
    }
  }

  private async *documents<T>(projection: string, where: Record<string, string>): AsyncGenerator<T> {
    let after: string | undefined;
    do {
      const page = await this.reads.list<T>(projection, { where, limit: this.pageSize, ...(after ? { after } : {}) });
      yield* page.items;
      after = page.next ?? undefined;
    } while (after !== undefined);
  }
}
