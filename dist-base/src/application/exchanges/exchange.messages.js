"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.exchangesReadModel = exports.ExchangeStepMessage = exports.ProposeExchangeMessage = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const streams_1 = require("../cooperation/streams");
const document_queries_1 = require("../queries/document.queries");
const exchanges_projection_1 = require("./exchanges.projection");
/**
 * A new exchange: its id is given by the id source, the agreement and the
 * standings of both libraries are gathered by the handler.
 */
class ProposeExchangeMessage extends cqrs_1.Command {
    data;
    context;
    constructor(data, context) {
        super();
        this.data = data;
        this.context = context;
    }
}
exports.ProposeExchangeMessage = ProposeExchangeMessage;
/** Any later step of an existing exchange. */
class ExchangeStepMessage extends cqrs_1.Command {
    command;
    context;
    constructor(command, context) {
        super();
        this.command = command;
        this.context = context;
    }
}
exports.ExchangeStepMessage = ExchangeStepMessage;
/** The exchanges read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
exports.exchangesReadModel = (0, document_queries_1.documentReadModel)(exchanges_projection_1.EXCHANGES_PROJECTION, streams_1.streams.exchange);
//# sourceMappingURL=exchange.messages.js.map