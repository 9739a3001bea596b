import { Command } from '@nestjs/cqrs';
import { streams } from '../cooperation/streams';
import { documentReadModel } from '../queries/document.queries';
import type { ExchangeStatus, ExchangeStep, ProposeExchange } from '../../domain/exchanges';
import type { CommandContext, CommandResult } from '../commands/command-context';
import { EXCHANGES_PROJECTION, type ExchangeView } from './exchanges.projection';

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

/** Any later step of an existing exchange; the facts accepting and the first dispatch need are gathered by the handler. */
export class ExchangeStepMessage extends Command<CommandResult> {
  constructor(
    readonly command: ExchangeStep,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type ExchangeFilter = Readonly<{
  proposer?: string;
  counterpart?: string;
  status?: ExchangeStatus;
  agreementId?: string;
}>;

/** The exchanges read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
export const exchangesReadModel = documentReadModel<ExchangeView, ExchangeFilter>(EXCHANGES_PROJECTION, streams.exchange);
