"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.partnersReadModel = exports.PartnerStepMessage = exports.RegisterPartnerMessage = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const streams_1 = require("../cooperation/streams");
const document_queries_1 = require("../queries/document.queries");
const partners_projection_1 = require("./partners.projection");
/** A new partner: its stream is keyed by the ISIL it is registered under. */
class RegisterPartnerMessage extends cqrs_1.Command {
    data;
    context;
    constructor(data, context) {
        super();
        this.data = data;
        this.context = context;
    }
}
exports.RegisterPartnerMessage = RegisterPartnerMessage;
/** Any later act on a registered partner: profile update, suspension, reinstatement, leaving. */
class PartnerStepMessage extends cqrs_1.Command {
    command;
    context;
    constructor(command, context) {
        super();
        this.command = command;
        this.context = context;
    }
}
exports.PartnerStepMessage = PartnerStepMessage;
/** The partners read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
exports.partnersReadModel = (0, document_queries_1.documentReadModel)(partners_projection_1.PARTNERS_PROJECTION, streams_1.streams.partner);
//# sourceMappingURL=partner.messages.js.map