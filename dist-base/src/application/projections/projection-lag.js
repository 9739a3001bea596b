"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.observeProjectionLag = exports.projectionLags = void 0;
const projection_report_1 = require("./projection-report");
/** How far each projection is behind the head of the log, in events and in the age of its oldest unfolded event. */
const projectionLags = async (runner, store, clock) => {
    const head = await store.headPosition();
    const lags = [];
    for (const { name: projection, position: checkpoint, state } of runner.status().projections) {
        const stuck = state === 'stuck';
        const events = (0, projection_report_1.lagOf)(head, checkpoint);
        if (events <= 0) {
            lags.push({ projection, events: 0, seconds: 0, stuck });
            continue;
        }
        const [oldest] = await store.readAll({ after: checkpoint, limit: 1 });
        const recordedAt = oldest ? Date.parse(oldest.metadata.recordedAt) : NaN;
        const seconds = Number.isNaN(recordedAt) ? 0 : Math.max(0, (clock.now().getTime() - recordedAt) / 1000);
        lags.push({ projection, events, seconds, stuck });
    }
    return lags;
};
exports.projectionLags = projectionLags;
const observeProjectionLag = (metrics, runner, store, clock) => metrics.projectionLag(() => (0, exports.projectionLags)(runner, store, clock));
exports.observeProjectionLag = observeProjectionLag;
//# sourceMappingURL=projection-lag.js.map