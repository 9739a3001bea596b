import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateCounters } from '../../application/ports/rate-counters.port';

/**
 * The per-key rate limit counted in RateCounters, so that every instance
 * counts a key's requests together: over the limit, a key is refused until
 * its window ends.
 */
export class CountersThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly counters: RateCounters) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): ReturnType<ThrottlerStorage['increment']> {
    const { hits, resetsInMs } = this.counters.hit(`${throttlerName}:${key}`, ttl);
    const seconds = Math.max(1, Math.ceil(resetsInMs / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }
}
