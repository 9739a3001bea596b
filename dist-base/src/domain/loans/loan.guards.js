"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireText = exports.requireParty = exports.requireBorrower = exports.requireLender = exports.actingLibrary = void 0;
const acting_1 = require("../shared/acting");
const errors_1 = require("../shared/errors");
const loan_errors_1 = require("./loan.errors");
/** The library a command is recorded for: the one the key is bound to, never one named in the data. */
const actingLibrary = (command) => (0, acting_1.actingLibrary)(command, 'act on a loan');
exports.actingLibrary = actingLibrary;
const requireLender = (command, loan, action) => {
    const library = (0, exports.actingLibrary)(command);
    if (library !== loan.lender)
        throw new loan_errors_1.NotTheLender(action);
    return library;
};
exports.requireLender = requireLender;
const requireBorrower = (command, loan, action) => {
    const library = (0, exports.actingLibrary)(command);
    if (library !== loan.borrower)
        throw new loan_errors_1.NotTheBorrower(action);
    return library;
};
exports.requireBorrower = requireBorrower;
const requireParty = (command, loan, action) => {
    const library = (0, exports.actingLibrary)(command);
    if (library !== loan.lender && library !== loan.borrower)
        throw new loan_errors_1.NotAParty(action);
    return library;
};
exports.requireParty = requireParty;
/** Unlike the shared requireText, keeps the text as written, untrimmed: loan events have always recorded it so. */
const requireText = (value, field) => {
    if (typeof value !== 'string' || value.trim() === '')
        throw new errors_1.InvalidValue(field, `${field} must not be empty`);
    return value;
};
exports.requireText = requireText;
//# sourceMappingURL=loan.guards.js.map