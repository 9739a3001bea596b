import type { RateCounters } from '../../../application/ports/rate-counters.port';

const WINDOW_MS = 60_000;

/**
 * Failed authentications per client address, in windows of a minute (shared
 * by every instance when the counters are). An address over the limit is
 * refused before its key is looked at, until its window ends: a refused guess
 * and a right one then answer alike.
 */
export class FailedAuthentications {
  constructor(
    private readonly limitPerMinute: number,
    private readonly counters: RateCounters,
  ) {}

  /** Whole seconds until `address` may try again; 0 when it may now. */
  retryAfterSeconds(address: string): number {
    const { hits, resetsInMs } = this.counters.peek(bucketOf(address), WINDOW_MS);
    return hits >= this.limitPerMinute ? Math.max(1, Math.ceil(resetsInMs / 1000)) : 0;
  }

  record(address: string): void {
    this.counters.hit(bucketOf(address), WINDOW_MS);
  }
}

const bucketOf = (address: string) => `auth-failures:${address}`;
