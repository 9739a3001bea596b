"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FinalWork = void 0;
/**
 * Work that must finish on a graceful shutdown after HTTP has stopped taking
 * requests and before the event store closes (the last seal). Nest calls the
 * shutdown hooks of the root module first, and the root closes the store, so
 * jobs in feature modules hand their last step in here instead.
 */
class FinalWork {
    steps = [];
    add(name, run) {
        this.steps.push({ name, run });
    }
    /** Runs every step, in the order added; one failing does not keep the others from running. */
    async runAll(onError) {
        for (const { name, run } of this.steps.splice(0)) {
            try {
                await run();
            }
            catch (error) {
                onError(name, error);
            }
        }
    }
}
exports.FinalWork = FinalWork;
//# sourceMappingURL=final-work.js.map