import Database from 'better-sqlite3';
import { aTarget as target, anAttempt as attempt } from '../../support/delivery-targets';
import { KEPT_ATTEMPTS, SqliteDeliveryTargetStore } from '../../../src/infrastructure/subscriptions/sqlite-delivery-target-store';

describe('the SQLite store of delivery targets', () => {
  const open = () => {
    const store = new SqliteDeliveryTargetStore(new Database(':memory:'));
    return store.create(target).then(() => store);
  };

  it('moves the checkpoint only with an acknowledged attempt, and disables with the reason given', async () => {
    const store = await open();
    await store.failed('t1', attempt(5, false), 1, null);
    expect(await store.find('t1')).toMatchObject({ checkpoint: null, failures: 1, enabled: true });
    await store.acknowledge('t1', attempt(5, true));
    expect(await store.find('t1')).toMatchObject({ checkpoint: '5', failures: 0, enabled: true, filter: target.filter, owner: target.owner });
    await store.failed('t1', attempt(9, false), 3, 'three in a row');
    expect(await store.find('t1')).toMatchObject({ checkpoint: '5', failures: 3, enabled: false, disabledReason: 'three in a row' });
    expect((await store.attempts('t1', null, 10)).map((a) => [a.position, a.ok])).toEqual([['9', false], ['5', true], ['5', false]]);
  });

  it("keeps a target's latest attempts and forgets older ones", async () => {
    const store = await open();
    for (let i = 1; i <= KEPT_ATTEMPTS + 250; i += 1) await store.failed('t1', attempt(i, false), i, null);
    const kept: string[] = [];
    for (let before: number | null = null; ; ) {
      const page = await store.attempts('t1', before, 500);
      if (page.length === 0) break;
      kept.push(...page.map((a) => a.position));
      before = page[page.length - 1].id;
    }
    expect(kept[0]).toBe(String(KEPT_ATTEMPTS + 250));
    expect(kept.length).toBeGreaterThanOrEqual(KEPT_ATTEMPTS);
    expect(kept.length).toBeLessThan(KEPT_ATTEMPTS + 100);
  });
});
