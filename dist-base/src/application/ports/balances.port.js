"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BALANCES = void 0;
exports.BALANCES = Symbol('BalancesQueries');
//# sourceMappingURL=balances.port.js.map