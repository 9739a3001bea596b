"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.servicesReadModel = exports.VoidServiceMessage = exports.RenderServiceMessage = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const streams_1 = require("../cooperation/streams");
const document_queries_1 = require("../queries/document.queries");
const services_projection_1 = require("./services.projection");
/**
 * A service rendered: the provider is the key's library, the id comes from the
 * id source, the agreement and both standings are gathered by the handler.
 */
class RenderServiceMessage extends cqrs_1.Command {
    data;
    context;
    constructor(data, context) {
        super();
        this.data = data;
        this.context = context;
    }
}
exports.RenderServiceMessage = RenderServiceMessage;
/** By the provider or a coordinator. */
class VoidServiceMessage extends cqrs_1.Command {
    serviceId;
    reason;
    context;
    constructor(serviceId, reason, context) {
        super();
        this.serviceId = serviceId;
        this.reason = reason;
        this.context = context;
    }
}
exports.VoidServiceMessage = VoidServiceMessage;
/** The services read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
exports.servicesReadModel = (0, document_queries_1.documentReadModel)(services_projection_1.SERVICES_PROJECTION, streams_1.streams.service);
//# sourceMappingURL=service.messages.js.map