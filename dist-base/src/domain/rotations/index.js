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
exports.rotationDecider = exports.initialState = exports.holderOf = exports.evolve = exports.decide = exports.isClosedRotationStatus = exports.CLOSED_ROTATION_STATUSES = exports.legOf = exports.MAX_ROTATION_ITEMS = exports.MAX_HOST_DAYS = void 0;
__exportStar(require("./rotation.commands"), exports);
__exportStar(require("./rotation.errors"), exports);
__exportStar(require("./rotation.events"), exports);
var rotation_plan_1 = require("./rotation.plan");
Object.defineProperty(exports, "MAX_HOST_DAYS", { enumerable: true, get: function () { return rotation_plan_1.MAX_HOST_DAYS; } });
Object.defineProperty(exports, "MAX_ROTATION_ITEMS", { enumerable: true, get: function () { return rotation_plan_1.MAX_ROTATION_ITEMS; } });
Object.defineProperty(exports, "legOf", { enumerable: true, get: function () { return rotation_plan_1.legOf; } });
var rotation_status_1 = require("./rotation.status");
Object.defineProperty(exports, "CLOSED_ROTATION_STATUSES", { enumerable: true, get: function () { return rotation_status_1.CLOSED_ROTATION_STATUSES; } });
Object.defineProperty(exports, "isClosedRotationStatus", { enumerable: true, get: function () { return rotation_status_1.isClosedRotationStatus; } });
var rotation_decider_1 = require("./rotation.decider");
Object.defineProperty(exports, "decide", { enumerable: true, get: function () { return rotation_decider_1.decide; } });
Object.defineProperty(exports, "evolve", { enumerable: true, get: function () { return rotation_decider_1.evolve; } });
Object.defineProperty(exports, "holderOf", { enumerable: true, get: function () { return rotation_decider_1.holderOf; } });
Object.defineProperty(exports, "initialState", { enumerable: true, get: function () { return rotation_decider_1.initialState; } });
Object.defineProperty(exports, "rotationDecider", { enumerable: true, get: function () { return rotation_decider_1.rotationDecider; } });
//# sourceMappingURL=index.js.map