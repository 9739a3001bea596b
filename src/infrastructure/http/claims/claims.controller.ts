import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ClaimAcquisitionMessage, ClaimStepMessage, claimsReadModel } from '../../../application/claims/claim.messages';
import type { CommandContext } from '../../../application/commands/command-context';
import { NotFound } from '../../../domain/shared/errors';
import { optional } from '../../../domain/shared/input';
import { Answers, AnswersCommand } from '../answers';
import { Provenance } from '../auth/command-context.decorator';
import { GetDocumentQuery, ListDocumentsQuery } from '../../../application/queries/document.queries';
import { Roles } from '../auth/roles';
import { DEFAULT_PAGE_SIZE, ReadYourWritesDto } from '../validation/fields';
import { ClaimAcquisitionDto, ListClaimsDto, FulfilClaimDto, ReleaseClaimDto, TransferClaimDto } from './claim.dto';
import { IsbnParam } from './isbn-param';

const READERS = ['coordinator', 'librarian', 'auditor'] as const;

/** Titles are named by ISBN in any form; the ledger keys them by ISBN-13. */
@Controller('v1/acquisition-claims')
export class ClaimsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The claimant is the library of the key that asks. */
  @Post()
  @Roles('librarian')
  @AnswersCommand('Claimed: the AcquisitionClaimed event written, the ISBN-13, and the other holders when a holdings registration raced the claim', { required: ['isbn'], properties: { isbn: { type: 'string', description: 'The title’s ISBN-13' }, heldElsewhere: { type: 'array', items: { type: 'string' }, description: 'Other libraries the union catalogue now lists as holding the title; absent when none' } } })
  claim(@Body() body: ClaimAcquisitionDto, @Provenance() context: CommandContext) {
    const { agreementId, isbn, title, subjects, overrideReason } = body;
    return this.commands.execute(
      new ClaimAcquisitionMessage(
        { agreementId, isbn, title, ...optional('subjects', subjects), ...optional('overrideReason', overrideReason) },
        context,
      ),
    );
  }

  @Post(':isbn/release') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Released: the AcquisitionClaimReleased event written')
  release(@Param('isbn', IsbnParam) isbn: string, @Body() { reason }: ReleaseClaimDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'ReleaseAcquisitionClaim', data: { isbn, ...optional('reason', reason) } }, context);
  }

  @Post(':isbn/transfer') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Transferred: the AcquisitionClaimTransferred event written')
  transfer(@Param('isbn', IsbnParam) isbn: string, @Body() { to }: TransferClaimDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'TransferAcquisitionClaim', data: { isbn, to } }, context);
  }

  @Post(':isbn/fulfil') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Bought: the AcquisitionFulfilled event written')
  fulfil(@Param('isbn', IsbnParam) isbn: string, @Body() _: FulfilClaimDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'FulfilAcquisitionClaim', data: { isbn } }, context);
  }

  @Get()
  @Roles(...READERS)
  @Answers('A page of titles’ claims', 'AcquisitionClaimPage')
  list(@Query() { claimant, status, agreementId, outsideDivisionOfLabour, limit, cursor, minPosition }: ListClaimsDto) {
    const filter = { claimant: claimant, status, agreementId, outsideDivisionOfLabour };
    return this.queries.execute(new ListDocumentsQuery(claimsReadModel, filter, limit ?? DEFAULT_PAGE_SIZE, cursor, minPosition));
  }

  @Get(':isbn')
  @Roles(...READERS)
  @Answers('The title’s claims', 'AcquisitionClaim')
  async get(@Param('isbn', IsbnParam) isbn: string, @Query() { minPosition }: ReadYourWritesDto) {
    const claim = await this.queries.execute(new GetDocumentQuery(claimsReadModel, isbn, minPosition));
    if (!claim) throw new NotFound('claim-not-found', `no library has claimed the title ${isbn}`);
    return claim;
  }

  private step(command: ClaimStepMessage['command'], context: CommandContext) {
    return this.commands.execute(new ClaimStepMessage(command, context));
  }
}
