import type { Clock } from '../../../application/ports/clock.port';

const WINDOW_MS = 60_000;
/** Past this many addresses, ended windows are swept, so the map cannot grow without bound. */
const SWEEP_AT = 10_000;

/**
 * Failed authentications per client address, in windows of a minute. An
 * address over the limit is refused before its key is looked at, until its
 * window ends: a refused guess and a right one then answer alike.
 */
export class FailedAuthentications {
  private readonly windows = new Map<string, { failures: number; endsAt: number }>();

  constructor(
    private readonly limitPerMinute: number,
    private readonly clock: Clock,
  ) {}

  /** Whole seconds until `address` may try again; 0 when it may now. */
  retryAfterSeconds(address: string): number {
    const window = this.current(address);
    return window && window.failures >= this.limitPerMinute ? Math.ceil((window.endsAt - this.now()) / 1000) : 0;
  }

  record(address: string): void {
    const window = this.current(address);
    if (window) window.failures++;
    else {
      if (this.windows.size >= SWEEP_AT) this.sweep();
      this.windows.set(address, { failures: 1, endsAt: this.now() + WINDOW_MS });
    }
  }

  private current(address: string) {
    const window = this.windows.get(address);
    return window && window.endsAt > this.now() ? window : undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [address, window] of this.windows) if (window.endsAt <= now) this.windows.delete(address);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
