import { Command, Query } from '@nestjs/cqrs';
import type { ExchangeCommand, ExchangeStatus, ProposeExchange } from '../../domain/exchanges';
import type { CommandContext, CommandResult, Unstamped } from '../commands/command-context';
import type { Page } from '../ports/read-store.port';
import type { ExchangeView } from './exchanges.projection';

/**
 * A new exchange: its id is given by the id source, the agreement and the
 * standings of both libraries are gathered by the handler.
 */
export class ProposeExchangeMessage extends Command<CommandResult & { exchangeId: string }> {
  constructor(
    readonly data: Omit<ProposeExchange['data'], 'exchangeId' | 'agreement' | 'standings'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Any later step of an existing exchange. */
export class ExchangeStepMessage extends Command<CommandResult> {
  constructor(
    readonly command: Unstamped<Exclude<ExchangeCommand, ProposeExchange>>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class GetExchangeQuery extends Query<ExchangeView | null> {
  constructor(readonly exchangeId: string) {
    super();
  }
}

export type ExchangeFilter = Readonly<{
  proposer?: string;
  counterpart?: string;
  status?: ExchangeStatus;
  agreementId?: string;
}>;

export class ListExchangesQuery extends Query<Page<ExchangeView>> {
  constructor(
    readonly filter: ExchangeFilter,
    readonly limit: number,
    readonly after?: string,
  ) {
    super();
  }
}
