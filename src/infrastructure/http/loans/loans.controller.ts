import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { CommandContext } from '../../../application/commands/command-context';
import { LoanStepMessage, RequestLoanMessage, loansReadModel } from '../../../application/loans/loan.messages';
import { NotFound } from '../../../domain/shared/errors';
import type { LoanStep } from '../../../domain/loans';
import { GetDocumentQuery, ListDocumentsQuery } from '../../../application/queries/document.queries';
import { Answers, AnswersCommand, minted } from '../answers';
import { Roles } from '../auth/roles';
import { Provenance } from '../auth/command-context.decorator';
import { UuidParam } from '../validation/validation';
import { DEFAULT_PAGE_SIZE, NoBodyDto, ReadYourWritesDto } from '../validation/fields';
import { DeclineLoanDto, ListLoansDto, ReasonDto, RecallLoanDto, RequestLoanDto } from './loan.dto';

const READERS = ['coordinator', 'librarian', 'auditor'] as const;

@Controller('v1/loans')
export class LoansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The borrower is the library of the key that asks; the terms come from the agreement. */
  @Post()
  @Roles('librarian')
  @AnswersCommand('Requested: the LoanRequested event written, and the new loan’s id', minted('loanId', 'The new loan'))
  request(@Body() body: RequestLoanDto, @Provenance() context: CommandContext) {
    const { lender, agreementId, item } = body;
    return this.commands.execute(
      new RequestLoanMessage({ lender, agreementId, item: { ...item } }, context),
    );
  }

  @Post(':id/accept') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Accepted: the LoanAccepted event written')
  accept(@Param('id', UuidParam('id')) loanId: string, @Body() _: NoBodyDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'AcceptLoan', data: { loanId } }, context);
  }

  @Post(':id/decline') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Declined: the LoanDeclined event written')
  decline(@Param('id', UuidParam('id')) loanId: string, @Body() { reason }: DeclineLoanDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'DeclineLoan', data: { loanId, reason } }, context);
  }

  @Post(':id/ship') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Shipped: the LoanShipped event written (a posting: the lender provided a loan)')
  ship(@Param('id', UuidParam('id')) loanId: string, @Body() _: NoBodyDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'ShipLoan', data: { loanId } }, context);
  }

  @Post(':id/receive') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Received by the borrower: the LoanReceived event written')
  receive(@Param('id', UuidParam('id')) loanId: string, @Body() _: NoBodyDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'ReceiveLoan', data: { loanId } }, context);
  }

  @Post(':id/renew') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Renewed: the LoanRenewed event written, with the new due date in it')
  renew(@Param('id', UuidParam('id')) loanId: string, @Body() _: NoBodyDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'RenewLoan', data: { loanId } }, context);
  }

  @Post(':id/recall') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Recalled: the LoanRecalled event written')
  recall(@Param('id', UuidParam('id')) loanId: string, @Body() { dueOn, reason }: RecallLoanDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'RecallLoan', data: { loanId, ...(dueOn ? { dueOn } : {}), ...(reason ? { reason } : {}) } }, context);
  }

  @Post(':id/return') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Sent back: the LoanReturnShipped event written')
  return(@Param('id', UuidParam('id')) loanId: string, @Body() _: NoBodyDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'ReturnLoan', data: { loanId } }, context);
  }

  @Post(':id/check-in') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Checked in by the lender: the LoanCheckedIn event written')
  checkIn(@Param('id', UuidParam('id')) loanId: string, @Body() _: NoBodyDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'CheckInLoan', data: { loanId } }, context);
  }

  @Post(':id/report-lost') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Reported lost: the LoanReportedLost event written')
  reportLost(@Param('id', UuidParam('id')) loanId: string, @Body() { reason }: ReasonDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'ReportLoanLost', data: { loanId, ...(reason ? { reason } : {}) } }, context);
  }

  @Post(':id/cancel') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Cancelled by the borrower: the LoanCancelled event written')
  cancel(@Param('id', UuidParam('id')) loanId: string, @Body() { reason }: ReasonDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'CancelLoan', data: { loanId, ...(reason ? { reason } : {}) } }, context);
  }

  @Get()
  @Roles(...READERS)
  @Answers('A page of loans, newest first', 'LoanPage')
  list(@Query() { borrower, lender, status, limit, cursor, minPosition }: ListLoansDto) {
    const filter = { borrower: borrower, lender: lender, status };
    return this.queries.execute(new ListDocumentsQuery(loansReadModel, filter, limit ?? DEFAULT_PAGE_SIZE, cursor, minPosition));
  }

  @Get(':id')
  @Roles(...READERS)
  @Answers('The loan', 'Loan')
  async get(@Param('id', UuidParam('id')) loanId: string, @Query() { minPosition }: ReadYourWritesDto) {
    const loan = await this.queries.execute(new GetDocumentQuery(loansReadModel, loanId, minPosition));
    if (!loan) throw new NotFound('loan-not-found', `there is no loan ${loanId}`);
    return loan;
  }

  private step(command: LoanStep, context: CommandContext) {
    return this.commands.execute(new LoanStepMessage([command], context));
  }
}
