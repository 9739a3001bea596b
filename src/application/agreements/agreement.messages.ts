import { Command } from '@nestjs/cqrs';
import { streams } from '../cooperation/streams';
import { documentReadModel } from '../queries/document.queries';
import type { AgreementCommand, EstablishAgreement, JoinAgreement } from '../../domain/agreements';
import type { CommandContext, CommandResult, Unstamped } from '../commands/command-context';
import { AGREEMENTS_PROJECTION, type AgreementView } from './agreements.projection';

/** A new agreement: its id is given here, by the id source. */
export class EstablishAgreementMessage extends Command<CommandResult & { agreementId: string }> {
  constructor(
    readonly data: Omit<EstablishAgreement['data'], 'agreementId' | 'standings'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A step as the transport builds it; the standing of a joining library is read by the handler. */
export type AgreementStep =
  | Unstamped<Exclude<AgreementCommand, EstablishAgreement | JoinAgreement>>
  | Readonly<{ type: 'JoinAgreement'; data: Omit<JoinAgreement['data'], 'standings'> }>;

/** Any later act on an agreement: a member joining or withdrawing, an amendment, termination. */
export class AgreementStepMessage extends Command<CommandResult> {
  constructor(
    readonly command: AgreementStep,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type AgreementFilter = Readonly<{ status?: AgreementView['status']; focalPoint?: string }>;

/** The agreements read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
export const agreementsReadModel = documentReadModel<AgreementView, AgreementFilter>(AGREEMENTS_PROJECTION, streams.agreement);
