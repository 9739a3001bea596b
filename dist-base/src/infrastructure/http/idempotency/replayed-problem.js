"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReplayedProblem = void 0;
/** A kept failure, answered again exactly as the first time. */
class ReplayedProblem extends Error {
    problem;
    constructor(problem) {
        super(problem.detail ?? problem.code);
        this.problem = problem;
        this.name = 'ReplayedProblem';
    }
}
exports.ReplayedProblem = ReplayedProblem;
//# sourceMappingURL=replayed-problem.js.map