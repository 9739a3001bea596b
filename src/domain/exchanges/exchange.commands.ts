import type { AgreementFacts, CoverageFacts, PartnerStanding, WithoutCoverageFacts } from '../shared/cooperation';
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
/**
 * Accepting commits both libraries to the exchange under its agreement, so
 * it is decided on the agreement and both standings as they are that day:
 * the application reads the exchange's stream for its agreement and parties
 * and gathers `agreement` and `standings` (of the proposer and the counterpart).
 */
export type AcceptExchange = Command<'AcceptExchange', OnExchange & CoverageFacts>;
export type DeclineExchange = Command<'DeclineExchange', OnExchange & { reason: string }>;
/**
 * The actor's library sends its side. The first side sent opens a
 * one-for-one debt and is decided on the same facts as accepting; for the
 * second, which settles it, the application gathers none and sends
 * `standings` empty.
 */
export type DispatchExchangeItems = Command<'DispatchExchangeItems', OnExchange & CoverageFacts>;
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

/** A later step as a library asks for it: the application adds the facts it is decided on. */
export type ExchangeStep = WithoutCoverageFacts<Exclude<ExchangeCommand, ProposeExchange>>;
