import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { serviceDecider, type ServiceCommand } from '../../domain/services';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { commandIds } from '../commands/command-ids';
import { handleCommand } from '../commands/handle-command';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { streams } from '../cooperation/streams';
import { RenderServiceMessage, VoidServiceMessage } from './service.messages';

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
      { opensMintedStream: true },
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

export const SERVICE_HANDLERS = [RenderServiceHandler, VoidServiceHandler];
