import type { ApiKeyRecord } from '../../src/application/ports/api-key-store.port';
import { PgApiKeyStore } from '../../src/infrastructure/access/pg-api-key-store';
import { PgIdempotencyStore } from '../../src/infrastructure/idempotency/pg-idempotency-store';
import { PgRateCounters } from '../../src/infrastructure/rate-limits/pg-rate-counters';
import { freshSchema, type TestSchema } from '../support/postgres';

/** What several instances on one PostgreSQL share besides the log: each "instance" here has a pool of its own. */
describe('the stores instances share on PostgreSQL', () => {
  let db: TestSchema;
  beforeEach(async () => (db = await freshSchema()));
  afterEach(() => db.drop());

  const record = (id: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
    id, role: 'librarian', library: 'DE-1', label: null, createdAt: '2026-12-01T10:00:00.000Z', createdBy: 'admin', revokedAt: null, ...overrides,
  });

  describe('API keys', () => {
    it('a key issued through one instance authenticates on the other, and a revocation there refuses it here', async () => {
      const [one, two] = await Promise.all([PgApiKeyStore.open(db.pool(), db.schema), PgApiKeyStore.open(db.pool(), db.schema)]);
      await one.insert(record('k1'), 'digest-1');
      expect(await two.findByDigest('digest-1')).toEqual(record('k1'));
      const revoked = await two.revoke('k1', '2026-12-01T11:00:00.000Z');
      expect(revoked?.revokedAt).toBe('2026-12-01T11:00:00.000Z');
      expect((await one.findByDigest('digest-1'))?.revokedAt).toBe('2026-12-01T11:00:00.000Z');
      // Revoking again keeps the first instant; an unknown id is null.
      expect((await one.revoke('k1', '2026-12-02T00:00:00.000Z'))?.revokedAt).toBe('2026-12-01T11:00:00.000Z');
      expect(await one.revoke('nope', '2026-12-02T00:00:00.000Z')).toBeNull();
    });

    it('refuses a second key with the same id or digest, lists in creation order, and replaces the bootstrap key only when its secret changes', async () => {
      const store = await PgApiKeyStore.open(db.pool(), db.schema);
      await store.insert(record('b', { createdAt: '2026-12-01T12:00:00.000Z' }), 'digest-b');
      await store.insert(record('a', { createdAt: '2026-12-01T13:00:00.000Z' }), 'digest-a');
      await expect(store.insert(record('a'), 'digest-other')).rejects.toThrow();
      await expect(store.insert(record('c'), 'digest-a')).rejects.toThrow();
      expect((await store.list()).map((key) => key.id)).toEqual(['b', 'a']);

      const bootstrap = record('bootstrap', { role: 'coordinator', library: null });
      expect(await store.upsert(bootstrap, 'secret-1')).toBe(true);
      await store.revoke('bootstrap', '2026-12-01T14:00:00.000Z');
      expect(await store.upsert(bootstrap, 'secret-1')).toBe(false);
      expect((await store.findByDigest('secret-1'))?.revokedAt).not.toBeNull();
      // Another secret takes the id; the revoked one is kept under an id of its own, and stays refused.
      expect(await store.upsert(bootstrap, 'secret-2')).toBe(true);
      expect(await store.findByDigest('secret-1')).toMatchObject({ id: 'bootstrap:2026-12-01T14:00:00.000Z', revokedAt: '2026-12-01T14:00:00.000Z' });
      expect((await store.findByDigest('secret-2'))?.revokedAt).toBeNull();
      expect(await store.upsert(bootstrap, 'secret-1')).toBe(false);
      expect(await store.findByDigest('secret-2')).toMatchObject({ id: 'bootstrap', revokedAt: null });
      // Instances starting together install the same secret, one at a time.
      const other = await PgApiKeyStore.open(db.pool(), db.schema);
      expect(await Promise.all([store.upsert(bootstrap, 'secret-3'), other.upsert(bootstrap, 'secret-3')])).toEqual([true, true]);
      expect(await store.findByDigest('secret-2')).toBeNull();
    });
  });

  describe('idempotency answers', () => {
    const answer = (status: number, createdAt = '2026-12-01T10:00:00.000Z') => ({ requestDigest: 'd', status, body: { status }, createdAt });

    it('keeps the first answer saved under a key, whichever instance saves second, and each gets that one back', async () => {
      const [one, two] = await Promise.all([PgIdempotencyStore.open(db.pool(), db.schema), PgIdempotencyStore.open(db.pool(), db.schema)]);
      const [first, second] = await Promise.all([one.save('key-1', 'retry-me', answer(201)), two.save('key-1', 'retry-me', answer(409))]);
      expect(first).toEqual(second);
      expect(await two.find('key-1', 'retry-me')).toEqual(first);
      expect(await one.find('key-2', 'retry-me')).toBeNull();
    });

    it('forgets answers older than the retention', async () => {
      const store = await PgIdempotencyStore.open(db.pool(), db.schema);
      await store.save('s', 'old', answer(201, '2026-11-01T00:00:00.000Z'));
      await store.save('s', 'new', answer(201, '2026-12-01T00:00:00.000Z'));
      expect(await store.purge('2026-11-15T00:00:00.000Z')).toBe(1);
      expect(await store.find('s', 'old')).toBeNull();
      expect(await store.find('s', 'new')).not.toBeNull();
    });
  });

  describe('rate counters', () => {
    // A clock in the middle of a minute, so no window ends during the test.
    const clock = { now: () => new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30_000) };
    const open = () => PgRateCounters.open(db.pool(), db.schema, clock, { syncMs: 60_000, onError: (error) => { throw error; } });

    it('counts a bucket across instances once they have synced, and each instance sees the total', async () => {
      const [one, two] = await Promise.all([open(), open()]);
      for (let i = 0; i < 3; i++) one.hit('key:a', 60_000);
      for (let i = 0; i < 2; i++) two.hit('key:a', 60_000);
      two.hit('key:b', 60_000);
      expect(one.peek('key:a', 60_000).hits).toBe(3);
      await one.sync();
      await two.sync();
      await one.sync();
      expect(one.peek('key:a', 60_000).hits).toBe(5);
      expect(two.peek('key:a', 60_000).hits).toBe(5);
      expect(two.hit('key:a', 60_000).hits).toBe(6);
      expect(one.peek('key:b', 60_000).hits).toBe(0); // never seen here: not fetched
      expect(two.peek('key:b', 60_000).hits).toBe(1);
      await Promise.all([one.close(), two.close()]);
    });

    it('keeps windows of different lengths apart', async () => {
      const counters = await open();
      counters.hit('x', 60_000);
      counters.hit('x', 1_000_000);
      await counters.sync();
      expect(counters.peek('x', 60_000).hits).toBe(1);
      expect(counters.peek('x', 1_000_000).hits).toBe(1);
      await counters.close();
    });
  });
});
