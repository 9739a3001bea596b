import { Command } from '@nestjs/cqrs';
import { streams } from '../cooperation/streams';
import { documentReadModel } from '../queries/document.queries';
import type {
  CancelRotation, PlanRotation, ReceiveRotationBatch, ReportRotationItemsMissing, RotationStatus,
} from '../../domain/rotations';
import type { CommandContext, CommandResult, Unstamped } from '../commands/command-context';
import { ROTATIONS_PROJECTION, type RotationView } from './rotations.projection';

/**
 * A new rotation: its id is given by the id source, the agreement and the
 * standings of the owner and every host are gathered by the handler.
 */
export class PlanRotationMessage extends Command<CommandResult & { rotationId: string }> {
  constructor(
    readonly data: Omit<PlanRotation['data'], 'rotationId' | 'agreement' | 'standings'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The agreement and the standings a leg to a host needs are gathered by the handler. */
export type DispatchRotationStep = Readonly<{ type: 'DispatchRotationBatch'; data: { rotationId: string; home?: boolean } }>;

/** Any later step of an existing rotation. */
export class RotationStepMessage extends Command<CommandResult> {
  constructor(
    readonly command: Unstamped<ReceiveRotationBatch | ReportRotationItemsMissing | CancelRotation> | DispatchRotationStep,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type RotationFilter = Readonly<{
  owner?: string;
  status?: RotationStatus;
  agreementId?: string;
  /** The library holding the batch now. */
  holder?: string;
}>;

/** The rotations read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
export const rotationsReadModel = documentReadModel<RotationView, RotationFilter>(ROTATIONS_PROJECTION, streams.rotation);
