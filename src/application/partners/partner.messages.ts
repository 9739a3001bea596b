import { Command } from '@nestjs/cqrs';
import { streams } from '../cooperation/streams';
import { documentReadModel } from '../queries/document.queries';
import type { PartnerCommand, RegisterPartner } from '../../domain/partners';
import type { CommandContext, CommandResult, Unstamped } from '../commands/command-context';
import { PARTNERS_PROJECTION, type PartnerView } from './partners.projection';

/** A new partner: its stream is keyed by the ISIL it is registered under. */
export class RegisterPartnerMessage extends Command<CommandResult & { isil: string }> {
  constructor(
    readonly data: RegisterPartner['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Any later act on a registered partner: profile update, suspension, reinstatement, leaving. */
export class PartnerStepMessage extends Command<CommandResult> {
  constructor(
    readonly command: Unstamped<Exclude<PartnerCommand, RegisterPartner>>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type PartnerFilter = Readonly<{ status?: PartnerView['status']; country?: string }>;

/** The partners read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
export const partnersReadModel = documentReadModel<PartnerView, PartnerFilter>(PARTNERS_PROJECTION, streams.partner);
