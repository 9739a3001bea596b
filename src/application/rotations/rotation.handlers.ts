import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { nextLeg, rotationDecider, type RotationCommand, type RotationEvent } from '../../domain/rotations';
import { fold } from '../../domain/shared/decider';
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
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ command, context }: RotationStepMessage) {
    const { rotationId } = command.data;
    const data =
      command.type === 'DispatchRotationBatch'
        ? { ...command.data, ...(await this.legFacts(rotationId, command.data.home === true)) }
        : command.data;
    return handleCommand(
      this.deps,
      rotationStream(rotationId),
      rotationDecider,
      (now) => ({ type: command.type, data, metadata: { now, actor: context.actor } }) as RotationCommand,
      context,
    );
  }

  /**
   * For a leg to a host, the rotation's agreement and the standings of its
   * owner and that host: only the rotation's own stream names them. The leg
   * home needs neither, so a batch sent home is not even read for them.
   * Should the batch move on before the dispatch is decided, the decider
   * finds no standing for its new leg and refuses.
   */
  private async legFacts(rotationId: string, home: boolean) {
    const none = { agreement: null, standings: {} };
    if (home) return none;
    const rotation = fold(rotationDecider, (await this.deps.store.readStream(rotationStream(rotationId))) as unknown as RotationEvent[]);
    const leg = rotation.status === 'none' ? undefined : nextLeg(rotation);
    if (rotation.status === 'none' || leg === undefined || leg.to === rotation.owner) return none;
    const [agreement, standings] = await Promise.all([
      this.facts.agreement(rotation.agreementId),
      this.facts.standings([rotation.owner, leg.to]),
    ]);
    return { agreement, standings };
  }
}

export const ROTATION_HANDLERS = [PlanRotationHandler, RotationStepHandler];
