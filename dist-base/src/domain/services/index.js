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
exports.serviceDecider = exports.initialState = exports.evolve = exports.decide = exports.MAX_UNITS = void 0;
__exportStar(require("./service.commands"), exports);
__exportStar(require("./service.errors"), exports);
__exportStar(require("./service.events"), exports);
var service_decider_1 = require("./service.decider");
Object.defineProperty(exports, "MAX_UNITS", { enumerable: true, get: function () { return service_decider_1.MAX_UNITS; } });
Object.defineProperty(exports, "decide", { enumerable: true, get: function () { return service_decider_1.decide; } });
Object.defineProperty(exports, "evolve", { enumerable: true, get: function () { return service_decider_1.evolve; } });
Object.defineProperty(exports, "initialState", { enumerable: true, get: function () { return service_decider_1.initialState; } });
Object.defineProperty(exports, "serviceDecider", { enumerable: true, get: function () { return service_decider_1.serviceDecider; } });
//# sourceMappingURL=index.js.map