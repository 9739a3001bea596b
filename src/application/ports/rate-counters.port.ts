/** Hits counted for a bucket in its current window. */
export type WindowCount = Readonly<{ hits: number; /** Until the window ends. */ resetsInMs: number }>;

/**
 * Hits per bucket (an API key, a client address) in fixed windows of
 * `windowMs` aligned on the clock, so that every instance counts into the same
 * window. Answers come from what this instance knows now, never from a round
 * trip: an implementation shared between instances folds in the others' hits
 * as it learns them.
 */
export interface RateCounters {
  /** Counts one hit and answers the window's count, this hit included. */
  hit(bucket: string, windowMs: number): WindowCount;
  /** The window's count, without a hit. */
  peek(bucket: string, windowMs: number): WindowCount;
  close(): Promise<void>;
}

export const RATE_COUNTERS = Symbol('RateCounters');
