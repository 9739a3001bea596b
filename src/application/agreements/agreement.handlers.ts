import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { agreementDecider, type AgreementCommand } from '../../domain/agreements';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { commandIds } from '../commands/command-ids';
import { handleCommand } from '../commands/handle-command';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { streams } from '../cooperation/streams';
import {
  AgreementStepMessage, EstablishAgreementMessage,
} from './agreement.messages';

const agreementStream = streams.agreement;

@CommandHandler(EstablishAgreementMessage)
export class EstablishAgreementHandler implements ICommandHandler<EstablishAgreementMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ data, context }: EstablishAgreementMessage) {
    const agreementId = commandIds(this.deps.ids, context.idempotencySeed).aggregateId();
    const standings = await this.facts.standings(data.members);
    const result = await handleCommand(
      this.deps,
      agreementStream(agreementId),
      agreementDecider,
      (now): AgreementCommand => ({
        type: 'EstablishAgreement',
        data: { ...data, agreementId, standings },
        metadata: { now, actor: context.actor },
      }),
      context,
      { opensMintedStream: true },
    );
    return { ...result, agreementId };
  }
}

@CommandHandler(AgreementStepMessage)
export class AgreementStepHandler implements ICommandHandler<AgreementStepMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ command, context }: AgreementStepMessage) {
    const complete =
      command.type === 'JoinAgreement'
        ? { ...command, data: { ...command.data, standings: await this.facts.standings([command.data.isil]) } }
        : command;
    return handleCommand(
      this.deps,
      agreementStream(command.data.agreementId),
      agreementDecider,
      (now) => ({ ...complete, metadata: { now, actor: context.actor } }) as AgreementCommand,
      context,
    );
  }
}

export const AGREEMENT_HANDLERS = [EstablishAgreementHandler, AgreementStepHandler];
