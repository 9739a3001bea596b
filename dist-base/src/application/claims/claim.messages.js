"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.claimsReadModel = exports.ClaimStepMessage = exports.ClaimAcquisitionMessage = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const streams_1 = require("../cooperation/streams");
const document_queries_1 = require("../queries/document.queries");
const claims_projection_1 = require("./claims.projection");
/**
 * A claim on a title: the claimant is the key's library; the handler gathers
 * the agreement, the claimant's standing and who holds the title already.
 */
class ClaimAcquisitionMessage extends cqrs_1.Command {
    data;
    context;
    constructor(data, context) {
        super();
        this.data = data;
        this.context = context;
    }
}
exports.ClaimAcquisitionMessage = ClaimAcquisitionMessage;
/** Any later step of a title's claim, by its claimant. */
class ClaimStepMessage extends cqrs_1.Command {
    command;
    context;
    constructor(command, context) {
        super();
        this.command = command;
        this.context = context;
    }
}
exports.ClaimStepMessage = ClaimStepMessage;
/** The claims read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
exports.claimsReadModel = (0, document_queries_1.documentReadModel)(claims_projection_1.CLAIMS_PROJECTION, streams_1.streams.claim);
//# sourceMappingURL=claim.messages.js.map