import { aTarget as target, anAttempt as attempt } from '../support/delivery-targets';
import { PgDeliveryTargetStore } from '../../src/infrastructure/subscriptions/pg-delivery-target-store';
import { freshSchema, type TestSchema } from '../support/postgres';

/**
 * The delivery worker does not wait for one acknowledgement's write before the
 * next delivery, so the writes of a burst of deliveries are in flight together.
 * They must land in the order they were made: a checkpoint written for an
 * earlier event after a later one's would leave the stored checkpoint behind
 * what was acknowledged, and the next leader (or a restart after a graceful
 * stop) would send those events again.
 */
describe('the PostgreSQL store of delivery targets', () => {
  let db: TestSchema;
  beforeEach(async () => (db = await freshSchema()));
  afterEach(() => db.drop());

  it('keeps the checkpoint of the last acknowledgement when many are written without waiting', async () => {
    const store = await PgDeliveryTargetStore.open(db.pool(), db.schema);
    await store.create(target);
    for (let round = 0; round < 5; round += 1) {
      const writes: Promise<void>[] = [];
      for (let i = 1; i <= 100; i += 1) writes.push(store.acknowledge('t1', attempt(round * 100 + i)));
      await Promise.all(writes);
      expect((await store.find('t1'))?.checkpoint).toBe(String(round * 100 + 100));
    }
    // And the delivery log holds them in the order they were made.
    const logged = (await store.attempts('t1', null, 500)).map((a) => Number(a.position));
    expect(logged).toEqual([...logged].sort((a, b) => b - a));
  });

  it('orders a passed-over advance and a failure after the acknowledgements before them', async () => {
    const store = await PgDeliveryTargetStore.open(db.pool(), db.schema);
    await store.create(target);
    const writes: Promise<void>[] = [];
    for (let i = 1; i <= 50; i += 1) writes.push(store.acknowledge('t1', attempt(i)));
    writes.push(store.advance('t1', '60'));
    writes.push(store.failed('t1', attempt(61, false), 1, null));
    await Promise.all(writes);
    expect(await store.find('t1')).toMatchObject({ checkpoint: '60', failures: 1, enabled: true });
  });
});
