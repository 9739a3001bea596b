import type { Problem } from '../problem/problem';

/** A kept failure, answered again exactly as the first time. */
export class ReplayedProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code);
    this.name = 'ReplayedProblem';
  }
}
