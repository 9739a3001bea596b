"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WithdrawHoldingsMessage = exports.RegisterHoldingsMessage = void 0;
const cqrs_1 = require("@nestjs/cqrs");
/** `isil` is the library acted for: the key's own, or any for a coordinator. */
class RegisterHoldingsMessage extends cqrs_1.Command {
    isil;
    items;
    context;
    constructor(isil, items, context) {
        super();
        this.isil = isil;
        this.items = items;
        this.context = context;
    }
}
exports.RegisterHoldingsMessage = RegisterHoldingsMessage;
class WithdrawHoldingsMessage extends cqrs_1.Command {
    isil;
    isbns;
    context;
    constructor(isil, isbns, context) {
        super();
        this.isil = isil;
        this.isbns = isbns;
        this.context = context;
    }
}
exports.WithdrawHoldingsMessage = WithdrawHoldingsMessage;
//# sourceMappingURL=holdings.messages.js.map