import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GaugeSample, InstrumentSpec, Metrics } from '../../application/ports/metrics.port';

/**
 * The metrics port on prom-client. Each service instance has its own
 * registry (not prom-client's global one), so two ledgers in one process,
 * as in the tests, do not share or clash over their series.
 */
export class PromMetrics implements Metrics {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  counter({ name, help, labels = [] }: InstrumentSpec) {
    const counter = new Counter({ name, help, labelNames: [...labels], registers: [this.registry] });
    return { inc: (values: Record<string, string> = {}, by = 1) => counter.inc(values, by) };
  }

  histogram({ name, help, labels = [], buckets }: InstrumentSpec & { buckets?: readonly number[] }) {
    const histogram = new Histogram({ name, help, labelNames: [...labels], registers: [this.registry], ...(buckets ? { buckets: [...buckets] } : {}) });
    return { observe: (values: Record<string, string>, value: number) => histogram.observe(values, value) };
  }

  gauge({ name, help, labels = [], collect }: InstrumentSpec & { collect: () => Promise<readonly GaugeSample[]> }): void {
    new Gauge({
      name,
      help,
      labelNames: [...labels],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const sample of await collect()) this.set(sample.labels, sample.value);
      },
    });
  }

  /** The exposition in the Prometheus text format. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
