"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.exchangeEventSchemas = void 0;
const event_schema_1 = require("../shared/event-schema");
const whole = { exchangeId: event_schema_1.id, agreementId: event_schema_1.id, proposer: event_schema_1.isil, counterpart: event_schema_1.isil };
const side = { exchangeId: event_schema_1.id, agreementId: event_schema_1.id, sender: event_schema_1.isil, receiver: event_schema_1.isil };
const item = (0, event_schema_1.object)({ title: event_schema_1.text }, { isbn: event_schema_1.isbn13, author: event_schema_1.text, publisher: event_schema_1.text, year: event_schema_1.count, pages: event_schema_1.count, price: event_schema_1.money, note: event_schema_1.text });
const exchange = (summary, required) => (0, event_schema_1.describe)(summary, { ...whole, ...required });
exports.exchangeEventSchemas = {
    ExchangeProposed: exchange('A library proposed a one-for-one exchange of publications.', {
        offered: (0, event_schema_1.arrayOf)(item),
        requested: (0, event_schema_1.arrayOf)(item),
        itemCount: event_schema_1.count,
        proposedAt: event_schema_1.instant,
    }),
    ExchangeAccepted: exchange('The counterpart accepted the exchange.', { acceptedAt: event_schema_1.instant }),
    ExchangeDeclined: exchange('The counterpart declined the exchange.', { reason: event_schema_1.text, declinedAt: event_schema_1.instant }),
    ExchangeItemsDispatched: (0, event_schema_1.describe)('One side sent its items; the ledger posts them as exchange-items.', { ...side, itemCount: event_schema_1.count, dispatchedAt: event_schema_1.instant }),
    ExchangeItemsReceived: (0, event_schema_1.describe)('One side received the items sent to it.', { ...side, itemCount: event_schema_1.count, receivedAt: event_schema_1.instant }),
    ExchangeCompleted: exchange('Both sides received their items.', { completedAt: event_schema_1.instant }),
    ExchangeCancelled: exchange('The exchange was cancelled.', { cancelledBy: event_schema_1.isil, reason: event_schema_1.text, cancelledAt: event_schema_1.instant }),
};
//# sourceMappingURL=exchange.schemas.js.map