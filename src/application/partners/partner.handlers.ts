import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partnerDecider, type PartnerCommand } from '../../domain/partners';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { handleCommand } from '../commands/handle-command';
import { streams } from '../cooperation/streams';
import { PartnerStepMessage, RegisterPartnerMessage } from './partner.messages';

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

export const PARTNER_HANDLERS = [RegisterPartnerHandler, PartnerStepHandler];
