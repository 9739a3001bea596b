import { Command } from '@nestjs/cqrs';
import { streams } from '../cooperation/streams';
import { documentReadModel } from '../queries/document.queries';
import type { ClaimAcquisition, FulfilAcquisitionClaim, ReleaseAcquisitionClaim } from '../../domain/claims';
import type { CommandContext, CommandResult, Unstamped } from '../commands/command-context';
import { CLAIMS_PROJECTION, type ClaimStatus, type ClaimView } from './claims.projection';

/**
 * A claim on a title: the claimant is the key's library; the handler gathers
 * the agreement, the claimant's standing and who holds the title already.
 */
export class ClaimAcquisitionMessage extends Command<CommandResult & { isbn: string; heldElsewhere?: string[] }> {
  constructor(
    readonly data: Omit<ClaimAcquisition['data'], 'agreement' | 'standings' | 'heldBy'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The receiving library's standing and the claim's agreement are gathered by the handler. */
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

export type ClaimFilter = Readonly<{
  claimant?: string;
  status?: ClaimStatus;
  agreementId?: string;
  /** 'true' or 'false', as the read model indexes it. */
  outsideDivisionOfLabour?: 'true' | 'false';
}>;

/** The claims read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
export const claimsReadModel = documentReadModel<ClaimView, ClaimFilter>(CLAIMS_PROJECTION, streams.claim);
