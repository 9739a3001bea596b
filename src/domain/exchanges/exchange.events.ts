import type { DomainEvent } from '../shared/decider';
import type { Isil } from '../shared/isil';
import type { ExchangeItem } from './exchange.items';

/** Keys of the exchange as a whole, carried by every event that is not about one side. */
export type ExchangeKeys = Readonly<{
  exchangeId: string;
  agreementId: string;
  proposer: Isil;
  counterpart: Isil;
}>;

/** Keys of one side's shipment: who sends to whom. */
export type ExchangeSideKeys = Readonly<{
  exchangeId: string;
  agreementId: string;
  sender: Isil;
  receiver: Isil;
}>;

export type ExchangeProposed = DomainEvent<'ExchangeProposed', ExchangeKeys & {
  offered: readonly ExchangeItem[];
  requested: readonly ExchangeItem[];
  /** Items on each side; the two sides are always equal. */
  itemCount: number;
  proposedAt: string;
}>;
export type ExchangeAccepted = DomainEvent<'ExchangeAccepted', ExchangeKeys & { acceptedAt: string }>;
export type ExchangeDeclined = DomainEvent<'ExchangeDeclined', ExchangeKeys & { reason: string; declinedAt: string }>;
/** The ledger posts `itemCount` exchange-items from sender (+) to receiver (−). */
export type ExchangeItemsDispatched = DomainEvent<'ExchangeItemsDispatched', ExchangeSideKeys & {
  itemCount: number;
  dispatchedAt: string;
}>;
export type ExchangeItemsReceived = DomainEvent<'ExchangeItemsReceived', ExchangeSideKeys & {
  itemCount: number;
  receivedAt: string;
}>;
/** Recorded with the second receipt, in the same append. */
export type ExchangeCompleted = DomainEvent<'ExchangeCompleted', ExchangeKeys & { completedAt: string }>;
export type ExchangeCancelled = DomainEvent<'ExchangeCancelled', ExchangeKeys & {
  cancelledBy: Isil;
  reason: string;
  cancelledAt: string;
}>;

export type ExchangeEvent =
  | ExchangeProposed
  | ExchangeAccepted
  | ExchangeDeclined
  | ExchangeItemsDispatched
  | ExchangeItemsReceived
  | ExchangeCompleted
  | ExchangeCancelled;
