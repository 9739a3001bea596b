import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { fsync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditService } from '../../../src/application/audit/audit.service';
import { LEDGER_SEALED, SEAL_STREAM } from '../../../src/application/audit/seal';
import { jwkOf } from '../../../src/application/audit/seal-signature';
import type { NewEvent } from '../../../src/application/ports/event-store.port';
import { sqliteAuditLog } from '../../../src/infrastructure/audit/sqlite-audit-log';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';

const metadata = { actor: { role: 'system' as const }, correlationId: 'c', causationId: 'c' };
const service = (n: number): NewEvent => ({ eventId: randomUUID(), type: 'ServiceRendered', data: { n }, metadata });
/** A seal's shape as the head reads it (its range and signature are not checked here). */
const seal = (lastPosition: string): NewEvent => ({ eventId: randomUUID(), type: LEDGER_SEALED, data: { lastPosition, signature: 'x' }, metadata });

const keys = (() => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = jwkOf(createPublicKey(privateKey));
  return { signing: { kid: jwk.kid, privateKey }, published: [jwk] };
})();

describe('the signed head of the log on the embedded store (WAL synced off the event loop)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-audit-head-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names only a seal on disk: one whose sync is still held is named once that sync has ended', async () => {
    const held: Array<() => void> = [];
    const db = openSqliteDatabase(join(dir, 'ledger.sqlite'));
    const store = new SqliteEventStore(db, {
      ownsDatabase: true,
      syncWal: (fd) => new Promise<void>((resolve, reject) => held.push(() => fsync(fd, (error) => (error ? reject(error) : resolve())))),
    });
    const released = async <T>(appended: Promise<T>): Promise<T> => {
      while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
      held.shift()!();
      return appended;
    };
    const audit = new AuditService(store, sqliteAuditLog(db), keys, { now: () => new Date('2026-12-01T00:00:00Z') });

    const first = await released(store.append('service-1', [service(1)], 'no_stream'));
    const firstSeal = await released(store.append(SEAL_STREAM, [seal(first.position!)], 'no_stream'));
    const secondSealAppended = store.append(SEAL_STREAM, [seal(firstSeal.position!)], 1);
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));

    // The second seal is committed, not yet synced: the head stops at the first seal, as its position does.
    expect(await store.readLastOfStream(SEAL_STREAM)).toMatchObject({ streamVersion: 2 });
    const before = await audit.head();
    expect(before.position).toBe(firstSeal.position);
    expect(before.lastSeal).toMatchObject({ position: firstSeal.position, lastPosition: first.position });

    held.shift()!();
    const secondSeal = await secondSealAppended;
    const after = await audit.head();
    expect(after.position).toBe(secondSeal.position);
    expect(after.lastSeal).toMatchObject({ position: secondSeal.position, lastPosition: firstSeal.position });
    await store.close();
  });
});
