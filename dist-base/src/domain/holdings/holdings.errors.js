"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HoldingsOfAnotherLibrary = void 0;
const errors_1 = require("../shared/errors");
/** The command names one library but the stream holds another's titles: it was routed to the wrong stream. */
class HoldingsOfAnotherLibrary extends errors_1.DomainError {
    constructor(streamIsil, isil) {
        super('holdings-of-another-library', `These are the holdings of ${streamIsil}, not of ${isil}.`, 'invalid', 'isil');
    }
}
exports.HoldingsOfAnotherLibrary = HoldingsOfAnotherLibrary;
//# sourceMappingURL=holdings.errors.js.map