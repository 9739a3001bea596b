import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ApiKeyRecord } from '../../../src/application/ports/api-key-store.port';
import { CachingApiKeyStore } from '../../../src/infrastructure/access/caching-api-key-store';
import { SqliteApiKeyStore } from '../../../src/infrastructure/access/sqlite-api-key-store';

const record = (id: string): ApiKeyRecord => ({
  id, role: 'librarian', library: 'ID-JKPNRI', label: null, createdAt: '2025-03-01T12:00:00.000Z', createdBy: null, revokedAt: null,
});

describe('the API-key cache', () => {
  let directory: string;
  let databases: Database.Database[];
  let now = Date.parse('2025-03-01T12:00:00Z');
  const clock = { now: () => new Date(now) };
  /** Two instances sharing one database, as two processes on one file would. */
  const open = () => {
    const db = new Database(join(directory, 'keys.db'));
    databases.push(db);
    return new CachingApiKeyStore(new SqliteApiKeyStore(db), clock, 5);
  };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
    databases = [];
  });
  afterEach(() => {
    for (const db of databases) db.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('refuses a key revoked on this instance at once, and one revoked elsewhere once its entry expires', async () => {
    const here = open();
    const elsewhere = open();
    await here.insert(record('k1'), 'digest-1');
    await here.insert(record('k2'), 'digest-2');
    expect(await here.findByDigest('digest-1')).toMatchObject({ id: 'k1', revokedAt: null });
    expect(await elsewhere.findByDigest('digest-2')).toMatchObject({ id: 'k2', revokedAt: null });

    await here.revoke('k1', '2025-03-01T12:00:01.000Z');
    expect((await here.findByDigest('digest-1'))?.revokedAt).not.toBeNull();

    await here.revoke('k2', '2025-03-01T12:00:01.000Z');
    now += 4_000;
    expect((await elsewhere.findByDigest('digest-2'))?.revokedAt).toBeNull();
    now += 1_001;
    expect((await elsewhere.findByDigest('digest-2'))?.revokedAt).not.toBeNull();
  });

  it('never caches an unknown key: one issued elsewhere works at once', async () => {
    const here = open();
    const elsewhere = open();
    expect(await here.findByDigest('digest-3')).toBeNull();
    await elsewhere.insert(record('k3'), 'digest-3');
    expect(await here.findByDigest('digest-3')).toMatchObject({ id: 'k3' });
  });
});
