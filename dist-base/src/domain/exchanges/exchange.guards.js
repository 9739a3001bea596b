"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireParty = exports.requireCounterpart = void 0;
const acting_1 = require("../shared/acting");
const exchange_errors_1 = require("./exchange.errors");
const requireCounterpart = (command, exchange, action) => {
    const library = (0, acting_1.actingLibrary)(command, `${action} an exchange`);
    if (library !== exchange.counterpart)
        throw new exchange_errors_1.NotTheCounterpart(action);
    return exchange.counterpart;
};
exports.requireCounterpart = requireCounterpart;
/** The acting party, and the other one. */
const requireParty = (command, exchange, action) => {
    const library = (0, acting_1.actingLibrary)(command, `${action} an exchange`);
    if (library === exchange.proposer)
        return { self: exchange.proposer, other: exchange.counterpart };
    if (library === exchange.counterpart)
        return { self: exchange.counterpart, other: exchange.proposer };
    throw new exchange_errors_1.NotAnExchangeParty(action);
};
exports.requireParty = requireParty;
//# sourceMappingURL=exchange.guards.js.map