import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { claimDecider, type ClaimCommand } from '../../domain/claims';
import { toIsbn13 } from '../../domain/shared/isbn';
import { withoutUndefined } from '../../domain/shared/input';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { handleCommand } from '../commands/handle-command';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { streams } from '../cooperation/streams';
import { READ_STORE, type ReadStore } from '../ports/read-store.port';
import { ClaimAcquisitionMessage, ClaimStepMessage, GetClaimQuery, ListClaimsQuery } from './claim.messages';
import { CLAIMS_PROJECTION, type ClaimView } from './claims.projection';

/**
 * The stream is named by the title's ISBN-13, whichever form the library
 * wrote it in, so two claims on one title always meet on one stream.
 */
@CommandHandler(ClaimAcquisitionMessage)
export class ClaimAcquisitionHandler implements ICommandHandler<ClaimAcquisitionMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ data, context }: ClaimAcquisitionMessage) {
    const isbn = toIsbn13(data.isbn, 'isbn');
    const claimant = context.actor.library;
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
    return { ...result, isbn };
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
        ? { ...command.data, isbn, standings: await this.facts.standings([command.data.to]) }
        : { ...command.data, isbn };
    return handleCommand(
      this.deps,
      streams.claim(isbn),
      claimDecider,
      (now) => ({ type: command.type, data, metadata: { now, actor: context.actor } }) as ClaimCommand,
      context,
    );
  }
}

@QueryHandler(GetClaimQuery)
export class GetClaimHandler implements IQueryHandler<GetClaimQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  execute({ isbn13 }: GetClaimQuery) {
    return this.reads.get<ClaimView>(CLAIMS_PROJECTION, isbn13);
  }
}

@QueryHandler(ListClaimsQuery)
export class ListClaimsHandler implements IQueryHandler<ListClaimsQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  execute({ filter, limit, after }: ListClaimsQuery) {
    const where = withoutUndefined(filter) as Record<string, string>;
    return this.reads.list<ClaimView>(CLAIMS_PROJECTION, { where, limit, after });
  }
}

export const CLAIM_HANDLERS = [ClaimAcquisitionHandler, ClaimStepHandler, GetClaimHandler, ListClaimsHandler];
