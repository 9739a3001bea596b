import type { AgreementFacts, PartnerStanding } from '../shared/cooperation';
import type { Command } from '../shared/decider';
import type { ExchangeItemInput } from './exchange.items';

/**
 * The acting library is always `metadata.actor.library`, never a field of the
 * data, so no library can record an act in another's name.
 */
type OnExchange = { exchangeId: string };

/**
 * The proposer is the actor's library. `agreement` and `standings` (keyed by
 * upper-case ISIL) are gathered by the application so the decider stays pure.
 */
export type ProposeExchange = Command<'ProposeExchange', {
  exchangeId: string;
  agreementId: string;
  agreement: AgreementFacts | null;
  standings: Readonly<Record<string, PartnerStanding | undefined>>;
  counterpart: string;
  offered: readonly ExchangeItemInput[];
  requested: readonly ExchangeItemInput[];
}>;
export type AcceptExchange = Command<'AcceptExchange', OnExchange>;
export type DeclineExchange = Command<'DeclineExchange', OnExchange & { reason: string }>;
/** The actor's library sends its side. */
export type DispatchExchangeItems = Command<'DispatchExchangeItems', OnExchange>;
/** The actor's library receives the other side's dispatch. */
export type ReceiveExchangeItems = Command<'ReceiveExchangeItems', OnExchange>;
export type CancelExchange = Command<'CancelExchange', OnExchange & { reason: string }>;

export type ExchangeCommand =
  | ProposeExchange
  | AcceptExchange
  | DeclineExchange
  | DispatchExchangeItems
  | ReceiveExchangeItems
  | CancelExchange;
