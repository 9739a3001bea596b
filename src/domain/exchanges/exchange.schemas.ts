import { arrayOf, count, describe, id, instant, isbn13, isil, money, object, text, type EventDescriptions, type JsonSchema } from '../shared/event-schema';
import type { ExchangeEvent } from './exchange.events';

const whole = { exchangeId: id, agreementId: id, proposer: isil, counterpart: isil };
const side = { exchangeId: id, agreementId: id, sender: isil, receiver: isil };
const item = object({ title: text }, { isbn: isbn13, author: text, publisher: text, year: count, pages: count, price: money, note: text });

const exchange = (summary: string, required: Record<string, JsonSchema>) => describe(summary, { ...whole, ...required });

export const exchangeEventSchemas: EventDescriptions<ExchangeEvent['type']> = {
  ExchangeProposed: exchange('A library proposed a one-for-one exchange of publications.', {
    offered: arrayOf(item),
    requested: arrayOf(item),
    itemCount: count,
    proposedAt: instant,
  }),
  ExchangeAccepted: exchange('The counterpart accepted the exchange.', { acceptedAt: instant }),
  ExchangeDeclined: exchange('The counterpart declined the exchange.', { reason: text, declinedAt: instant }),
  ExchangeItemsDispatched: describe('One side sent its items; the ledger posts them as exchange-items.', { ...side, itemCount: count, dispatchedAt: instant }),
  ExchangeItemsReceived: describe('One side received the items sent to it.', { ...side, itemCount: count, receivedAt: instant }),
  ExchangeCompleted: exchange('Both sides received their items.', { completedAt: instant }),
  ExchangeCancelled: exchange('The exchange was cancelled.', { cancelledBy: isil, reason: text, cancelledAt: instant }),
};
