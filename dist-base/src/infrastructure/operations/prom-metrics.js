"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PromMetrics = void 0;
const prom_client_1 = require("prom-client");
/**
 * The metrics port on prom-client. Each service instance has its own
 * registry (not prom-client's global one), so two ledgers in one process,
 * as in the tests, do not share or clash over their series.
 */
class PromMetrics {
    registry = new prom_client_1.Registry();
    constructor() {
        (0, prom_client_1.collectDefaultMetrics)({ register: this.registry });
    }
    counter({ name, help, labels = [] }) {
        const counter = new prom_client_1.Counter({ name, help, labelNames: [...labels], registers: [this.registry] });
        return { inc: (values = {}, by = 1) => counter.inc(values, by) };
    }
    histogram({ name, help, labels = [], buckets }) {
        const histogram = new prom_client_1.Histogram({ name, help, labelNames: [...labels], registers: [this.registry], ...(buckets ? { buckets: [...buckets] } : {}) });
        return { observe: (values, value) => histogram.observe(values, value) };
    }
    gauge({ name, help, labels = [], collect }) {
        new prom_client_1.Gauge({
            name,
            help,
            labelNames: [...labels],
            registers: [this.registry],
            async collect() {
                this.reset();
                for (const sample of await collect())
                    this.set(sample.labels, sample.value);
            },
        });
    }
    /** The exposition in the Prometheus text format. */
    scrape() {
        return this.registry.metrics();
    }
    get contentType() {
        return this.registry.contentType;
    }
}
exports.PromMetrics = PromMetrics;
//# sourceMappingURL=prom-metrics.js.map