"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FAIRNESS_READS = void 0;
exports.FAIRNESS_READS = Symbol('FairnessReads');
//# sourceMappingURL=fairness-reads.port.js.map