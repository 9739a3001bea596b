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
exports.initialState = exports.holdingsDecider = exports.evolve = exports.decide = exports.MAX_SUBJECTS_PER_ITEM = void 0;
__exportStar(require("./holdings.commands"), exports);
__exportStar(require("./holdings.errors"), exports);
__exportStar(require("./holdings.events"), exports);
var holdings_decider_1 = require("./holdings.decider");
Object.defineProperty(exports, "MAX_SUBJECTS_PER_ITEM", { enumerable: true, get: function () { return holdings_decider_1.MAX_SUBJECTS_PER_ITEM; } });
Object.defineProperty(exports, "decide", { enumerable: true, get: function () { return holdings_decider_1.decide; } });
Object.defineProperty(exports, "evolve", { enumerable: true, get: function () { return holdings_decider_1.evolve; } });
Object.defineProperty(exports, "holdingsDecider", { enumerable: true, get: function () { return holdings_decider_1.holdingsDecider; } });
Object.defineProperty(exports, "initialState", { enumerable: true, get: function () { return holdings_decider_1.initialState; } });
//# sourceMappingURL=index.js.map