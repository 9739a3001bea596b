"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SuggestLendersQuery = exports.FairnessReportQuery = void 0;
const cqrs_1 = require("@nestjs/cqrs");
/** The fairness report of one agreement over whole UTC days `from`..`to`. */
class FairnessReportQuery extends cqrs_1.Query {
    agreementId;
    from;
    to;
    minPosition;
    constructor(agreementId, from, to, minPosition) {
        super();
        this.agreementId = agreementId;
        this.from = from;
        this.to = to;
        this.minPosition = minPosition;
    }
}
exports.FairnessReportQuery = FairnessReportQuery;
/** Who should lend this title to this borrower next. */
class SuggestLendersQuery extends cqrs_1.Query {
    isbn;
    borrower;
    minPosition;
    constructor(isbn, borrower, minPosition) {
        super();
        this.isbn = isbn;
        this.borrower = borrower;
        this.minPosition = minPosition;
    }
}
exports.SuggestLendersQuery = SuggestLendersQuery;
//# sourceMappingURL=fairness.messages.js.map