import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { CommandContext } from '../../../application/commands/command-context';
import {
  PlanRotationMessage, RotationStepMessage, rotationsReadModel,
} from '../../../application/rotations/rotation.messages';
import { NotFound } from '../../../domain/shared/errors';
import { GetDocumentQuery, ListDocumentsQuery } from '../../../application/queries/document.queries';
import { Answers, AnswersCommand, minted } from '../answers';
import { Roles } from '../auth/roles';
import { Provenance } from '../auth/command-context.decorator';
import { UuidParam } from '../validation/validation';
import { DEFAULT_PAGE_SIZE, NoBodyDto, ReadYourWritesDto } from '../validation/fields';
import { DispatchRotationDto, ListRotationsDto, PlanRotationDto, ReportMissingDto, RotationReasonDto } from './rotation.dto';

const READERS = ['coordinator', 'librarian', 'auditor'] as const;

@Controller('v1/rotations')
export class RotationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The owner of the batch is the library of the key that asks. */
  @Post()
  @Roles('librarian')
  @AnswersCommand('Planned: the RotationPlanned event written, and the new rotation’s id', minted('rotationId', 'The new rotation'))
  plan(@Body() { agreementId, items, itinerary }: PlanRotationDto, @Provenance() context: CommandContext) {
    return this.commands.execute(
      new PlanRotationMessage(
        {
          agreementId,
          items: items.map(({ itemId, title, isbn }) => ({ itemId, title, ...(isbn === undefined ? {} : { isbn }) })),
          itinerary: itinerary.map(({ host, days }) => ({ host, days })),
        },
        context,
      ),
    );
  }

  /** Sent by the library holding the batch: the owner at the start, then each host in turn, or a host straight home. */
  @Post(':id/dispatch') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Sent on: the RotationBatchDispatched event written')
  dispatch(@Param('id', UuidParam('id')) rotationId: string, @Body() { home }: DispatchRotationDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'DispatchRotationBatch', data: { rotationId, ...(home === undefined ? {} : { home }) } }, context);
  }

  /** Sent by the library the batch is on its way to. */
  @Post(':id/receive') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Received: the RotationBatchReceived event written, and RotationCompleted once home')
  receive(@Param('id', UuidParam('id')) rotationId: string, @Body() _: NoBodyDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'ReceiveRotationBatch', data: { rotationId } }, context);
  }

  @Post(':id/report-missing') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Reported: the RotationItemsReportedMissing event written')
  reportMissing(@Param('id', UuidParam('id')) rotationId: string, @Body() { itemIds }: ReportMissingDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'ReportRotationItemsMissing', data: { rotationId, itemIds } }, context);
  }

  @Post(':id/cancel') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Cancelled: the RotationCancelled event written')
  cancel(@Param('id', UuidParam('id')) rotationId: string, @Body() { reason }: RotationReasonDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'CancelRotation', data: { rotationId, reason } }, context);
  }

  @Get()
  @Roles(...READERS)
  @Answers('A page of rotations', 'RotationPage')
  list(@Query() { owner, status, agreementId, holder, limit, cursor, minPosition }: ListRotationsDto) {
    const filter = { owner: owner, status, agreementId, holder: holder };
    return this.queries.execute(new ListDocumentsQuery(rotationsReadModel, filter, limit ?? DEFAULT_PAGE_SIZE, cursor, minPosition));
  }

  @Get(':id')
  @Roles(...READERS)
  @Answers('The rotation', 'Rotation')
  async get(@Param('id', UuidParam('id')) rotationId: string, @Query() { minPosition }: ReadYourWritesDto) {
    const rotation = await this.queries.execute(new GetDocumentQuery(rotationsReadModel, rotationId, minPosition));
    if (!rotation) throw new NotFound('rotation-not-found', `there is no rotation ${rotationId}`);
    return rotation;
  }

  private step(command: RotationStepMessage['command'], context: CommandContext) {
    return this.commands.execute(new RotationStepMessage(command, context));
  }
}
