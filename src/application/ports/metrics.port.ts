/** Metric names and labels follow Prometheus conventions: snake_case, a unit suffix, `_total` on counters. */
export type Labels = Readonly<Record<string, string>>;

export type InstrumentSpec = Readonly<{ name: string; help: string; labels?: readonly string[] }>;

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

export interface Histogram {
  observe(labels: Labels, value: number): void;
}

/** A value read when the metrics are scraped, one sample per label set. */
export type GaugeSample = Readonly<{ labels: Labels; value: number }>;

/**
 * The instruments the application records into. The adapter decides where
 * they go (Prometheus in the service, nowhere in the CLI); a feature creates
 * its instruments once, when it is built.
 */
export interface Metrics {
  counter(spec: InstrumentSpec): Counter;
  histogram(spec: InstrumentSpec & { buckets?: readonly number[] }): Histogram;
  gauge(spec: InstrumentSpec & { collect: () => Promise<readonly GaugeSample[]> }): void;
}

export const METRICS = Symbol('Metrics');

/** Records nothing: for tools that run once and for unit tests. */
export const noMetrics: Metrics = {
  counter: () => ({ inc: () => undefined }),
  histogram: () => ({ observe: () => undefined }),
  gauge: () => undefined,
};
