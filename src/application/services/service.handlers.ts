import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { serviceDecider, type ServiceCommand } from '../../domain/services';
import { withoutUndefined } from '../../domain/shared/input';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { commandIds } from '../commands/command-ids';
import { handleCommand } from '../commands/handle-command';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { streams } from '../cooperation/streams';
import { READ_STORE, type ReadStore } from '../ports/read-store.port';
import { GetServiceQuery, ListServicesQuery, RenderServiceMessage, VoidServiceMessage } from './service.messages';
import { SERVICES_PROJECTION, type ServiceView } from './services.projection';

@CommandHandler(RenderServiceMessage)
export class RenderServiceHandler implements ICommandHandler<RenderServiceMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ data, context }: RenderServiceMessage) {
    const serviceId = commandIds(this.deps.ids, context.idempotencySeed).aggregateId();
    const parties = [context.actor.library, data.recipient].filter((isil): isil is string => typeof isil === 'string');
    const [agreement, standings] = await Promise.all([this.facts.agreement(data.agreementId), this.facts.standings(parties)]);
    const result = await handleCommand(
      this.deps,
      streams.service(serviceId),
      serviceDecider,
      (now): ServiceCommand => ({
        type: 'RenderService',
        data: { ...data, serviceId, agreement, standings },
        metadata: { now, actor: context.actor },
      }),
      context,
    );
    return { ...result, serviceId };
  }
}

@CommandHandler(VoidServiceMessage)
export class VoidServiceHandler implements ICommandHandler<VoidServiceMessage> {
  constructor(private readonly deps: CommandDepsProvider) {}

  execute({ serviceId, reason, context }: VoidServiceMessage) {
    return handleCommand(
      this.deps,
      streams.service(serviceId),
      serviceDecider,
      (now): ServiceCommand => ({ type: 'VoidService', data: { serviceId, reason }, metadata: { now, actor: context.actor } }),
      context,
    );
  }
}

@QueryHandler(GetServiceQuery)
export class GetServiceHandler implements IQueryHandler<GetServiceQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  execute({ serviceId }: GetServiceQuery) {
    return this.reads.get<ServiceView>(SERVICES_PROJECTION, serviceId);
  }
}

@QueryHandler(ListServicesQuery)
export class ListServicesHandler implements IQueryHandler<ListServicesQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  execute({ filter, limit, after }: ListServicesQuery) {
    const where = withoutUndefined(filter) as Record<string, string>;
    return this.reads.list<ServiceView>(SERVICES_PROJECTION, { where, limit, after });
  }
}

export const SERVICE_HANDLERS = [RenderServiceHandler, VoidServiceHandler, GetServiceHandler, ListServicesHandler];
