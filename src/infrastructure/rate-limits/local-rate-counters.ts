import type { Clock } from '../../application/ports/clock.port';
import type { RateCounters, WindowCount } from '../../application/ports/rate-counters.port';

/** Past this many buckets, ended windows are swept, so the map cannot grow without bound. */
const SWEEP_AT = 10_000;

export type CountedWindow = { readonly bucket: string; readonly startsAt: number; readonly windowMs: number; hits: number };

export const windowStart = (now: number, windowMs: number): number => Math.floor(now / windowMs) * windowMs;

/** Counts in this process only: the counters of the embedded store's one instance. */
export class LocalRateCounters implements RateCounters {
  protected readonly windows = new Map<string, CountedWindow>();

  constructor(protected readonly clock: Clock) {}

  hit(bucket: string, windowMs: number): WindowCount {
    const window = this.current(bucket, windowMs, true)!;
    window.hits += 1;
    return this.countOf(window);
  }

  peek(bucket: string, windowMs: number): WindowCount {
    const window = this.current(bucket, windowMs, false);
    return window ? this.countOf(window) : { hits: 0, resetsInMs: 0 };
  }

  async close(): Promise<void> {}

  protected countOf(window: CountedWindow): WindowCount {
    return { hits: window.hits, resetsInMs: window.startsAt + window.windowMs - this.now() };
  }

  protected newWindow(bucket: string, startsAt: number, windowMs: number): CountedWindow {
    return { bucket, startsAt, windowMs, hits: 0 };
  }

  private current(bucket: string, windowMs: number, create: boolean): CountedWindow | undefined {
    const key = `${windowMs}|${bucket}`;
    const startsAt = windowStart(this.now(), windowMs);
    const window = this.windows.get(key);
    if (window && window.startsAt === startsAt) return window;
    if (!create) return undefined;
    if (this.windows.size >= SWEEP_AT) this.sweep();
    const fresh = this.newWindow(bucket, startsAt, windowMs);
    this.windows.set(key, fresh);
    return fresh;
  }

  protected sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.startsAt + window.windowMs <= now) this.windows.delete(key);
  }

  protected now(): number {
    return this.clock.now().getTime();
  }
}
