import { FixedWindowThrottlerStorage } from '../../../src/infrastructure/http/auth/fixed-window-throttler-storage';

describe('requests per key in fixed windows', () => {
  let now = Date.parse('2025-03-01T12:00:00Z');
  const clock = { now: () => new Date(now) };
  const hit = (storage: FixedWindowThrottlerStorage, key: string) => storage.increment(key, 60_000, 3, 60_000, 'default');

  it('lets a key make its limit, blocks the next until the block ends, and leaves other keys alone', async () => {
    const storage = new FixedWindowThrottlerStorage(clock);
    for (let i = 1; i <= 3; i++) expect(await hit(storage, 'key:a')).toMatchObject({ totalHits: i, isBlocked: false, timeToBlockExpire: 0 });
    now += 10_000;
    expect(await hit(storage, 'key:a')).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    expect(await hit(storage, 'key:b')).toMatchObject({ totalHits: 1, isBlocked: false });
    now += 30_000;
    expect(await hit(storage, 'key:a')).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now += 30_000;
    expect(await hit(storage, 'key:a')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('starts a fresh window once the last one is over', async () => {
    const storage = new FixedWindowThrottlerStorage(clock);
    await hit(storage, 'key:c');
    await hit(storage, 'key:c');
    now += 60_000;
    expect(await hit(storage, 'key:c')).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
  });
});
