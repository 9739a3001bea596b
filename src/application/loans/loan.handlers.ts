import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { loanDecider, type LoanCommand, type LoanEvent, type LoanStep } from '../../domain/loans';
import type { CoverageFacts } from '../../domain/shared/cooperation';
import { fold } from '../../domain/shared/decider';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { commandIds } from '../commands/command-ids';
import { handleCommand } from '../commands/handle-command';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { streams } from '../cooperation/streams';
import { LoanStepMessage, RequestLoanMessage } from './loan.messages';

const loanStream = streams.loan;

@CommandHandler(RequestLoanMessage)
export class RequestLoanHandler implements ICommandHandler<RequestLoanMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ data, context }: RequestLoanMessage) {
    const loanId = commandIds(this.deps.ids, context.idempotencySeed).aggregateId();
    const [agreement, standings] = await Promise.all([
      this.facts.agreement(data.agreementId),
      this.facts.standings([data.lender, ...(context.actor.library ? [context.actor.library] : [])]),
    ]);
    const result = await handleCommand(
      this.deps,
      loanStream(loanId),
      loanDecider,
      (now): LoanCommand => ({
        type: 'RequestLoan',
        data: { ...data, loanId, agreement, standings },
        metadata: { now, actor: context.actor },
      }),
      context,
      { opensMintedStream: true },
    );
    return { ...result, loanId };
  }
}

/** The steps that commit lender and borrower anew, decided on the loan's agreement and the two standings as they are now. */
const COMMITTING: ReadonlySet<LoanStep['type']> = new Set(['AcceptLoan', 'ShipLoan', 'RenewLoan']);

@CommandHandler(LoanStepMessage)
export class LoanStepHandler implements ICommandHandler<LoanStepMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ steps, context, options }: LoanStepMessage) {
    const { loanId } = steps[0].data;
    const facts = steps.some((step) => COMMITTING.has(step.type)) ? await this.coverageFacts(loanId) : undefined;
    const commands = steps.map((step) => ({ type: step.type, data: COMMITTING.has(step.type) ? { ...step.data, ...facts } : step.data }));
    return handleCommand(
      this.deps,
      loanStream(loanId),
      loanDecider,
      (now) => commands.map((command) => ({ ...command, metadata: { now, actor: context.actor } }) as LoanCommand),
      context,
      options,
    );
  }

  /**
   * The loan's agreement and the standings of its lender and borrower: only
   * the loan's own stream names them. A loan not there yet gets none, and
   * should it appear before the step is decided, the decider finds no
   * standing for its parties and refuses.
   */
  private async coverageFacts(loanId: string): Promise<CoverageFacts> {
    const loan = fold(loanDecider, (await this.deps.store.readStream(loanStream(loanId))) as unknown as LoanEvent[]);
    if (loan.status === 'none') return { agreement: null, standings: {} };
    const [agreement, standings] = await Promise.all([
      loan.agreementId === undefined ? null : this.facts.agreement(loan.agreementId),
      this.facts.standings([loan.lender, loan.borrower]),
    ]);
    return { agreement, standings };
  }
}

export const LOAN_HANDLERS = [RequestLoanHandler, LoanStepHandler];
