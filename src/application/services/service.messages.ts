import { Command, Query } from '@nestjs/cqrs';
import type { RenderService, ServiceKind } from '../../domain/services';
import type { CommandContext, CommandResult } from '../commands/command-context';
import type { Page } from '../ports/read-store.port';
import type { ServiceStatus, ServiceView } from './services.projection';

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

export class GetServiceQuery extends Query<ServiceView | null> {
  constructor(readonly serviceId: string) {
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

export class ListServicesQuery extends Query<Page<ServiceView>> {
  constructor(
    readonly filter: ServiceFilter,
    readonly limit: number,
    readonly after?: string,
  ) {
    super();
  }
}
