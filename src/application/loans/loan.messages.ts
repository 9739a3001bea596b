import { Command, Query } from '@nestjs/cqrs';
import type { LoanCommand, RequestLoan } from '../../domain/loans';
import type { CommandContext, CommandResult, Unstamped } from '../commands/command-context';
import type { Page } from '../ports/read-store.port';
import type { LoanView } from './loans.projection';

/** A new loan: its id is given here, by the id source. */
export class RequestLoanMessage extends Command<CommandResult & { loanId: string }> {
  constructor(
    readonly data: Omit<RequestLoan['data'], 'loanId' | 'agreement' | 'standings'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Any later step of an existing loan. */
export class LoanStepMessage extends Command<CommandResult> {
  constructor(
    readonly command: Unstamped<Exclude<LoanCommand, RequestLoan>>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class GetLoanQuery extends Query<LoanView | null> {
  constructor(readonly loanId: string) {
    super();
  }
}

export type LoanFilter = Readonly<{ borrower?: string; lender?: string; status?: LoanView['status'] }>;

export class ListLoansQuery extends Query<Page<LoanView>> {
  constructor(
    readonly filter: LoanFilter,
    readonly limit: number,
    readonly after?: string,
  ) {
    super();
  }
}
