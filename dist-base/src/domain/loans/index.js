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
exports.loanDecider = exports.isoStatus = exports.initialState = exports.evolve = exports.decide = exports.validateTerms = exports.validateMoney = exports.isClosedStatus = exports.CLOSED_LOAN_STATUSES = void 0;
__exportStar(require("./loan.commands"), exports);
__exportStar(require("./loan.errors"), exports);
__exportStar(require("./loan.events"), exports);
var loan_status_1 = require("./loan.status");
Object.defineProperty(exports, "CLOSED_LOAN_STATUSES", { enumerable: true, get: function () { return loan_status_1.CLOSED_LOAN_STATUSES; } });
Object.defineProperty(exports, "isClosedStatus", { enumerable: true, get: function () { return loan_status_1.isClosedStatus; } });
var loan_terms_1 = require("./loan.terms");
Object.defineProperty(exports, "validateMoney", { enumerable: true, get: function () { return loan_terms_1.validateMoney; } });
Object.defineProperty(exports, "validateTerms", { enumerable: true, get: function () { return loan_terms_1.validateTerms; } });
var loan_decider_1 = require("./loan.decider");
Object.defineProperty(exports, "decide", { enumerable: true, get: function () { return loan_decider_1.decide; } });
Object.defineProperty(exports, "evolve", { enumerable: true, get: function () { return loan_decider_1.evolve; } });
Object.defineProperty(exports, "initialState", { enumerable: true, get: function () { return loan_decider_1.initialState; } });
Object.defineProperty(exports, "isoStatus", { enumerable: true, get: function () { return loan_decider_1.isoStatus; } });
Object.defineProperty(exports, "loanDecider", { enumerable: true, get: function () { return loan_decider_1.loanDecider; } });
//# sourceMappingURL=index.js.map