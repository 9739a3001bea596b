import { Command, Query } from '@nestjs/cqrs';
import type { ClaimAcquisition, FulfilAcquisitionClaim, ReleaseAcquisitionClaim } from '../../domain/claims';
import type { CommandContext, CommandResult, Unstamped } from '../commands/command-context';
import type { Page } from '../ports/read-store.port';
import type { ClaimStatus, ClaimView } from './claims.projection';

/**
 * A claim on a title: the claimant is the key's library; the handler gathers
 * the agreement, the claimant's standing and who holds the title already.
 */
export class ClaimAcquisitionMessage extends Command<CommandResult & { isbn: string }> {
  constructor(
    readonly data: Omit<ClaimAcquisition['data'], 'agreement' | 'standings' | 'heldBy'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The receiving library's standing is gathered by the handler. */
export type TransferClaimStep = Readonly<{ type: 'TransferAcquisitionClaim'; data: { isbn: string; to: string } }>;

/** Any later step of a title's claim, by its claimant. */
export class ClaimStepMessage extends Command<CommandResult> {
  constructor(
    readonly command: Unstamped<ReleaseAcquisitionClaim | FulfilAcquisitionClaim> | TransferClaimStep,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class GetClaimQuery extends Query<ClaimView | null> {
  constructor(readonly isbn13: string) {
    super();
  }
}

export type ClaimFilter = Readonly<{
  claimant?: string;
  status?: ClaimStatus;
  agreementId?: string;
  /** 'true' or 'false', as the read model indexes it. */
  outsideDivisionOfLabour?: 'true' | 'false';
}>;

export class ListClaimsQuery extends Query<Page<ClaimView>> {
  constructor(
    readonly filter: ClaimFilter,
    readonly limit: number,
    readonly after?: string,
  ) {
    super();
  }
}
