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
exports.initialState = exports.evolve = exports.decide = exports.claimDecider = exports.validateTitleSubjects = exports.isOutsideDivisionOfLabour = void 0;
__exportStar(require("./claim.commands"), exports);
__exportStar(require("./claim.errors"), exports);
__exportStar(require("./claim.events"), exports);
var division_of_labour_1 = require("./division-of-labour");
Object.defineProperty(exports, "isOutsideDivisionOfLabour", { enumerable: true, get: function () { return division_of_labour_1.isOutsideDivisionOfLabour; } });
Object.defineProperty(exports, "validateTitleSubjects", { enumerable: true, get: function () { return division_of_labour_1.validateTitleSubjects; } });
var claim_decider_1 = require("./claim.decider");
Object.defineProperty(exports, "claimDecider", { enumerable: true, get: function () { return claim_decider_1.claimDecider; } });
Object.defineProperty(exports, "decide", { enumerable: true, get: function () { return claim_decider_1.decide; } });
Object.defineProperty(exports, "evolve", { enumerable: true, get: function () { return claim_decider_1.evolve; } });
Object.defineProperty(exports, "initialState", { enumerable: true, get: function () { return claim_decider_1.initialState; } });
//# sourceMappingURL=index.js.map