"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loansReadModel = exports.LoanStepMessage = exports.RequestLoanMessage = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const streams_1 = require("../cooperation/streams");
const document_queries_1 = require("../queries/document.queries");
const loans_projection_1 = require("./loans.projection");
/** A new loan: its id is given here, by the id source. */
class RequestLoanMessage extends cqrs_1.Command {
    data;
    context;
    constructor(data, context) {
        super();
        this.data = data;
        this.context = context;
    }
}
exports.RequestLoanMessage = RequestLoanMessage;
/** Any later step of an existing loan. */
class LoanStepMessage extends cqrs_1.Command {
    command;
    context;
    constructor(command, context) {
        super();
        this.command = command;
        this.context = context;
    }
}
exports.LoanStepMessage = LoanStepMessage;
/** The loans read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
exports.loansReadModel = (0, document_queries_1.documentReadModel)(loans_projection_1.LOANS_PROJECTION, streams_1.streams.loan);
//# sourceMappingURL=loan.messages.js.map