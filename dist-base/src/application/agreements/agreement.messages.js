"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.agreementsReadModel = exports.AgreementStepMessage = exports.EstablishAgreementMessage = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const streams_1 = require("../cooperation/streams");
const document_queries_1 = require("../queries/document.queries");
const agreements_projection_1 = require("./agreements.projection");
/** A new agreement: its id is given here, by the id source. */
class EstablishAgreementMessage extends cqrs_1.Command {
    data;
    context;
    constructor(data, context) {
        super();
        this.data = data;
        this.context = context;
    }
}
exports.EstablishAgreementMessage = EstablishAgreementMessage;
/** Any later act on an agreement: a member joining or withdrawing, an amendment, termination. */
class AgreementStepMessage extends cqrs_1.Command {
    command;
    context;
    constructor(command, context) {
        super();
        this.command = command;
        this.context = context;
    }
}
exports.AgreementStepMessage = AgreementStepMessage;
/** The agreements read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
exports.agreementsReadModel = (0, document_queries_1.documentReadModel)(agreements_projection_1.AGREEMENTS_PROJECTION, streams_1.streams.agreement);
//# sourceMappingURL=agreement.messages.js.map