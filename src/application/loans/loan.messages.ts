import { Command } from '@nestjs/cqrs';
import { streams } from '../cooperation/streams';
import { documentReadModel } from '../queries/document.queries';
import type { LoanStep, RequestLoan } from '../../domain/loans';
import type { CommandContext, CommandResult } from '../commands/command-context';
import type { CommandOptions } from '../commands/handle-command';
import { LOANS_PROJECTION, type LoanView } from './loans.projection';

/** A new loan: its id is given here, by the id source. */
export class RequestLoanMessage extends Command<CommandResult & { loanId: string }> {
  constructor(
    readonly data: Omit<RequestLoan['data'], 'loanId' | 'agreement' | 'standings'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Later steps of one existing loan, decided in turn and written in one append:
 * all of them, or none. The facts accepting, shipping and renewing need are
 * gathered by the handler.
 */
export class LoanStepMessage extends Command<CommandResult> {
  constructor(
    readonly steps: readonly [LoanStep, ...LoanStep[]],
    readonly context: CommandContext,
    readonly options: Pick<CommandOptions, 'beforeWriting'> = {},
  ) {
    super();
  }
}

export type LoanFilter = Readonly<{ borrower?: string; lender?: string; status?: LoanView['status'] }>;

/** The loans read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
export const loansReadModel = documentReadModel<LoanView, LoanFilter>(LOANS_PROJECTION, streams.loan);
