import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { loanDecider, type LoanCommand } from '../../domain/loans';
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

@CommandHandler(LoanStepMessage)
export class LoanStepHandler implements ICommandHandler<LoanStepMessage> {
  constructor(private readonly deps: CommandDepsProvider) {}

  execute({ command, context }: LoanStepMessage) {
    return handleCommand(
      this.deps,
      loanStream(command.data.loanId),
      loanDecider,
      (now) => ({ ...command, metadata: { now, actor: context.actor } }) as LoanCommand,
      context,
    );
  }
}

export const LOAN_HANDLERS = [RequestLoanHandler, LoanStepHandler];
