import { Command } from '@nestjs/cqrs';
import { streams } from '../cooperation/streams';
import { documentReadModel } from '../queries/document.queries';
import type { RenderService, ServiceKind } from '../../domain/services';
import type { CommandContext, CommandResult } from '../commands/command-context';
import { SERVICES_PROJECTION, type ServiceStatus, type ServiceView } from './services.projection';

/**
 * A service rendered: the provider is the key's library, the id comes from the
 * id source, the agreement and both standings are gathered by the handler.
 */
export class RenderServiceMessage extends Command<CommandResult & { serviceId: string }> {
  constructor(
    readonly data: Omit<RenderService['data'], 'serviceId' | 'agreement' | 'standings'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** By the provider or a coordinator. */
export class VoidServiceMessage extends Command<CommandResult> {
  constructor(
    readonly serviceId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type ServiceFilter = Readonly<{
  provider?: string;
  recipient?: string;
  kind?: ServiceKind;
  agreementId?: string;
  status?: ServiceStatus;
}>;

/** The services read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
export const servicesReadModel = documentReadModel<ServiceView, ServiceFilter>(SERVICES_PROJECTION, streams.service);
