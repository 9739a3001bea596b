"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.noMetrics = exports.METRICS = void 0;
exports.METRICS = Symbol('Metrics');
/** Records nothing: for tools that run once and for unit tests. */
exports.noMetrics = {
    counter: () => ({ inc: () => undefined }),
    histogram: () => ({ observe: () => undefined }),
    gauge: () => undefined,
};
//# sourceMappingURL=metrics.port.js.map