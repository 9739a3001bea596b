import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { CommandContext } from '../../../application/commands/command-context';
import {
  AgreementStepMessage, EstablishAgreementMessage, agreementsReadModel,
} from '../../../application/agreements/agreement.messages';
import type { TermsAmendment } from '../../../domain/agreements';
import { AgreementNotFound, type AgreementTerms } from '../../../domain/shared/cooperation';
import type { Money } from '../../../domain/shared/money';
import { withoutUndefined } from '../../../domain/shared/input';
import { GetDocumentQuery, ListDocumentsQuery } from '../../../application/queries/document.queries';
import { Answers, AnswersCommand, minted } from '../answers';
import { Roles } from '../auth/roles';
import { Provenance } from '../auth/command-context.decorator';
import { IsilParam, UuidParam } from '../validation/validation';
import { DEFAULT_PAGE_SIZE, type MoneyDto, ReadYourWritesDto } from '../validation/fields';
import {
  AmendAgreementDto, EstablishAgreementDto, JoinAgreementDto, ListAgreementsDto, TerminateAgreementDto, WithdrawFromAgreementDto,
  type TermsAmendmentDto, type TermsDto,
} from './agreement.dto';

const READERS = ['coordinator', 'librarian', 'auditor'] as const;

const money = (value: MoneyDto): Money => ({ amount: value.amount, currency: value.currency });
const moneyOrNull = (value: MoneyDto | null | undefined): Money | null | undefined =>
  value === null || value === undefined ? value : money(value);

const termsOf = ({ loanPeriodDays, maxRenewals, feePerLoan, lostItemCompensation, goalRatio, claimHoldDays }: TermsDto): AgreementTerms =>
  withoutUndefined({
    loanPeriodDays, maxRenewals, goalRatio, claimHoldDays,
    feePerLoan: feePerLoan && money(feePerLoan),
    lostItemCompensation: lostItemCompensation && money(lostItemCompensation),
  });

const amendmentOf = ({ feePerLoan, lostItemCompensation, ...rest }: TermsAmendmentDto): TermsAmendment =>
  withoutUndefined({ ...rest, feePerLoan: moneyOrNull(feePerLoan), lostItemCompensation: moneyOrNull(lostItemCompensation) });

@Controller('v1/agreements')
export class AgreementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('coordinator')
  @AnswersCommand('Established: the AgreementEstablished event written, and the new agreement’s id', minted('agreementId', 'The new agreement'))
  establish(@Body() body: EstablishAgreementDto, @Provenance() context: CommandContext) {
    const { title, focalPoint, members, forms, startsOn, endsOn, terms, subjects } = body;
    return this.commands.execute(
      new EstablishAgreementMessage(
        withoutUndefined({ title, focalPoint, members: [...members], forms: [...forms], startsOn, endsOn, terms: termsOf(terms), subjects }),
        context,
      ),
    );
  }

  /** A library joins: recorded by a coordinator. */
  @Post(':id/members') @HttpCode(200) @Roles('coordinator')
  @AnswersCommand('Joined: the MemberJoined event written')
  join(@Param('id', UuidParam('id')) agreementId: string, @Body() { isil, subjects }: JoinAgreementDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'JoinAgreement', data: withoutUndefined({ agreementId, isil, subjects }) }, context);
  }

  /** A member withdraws of its own accord, or a coordinator records it. */
  @Post(':id/members/:isil/withdraw') @HttpCode(200) @Roles('coordinator', 'librarian')
  @AnswersCommand('Withdrawn: the MemberWithdrew event written')
  withdraw(
    @Param('id', UuidParam('id')) agreementId: string,
    @Param('isil', IsilParam()) isil: string,
    @Body() { reason }: WithdrawFromAgreementDto,
    @Provenance() context: CommandContext,
  ) {
    return this.step({ type: 'WithdrawFromAgreement', data: withoutUndefined({ agreementId, isil, reason }) }, context);
  }

  @Post(':id/amend') @HttpCode(200) @Roles('coordinator')
  @AnswersCommand('Amended: the TermsAmended event written')
  amend(@Param('id', UuidParam('id')) agreementId: string, @Body() body: AmendAgreementDto, @Provenance() context: CommandContext) {
    const { terms, forms, endsOn, subjects, focalPoint } = body;
    return this.step(
      { type: 'AmendTerms', data: withoutUndefined({ agreementId, terms: terms && amendmentOf(terms), forms, endsOn, subjects, focalPoint }) },
      context,
    );
  }

  @Post(':id/terminate') @HttpCode(200) @Roles('coordinator')
  @AnswersCommand('Terminated: the AgreementTerminated event written')
  terminate(
    @Param('id', UuidParam('id')) agreementId: string,
    @Body() { reason, terminatedOn }: TerminateAgreementDto,
    @Provenance() context: CommandContext,
  ) {
    return this.step({ type: 'TerminateAgreement', data: withoutUndefined({ agreementId, reason, terminatedOn }) }, context);
  }

  @Get()
  @Roles(...READERS)
  @Answers('A page of agreements', 'AgreementPage')
  list(@Query() { status, focalPoint, limit, cursor, minPosition }: ListAgreementsDto) {
    return this.queries.execute(new ListDocumentsQuery(agreementsReadModel, { status, focalPoint: focalPoint }, limit ?? DEFAULT_PAGE_SIZE, cursor, minPosition));
  }

  @Get(':id')
  @Roles(...READERS)
  @Answers('The agreement', 'Agreement')
  async get(@Param('id', UuidParam('id')) agreementId: string, @Query() { minPosition }: ReadYourWritesDto) {
    const agreement = await this.queries.execute(new GetDocumentQuery(agreementsReadModel, agreementId, minPosition));
    if (!agreement) throw new AgreementNotFound(agreementId);
    return agreement;
  }

  private step(command: AgreementStepMessage['command'], context: CommandContext) {
    return this.commands.execute(new AgreementStepMessage(command, context));
  }
}
