import { Command, Query } from '@nestjs/cqrs';
import type { PartnerCommand, RegisterPartner } from '../../domain/partners';
import type { CommandContext, CommandResult, Unstamped } from '../commands/command-context';
import type { Page } from '../ports/read-store.port';
import type { PartnerView } from './partners.projection';

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

export class GetPartnerQuery extends Query<PartnerView | null> {
  constructor(readonly isil: string) {
    super();
  }
}

export type PartnerFilter = Readonly<{ status?: PartnerView['status']; country?: string }>;

export class ListPartnersQuery extends Query<Page<PartnerView>> {
  constructor(
    readonly filter: PartnerFilter,
    readonly limit: number,
    readonly after?: string,
  ) {
    super();
  }
}
