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
exports.partnerStanding = exports.partnerDecider = exports.initialState = exports.evolve = exports.decide = void 0;
__exportStar(require("./partner.commands"), exports);
__exportStar(require("./partner.errors"), exports);
__exportStar(require("./partner.events"), exports);
var partner_decider_1 = require("./partner.decider");
Object.defineProperty(exports, "decide", { enumerable: true, get: function () { return partner_decider_1.decide; } });
Object.defineProperty(exports, "evolve", { enumerable: true, get: function () { return partner_decider_1.evolve; } });
Object.defineProperty(exports, "initialState", { enumerable: true, get: function () { return partner_decider_1.initialState; } });
Object.defineProperty(exports, "partnerDecider", { enumerable: true, get: function () { return partner_decider_1.partnerDecider; } });
Object.defineProperty(exports, "partnerStanding", { enumerable: true, get: function () { return partner_decider_1.partnerStanding; } });
//# sourceMappingURL=index.js.map