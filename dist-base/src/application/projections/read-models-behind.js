"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readModelsAt = exports.ReadModelsBehind = exports.MIN_POSITION_WAIT_MS = void 0;
const rxjs_1 = require("rxjs");
const projection_runner_1 = require("./projection-runner");
/** How long a query waits for the read models to reach the position it asked for. */
exports.MIN_POSITION_WAIT_MS = 5000;
/** The read models did not reach the position a query asked for in time, or one it reads is stuck before it. */
class ReadModelsBehind extends Error {
    minPosition;
    reached;
    constructor(minPosition, reached, stuck) {
        super(stuck
            ? `the read models have not reached position ${minPosition}: ${stuck.message}`
            : `the read models have not reached position ${minPosition} yet (they are at ${reached ?? 'the start'}); retry shortly`);
        this.minPosition = minPosition;
        this.reached = reached;
        this.name = 'ReadModelsBehind';
    }
}
exports.ReadModelsBehind = ReadModelsBehind;
/**
 * Resolves once the read models hold `minPosition` (at once when none is
 * asked); throws ReadModelsBehind after the wait, or at once when one of them
 * is stuck before it. `projections` names the read models the query reads, so
 * that a stuck one it does not read never holds it up; without it, all of them.
 */
const readModelsAt = async (runner, minPosition, projections, waitMs = exports.MIN_POSITION_WAIT_MS) => {
    if (minPosition === undefined)
        return;
    try {
        await runner.waitFor(minPosition, waitMs, projections);
    }
    catch (error) {
        if (error instanceof rxjs_1.TimeoutError)
            throw new ReadModelsBehind(minPosition, runner.status().position);
        if (error instanceof projection_runner_1.ProjectionStuck)
            throw new ReadModelsBehind(minPosition, runner.status().position, error);
        throw error;
    }
};
exports.readModelsAt = readModelsAt;
//# sourceMappingURL=read-models-behind.js.map