import { FailedAuthentications } from '../../../src/infrastructure/http/auth/failed-authentications';
import { LocalRateCounters } from '../../../src/infrastructure/rate-limits/local-rate-counters';

describe('failed authentications per address', () => {
  let now = Date.parse('2025-03-01T12:00:00Z');
  const clock = { now: () => new Date(now) };

  it('refuses an address at the limit until its minute is over, and no other', () => {
    const failures = new FailedAuthentications(3, new LocalRateCounters(clock));
    for (let i = 0; i < 2; i++) failures.record('10.0.0.1');
    expect(failures.retryAfterSeconds('10.0.0.1')).toBe(0);
    failures.record('10.0.0.1');
    now += 20_000;
    expect(failures.retryAfterSeconds('10.0.0.1')).toBe(40);
    expect(failures.retryAfterSeconds('10.0.0.2')).toBe(0);
    now += 40_000;
    expect(failures.retryAfterSeconds('10.0.0.1')).toBe(0);
    failures.record('10.0.0.1');
    expect(failures.retryAfterSeconds('10.0.0.1')).toBe(0);
  });
});
