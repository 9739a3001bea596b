import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { claimDecider, type ClaimCommand, type ClaimEvent } from '../../domain/claims';
import { fold } from '../../domain/shared/decider';
import { toIsbn13, type Isbn13 } from '../../domain/shared/isbn';
import { followedBy } from '../commands/command-context';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { handleCommand } from '../commands/handle-command';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { streams } from '../cooperation/streams';
import { ClaimAcquisitionMessage, ClaimStepMessage } from './claim.messages';
import { HeldElsewhere } from './held-elsewhere';

/**
 * The stream is named by the title's ISBN-13, whichever form the library
 * wrote it in, so two claims on one title always meet on one stream.
 */
@CommandHandler(ClaimAcquisitionMessage)
export class ClaimAcquisitionHandler implements ICommandHandler<ClaimAcquisitionMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
    private readonly heldElsewhere: HeldElsewhere,
  ) {}

  async execute({ data, context }: ClaimAcquisitionMessage) {
    const isbn = toIsbn13(data.isbn, 'isbn');
    const claimant = context.actor.library;
    const seenAt = this.heldElsewhere.foldedUpTo();
    const [agreement, standings, heldBy] = await Promise.all([
      this.facts.agreement(data.agreementId),
      this.facts.standings(claimant ? [claimant] : []),
      this.facts.holders(isbn),
    ]);
    const result = await handleCommand(
      this.deps,
      streams.claim(isbn),
      claimDecider,
      (now): ClaimCommand => ({
        type: 'ClaimAcquisition',
        data: { ...data, isbn, agreement, standings, heldBy },
        metadata: { now, actor: context.actor },
      }),
      context,
    );
    // A registration that committed beside the claim, unseen by the catalogue: the claimant is told here.
    const { heldBy: elsewhere, flagged } = await this.heldElsewhere.afterClaim(isbn, claimant!, heldBy, seenAt, result.position!, context);
    const written = flagged === null ? result : followedBy(result, flagged);
    return { ...written, isbn, ...(elsewhere.length > 0 ? { heldElsewhere: elsewhere } : {}) };
  }
}

@CommandHandler(ClaimStepMessage)
export class ClaimStepHandler implements ICommandHandler<ClaimStepMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ command, context }: ClaimStepMessage) {
    const isbn = toIsbn13(command.data.isbn, 'isbn');
    const data =
      command.type === 'TransferAcquisitionClaim'
        ? { ...command.data, isbn, ...(await this.transferFacts(isbn, command.data.to)) }
        : { ...command.data, isbn };
    return handleCommand(
      this.deps,
      streams.claim(isbn),
      claimDecider,
      (now) => ({ type: command.type, data, metadata: { now, actor: context.actor } }) as ClaimCommand,
      context,
    );
  }

  /**
   * The recipient's standing and the agreement the claim was made under, which
   * the recipient must be a member of: only the claim's own stream names it.
   */
  private async transferFacts(isbn: Isbn13, to: string) {
    const { active } = fold(claimDecider, (await this.deps.store.readStream(streams.claim(isbn))) as unknown as ClaimEvent[]);
    const [standings, agreement] = await Promise.all([
      this.facts.standings([to]),
      active === null ? null : this.facts.agreement(active.agreementId),
    ]);
    return { standings, agreement };
  }
}

export const CLAIM_HANDLERS = [ClaimAcquisitionHandler, ClaimStepHandler];
