import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { CommandContext } from '../../../application/commands/command-context';
import { RenderServiceMessage, VoidServiceMessage, servicesReadModel } from '../../../application/services/service.messages';
import { NotFound } from '../../../domain/shared/errors';
import { optional } from '../../../domain/shared/input';
import { Answers, AnswersCommand, minted } from '../answers';
import { Provenance } from '../auth/command-context.decorator';
import { GetDocumentQuery, ListDocumentsQuery } from '../../../application/queries/document.queries';
import { Roles } from '../auth/roles';
import { UuidParam } from '../validation/validation';
import { DEFAULT_PAGE_SIZE, ReadYourWritesDto } from '../validation/fields';
import { ListServicesDto, RenderServiceDto, VoidServiceDto } from './service.dto';

const READERS = ['coordinator', 'librarian', 'auditor'] as const;

@Controller('v1/services')
export class ServicesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The provider is the library of the key that records it. */
  @Post()
  @Roles('librarian')
  @AnswersCommand('Recorded: the ServiceRendered event written, and the new service’s id', minted('serviceId', 'The new service'))
  render(@Body() body: RenderServiceDto, @Provenance() context: CommandContext) {
    const { agreementId, recipient, kind, units, unit, renderedOn, note } = body;
    return this.commands.execute(
      new RenderServiceMessage(
        {
          agreementId, recipient, kind, units,
          ...optional('unit', unit), ...optional('renderedOn', renderedOn), ...optional('note', note),
        },
        context,
      ),
    );
  }

  /** The provider, or a coordinator correcting the record. */
  @Post(':id/void') @HttpCode(200) @Roles('librarian', 'coordinator')
  @AnswersCommand('Voided: the ServiceVoided event written')
  voidService(@Param('id', UuidParam('id')) serviceId: string, @Body() { reason }: VoidServiceDto, @Provenance() context: CommandContext) {
    return this.commands.execute(new VoidServiceMessage(serviceId, reason, context));
  }

  @Get()
  @Roles(...READERS)
  @Answers('A page of services', 'ServicePage')
  list(@Query() { provider, recipient, kind, agreementId, status, limit, cursor, minPosition }: ListServicesDto) {
    const filter = { provider: provider, recipient: recipient, kind, agreementId, status };
    return this.queries.execute(new ListDocumentsQuery(servicesReadModel, filter, limit ?? DEFAULT_PAGE_SIZE, cursor, minPosition));
  }

  @Get(':id')
  @Roles(...READERS)
  @Answers('The service', 'Service')
  async get(@Param('id', UuidParam('id')) serviceId: string, @Query() { minPosition }: ReadYourWritesDto) {
    const service = await this.queries.execute(new GetDocumentQuery(servicesReadModel, serviceId, minPosition));
    if (!service) throw new NotFound('service-not-found', `there is no service ${serviceId}`);
    return service;
  }
}
