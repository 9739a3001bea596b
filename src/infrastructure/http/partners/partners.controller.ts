import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { CommandContext } from '../../../application/commands/command-context';
import {
  PartnerStepMessage, RegisterPartnerMessage, partnersReadModel,
} from '../../../application/partners/partner.messages';
import { PartnerNotFound } from '../../../domain/partners';
import { withoutUndefined } from '../../../domain/shared/input';
import { GetDocumentQuery, ListDocumentsQuery } from '../../../application/queries/document.queries';
import { adding, Answers, AnswersCommand } from '../answers';
import { Roles } from '../auth/roles';
import { Provenance } from '../auth/command-context.decorator';
import { IsilParam } from '../validation/validation';
import { DEFAULT_PAGE_SIZE, ReadYourWritesDto } from '../validation/fields';
import {
  ListPartnersDto, OptionalReasonDto, RegisterPartnerDto, SuspendPartnerDto, UpdatePartnerProfileDto,
} from './partner.dto';

const READERS = ['coordinator', 'librarian', 'auditor'] as const;

@Controller('v1/partners')
export class PartnersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('coordinator')
  @AnswersCommand('Registered: the PartnerRegistered event written, and the ISIL', adding('isil', { type: 'string', description: 'The partner’s ISIL, upper-cased' }))
  register(@Body() { isil, name, country, city, contactEmail, focalPoint }: RegisterPartnerDto, @Provenance() context: CommandContext) {
    return this.commands.execute(
      new RegisterPartnerMessage(withoutUndefined({ isil, name, country, city, contactEmail, focalPoint }), context),
    );
  }

  /** A librarian may update its own library's profile, but not make it the focal point. */
  @Post(':isil/profile') @HttpCode(200) @Roles('coordinator', 'librarian')
  @AnswersCommand('Updated: the PartnerProfileUpdated event written')
  updateProfile(
    @Param('isil', IsilParam()) isil: string,
    @Body() { name, country, city, contactEmail, focalPoint }: UpdatePartnerProfileDto,
    @Provenance() context: CommandContext,
  ) {
    return this.step({ type: 'UpdatePartnerProfile', data: withoutUndefined({ isil, name, country, city, contactEmail, focalPoint }) }, context);
  }

  @Post(':isil/suspend') @HttpCode(200) @Roles('coordinator')
  @AnswersCommand('Suspended: the PartnerSuspended event written')
  suspend(@Param('isil', IsilParam()) isil: string, @Body() { reason }: SuspendPartnerDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'SuspendPartner', data: { isil, reason } }, context);
  }

  @Post(':isil/reinstate') @HttpCode(200) @Roles('coordinator')
  @AnswersCommand('Reinstated: the PartnerReinstated event written')
  reinstate(@Param('isil', IsilParam()) isil: string, @Body() { reason }: OptionalReasonDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'ReinstatePartner', data: withoutUndefined({ isil, reason }) }, context);
  }

  /** A library may leave of its own accord; a coordinator may record it. */
  @Post(':isil/leave') @HttpCode(200) @Roles('coordinator', 'librarian')
  @AnswersCommand('Left the network: the PartnerLeft event written')
  leave(@Param('isil', IsilParam()) isil: string, @Body() { reason }: OptionalReasonDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'LeavePartner', data: withoutUndefined({ isil, reason }) }, context);
  }

  @Get()
  @Roles(...READERS)
  @Answers('A page of partners', 'PartnerPage')
  list(@Query() { status, country, limit, cursor, minPosition }: ListPartnersDto) {
    return this.queries.execute(new ListDocumentsQuery(partnersReadModel, { status, country: country?.toUpperCase() }, limit ?? DEFAULT_PAGE_SIZE, cursor, minPosition));
  }

  @Get(':isil')
  @Roles(...READERS)
  @Answers('The partner', 'Partner')
  async get(@Param('isil', IsilParam()) isil: string, @Query() { minPosition }: ReadYourWritesDto) {
    const partner = await this.queries.execute(new GetDocumentQuery(partnersReadModel, isil, minPosition));
    if (!partner) throw new PartnerNotFound(isil);
    return partner;
  }

  private step(command: PartnerStepMessage['command'], context: CommandContext) {
    return this.commands.execute(new PartnerStepMessage(command, context));
  }
}
