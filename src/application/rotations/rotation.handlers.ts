import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { rotationDecider, type RotationCommand } from '../../domain/rotations';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { commandIds } from '../commands/command-ids';
import { handleCommand } from '../commands/handle-command';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { streams } from '../cooperation/streams';
import { PlanRotationMessage, RotationStepMessage } from './rotation.messages';

const rotationStream = streams.rotation;

@CommandHandler(PlanRotationMessage)
export class PlanRotationHandler implements ICommandHandler<PlanRotationMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ data, context }: PlanRotationMessage) {
    const rotationId = commandIds(this.deps.ids, context.idempotencySeed).aggregateId();
    const hosts = Array.isArray(data.itinerary) ? data.itinerary.map((stop) => stop?.host) : [];
    const parties = [context.actor.library, ...hosts].filter((isil): isil is string => typeof isil === 'string');
    const [agreement, standings] = await Promise.all([this.facts.agreement(data.agreementId), this.facts.standings(parties)]);
    const result = await handleCommand(
      this.deps,
      rotationStream(rotationId),
      rotationDecider,
      (now): RotationCommand => ({
        type: 'PlanRotation',
        data: { ...data, rotationId, agreement, standings },
        metadata: { now, actor: context.actor },
      }),
      context,
      { opensMintedStream: true },
    );
    return { ...result, rotationId };
  }
}

@CommandHandler(RotationStepMessage)
export class RotationStepHandler implements ICommandHandler<RotationStepMessage> {
  constructor(private readonly deps: CommandDepsProvider) {}

  execute({ command, context }: RotationStepMessage) {
    return handleCommand(
      this.deps,
      rotationStream(command.data.rotationId),
      rotationDecider,
      (now) => ({ ...command, metadata: { now, actor: context.actor } }) as RotationCommand,
      context,
    );
  }
}

export const ROTATION_HANDLERS = [PlanRotationHandler, RotationStepHandler];
