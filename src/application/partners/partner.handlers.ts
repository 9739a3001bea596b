import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { partnerDecider, type PartnerCommand } from '../../domain/partners';
import { withoutUndefined } from '../../domain/shared/input';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { handleCommand } from '../commands/handle-command';
import { streams } from '../cooperation/streams';
import { READ_STORE, type ReadStore } from '../ports/read-store.port';
import { GetPartnerQuery, ListPartnersQuery, PartnerStepMessage, RegisterPartnerMessage } from './partner.messages';
import { PARTNERS_PROJECTION, type PartnerView } from './partners.projection';

const partnerStream = streams.partner;

/** The ISIL names the stream, so registering the same library twice meets the first registration and is refused. */
@CommandHandler(RegisterPartnerMessage)
export class RegisterPartnerHandler implements ICommandHandler<RegisterPartnerMessage> {
  constructor(private readonly deps: CommandDepsProvider) {}

  async execute({ data, context }: RegisterPartnerMessage) {
    const result = await handleCommand(
      this.deps,
      partnerStream(data.isil),
      partnerDecider,
      (now): PartnerCommand => ({ type: 'RegisterPartner', data, metadata: { now, actor: context.actor } }),
      context,
    );
    return { isil: data.isil, ...result };
  }
}

@CommandHandler(PartnerStepMessage)
export class PartnerStepHandler implements ICommandHandler<PartnerStepMessage> {
  constructor(private readonly deps: CommandDepsProvider) {}

  execute({ command, context }: PartnerStepMessage) {
    return handleCommand(
      this.deps,
      partnerStream(command.data.isil),
      partnerDecider,
      (now) => ({ ...command, metadata: { now, actor: context.actor } }) as PartnerCommand,
      context,
    );
  }
}

@QueryHandler(GetPartnerQuery)
export class GetPartnerHandler implements IQueryHandler<GetPartnerQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  execute({ isil }: GetPartnerQuery) {
    return this.reads.get<PartnerView>(PARTNERS_PROJECTION, isil.toUpperCase());
  }
}

@QueryHandler(ListPartnersQuery)
export class ListPartnersHandler implements IQueryHandler<ListPartnersQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  execute({ filter, limit, after }: ListPartnersQuery) {
    const where = withoutUndefined(filter) as Record<string, string>;
    return this.reads.list<PartnerView>(PARTNERS_PROJECTION, { where, limit, after });
  }
}

export const PARTNER_HANDLERS = [RegisterPartnerHandler, PartnerStepHandler, GetPartnerHandler, ListPartnersHandler];
