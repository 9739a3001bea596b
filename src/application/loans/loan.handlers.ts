import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { loanDecider, type LoanCommand } from '../../domain/loans';
import { withoutUndefined } from '../../domain/shared/input';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { commandIds } from '../commands/command-ids';
import { handleCommand } from '../commands/handle-command';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { streams } from '../cooperation/streams';
import { READ_STORE, type ReadStore } from '../ports/read-store.port';
import { GetLoanQuery, ListLoansQuery, LoanStepMessage, RequestLoanMessage } from './loan.messages';
import { LOANS_PROJECTION, type LoanView } from './loans.projection';

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

@QueryHandler(GetLoanQuery)
export class GetLoanHandler implements IQueryHandler<GetLoanQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  execute({ loanId }: GetLoanQuery) {
    return this.reads.get<LoanView>(LOANS_PROJECTION, loanId);
  }
}

@QueryHandler(ListLoansQuery)
export class ListLoansHandler implements IQueryHandler<ListLoansQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  execute({ filter, limit, after }: ListLoansQuery) {
    const where = withoutUndefined(filter) as Record<string, string>;
    return this.reads.list<LoanView>(LOANS_PROJECTION, { where, limit, after });
  }
}

export const LOAN_HANDLERS = [RequestLoanHandler, LoanStepHandler, GetLoanHandler, ListLoansHandler];
