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
exports.initialState = exports.evolve = exports.decide = exports.agreementFacts = exports.agreementDecider = exports.MAX_MEMBERS = exports.validateAgreementTerms = exports.MAX_GOAL_RATIO = exports.validateSubjects = exports.subjectCovers = exports.isSubject = void 0;
__exportStar(require("./agreement.commands"), exports);
__exportStar(require("./agreement.errors"), exports);
__exportStar(require("./agreement.events"), exports);
var agreement_subjects_1 = require("./agreement.subjects");
Object.defineProperty(exports, "isSubject", { enumerable: true, get: function () { return agreement_subjects_1.isSubject; } });
Object.defineProperty(exports, "subjectCovers", { enumerable: true, get: function () { return agreement_subjects_1.subjectCovers; } });
Object.defineProperty(exports, "validateSubjects", { enumerable: true, get: function () { return agreement_subjects_1.validateSubjects; } });
var agreement_terms_1 = require("./agreement.terms");
Object.defineProperty(exports, "MAX_GOAL_RATIO", { enumerable: true, get: function () { return agreement_terms_1.MAX_GOAL_RATIO; } });
Object.defineProperty(exports, "validateAgreementTerms", { enumerable: true, get: function () { return agreement_terms_1.validateAgreementTerms; } });
var agreement_decider_1 = require("./agreement.decider");
Object.defineProperty(exports, "MAX_MEMBERS", { enumerable: true, get: function () { return agreement_decider_1.MAX_MEMBERS; } });
Object.defineProperty(exports, "agreementDecider", { enumerable: true, get: function () { return agreement_decider_1.agreementDecider; } });
Object.defineProperty(exports, "agreementFacts", { enumerable: true, get: function () { return agreement_decider_1.agreementFacts; } });
Object.defineProperty(exports, "decide", { enumerable: true, get: function () { return agreement_decider_1.decide; } });
Object.defineProperty(exports, "evolve", { enumerable: true, get: function () { return agreement_decider_1.evolve; } });
Object.defineProperty(exports, "initialState", { enumerable: true, get: function () { return agreement_decider_1.initialState; } });
//# sourceMappingURL=index.js.map