"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.initialState = exports.exchangeDecider = exports.evolve = exports.decide = exports.isClosedExchangeStatus = exports.CLOSED_EXCHANGE_STATUSES = exports.MAX_EXCHANGE_ITEMS = void 0;
__exportStar(require("./exchange.commands"), exports);
__exportStar(require("./exchange.errors"), exports);
__exportStar(require("./exchange.events"), exports);
var exchange_items_1 = require("./exchange.items");
Object.defineProperty(exports, "MAX_EXCHANGE_ITEMS", { enumerable: true, get: function () { return exchange_items_1.MAX_EXCHANGE_ITEMS; } });
var exchange_status_1 = require("./exchange.status");
Object.defineProperty(exports, "CLOSED_EXCHANGE_STATUSES", { enumerable: true, get: function () { return exchange_status_1.CLOSED_EXCHANGE_STATUSES; } });
Object.defineProperty(exports, "isClosedExchangeStatus", { enumerable: true, get: function () { return exchange_status_1.isClosedExchangeStatus; } });
var exchange_decider_1 = require("./exchange.decider");
Object.defineProperty(exports, "decide", { enumerable: true, get: function () { return exchange_decider_1.decide; } });
Object.defineProperty(exports, "evolve", { enumerable: true, get: function () { return exchange_decider_1.evolve; } });
Object.defineProperty(exports, "exchangeDecider", { enumerable: true, get: function () { return exchange_decider_1.exchangeDecider; } });
Object.defineProperty(exports, "initialState", { enumerable: true, get: function () { return exchange_decider_1.initialState; } });
//# sourceMappingURL=index.js.map