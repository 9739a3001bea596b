import { randomUUID } from 'node:crypto';
import { AuditService } from '../../../src/application/audit/audit.service';
import { LEDGER_SEALED, SEAL_STREAM } from '../../../src/application/audit/seal';
import type { NewEvent } from '../../../src/application/ports/event-store.port';
import { sqliteAuditLog } from '../../../src/infrastructure/audit/sqlite-audit-log';
import { heldSyncStore } from '../../support/held-sync-store';
import { sealKeysOf } from '../../support/seal-keys';

const metadata = { actor: { role: 'system' as const }, correlationId: 'c', causationId: 'c' };
const service = (n: number): NewEvent => ({ eventId: randomUUID(), type: 'ServiceRendered', data: { n }, metadata });
/** A seal's shape as the head reads it (its range and signature are not checked here). */
const seal = (lastPosition: string): NewEvent => ({ eventId: randomUUID(), type: LEDGER_SEALED, data: { lastPosition, signature: 'x' }, metadata });

const keys = sealKeysOf();

describe('what the audit API shows of the log on the embedded store (WAL synced off the event loop)', () => {
  it('names only a seal on disk: one whose sync is still held is named once that sync has ended', async () => {
    const { db, store, asked, releaseUntil, close } = heldSyncStore();
    const audit = new AuditService(store, sqliteAuditLog(db), keys, { now: () => new Date('2026-12-01T00:00:00Z') });
    try {
      const first = await releaseUntil(store.append('service-1', [service(1)], 'no_stream'));
      const firstSeal = await releaseUntil(store.append(SEAL_STREAM, [seal(first.position!)], 'no_stream'));
      const secondSealAppended = store.append(SEAL_STREAM, [seal(firstSeal.position!)], 1);
      await asked();

      // The second seal is committed, not yet synced: the head stops at the first seal, as its position does.
      expect(await store.readLastOfStream(SEAL_STREAM)).toMatchObject({ streamVersion: 2 });
      const before = await audit.head();
      expect(before.position).toBe(firstSeal.position);
      expect(before.lastSeal).toMatchObject({ position: firstSeal.position, lastPosition: first.position });

      const secondSeal = await releaseUntil(secondSealAppended);
      const after = await audit.head();
      expect(after.position).toBe(secondSeal.position);
      expect(after.lastSeal).toMatchObject({ position: secondSeal.position, lastPosition: firstSeal.position });
    } finally {
      await close();
    }
  });

  it('gives no proof of an event whose sync is held, nor says it is there: not found, then not yet sealed once on disk', async () => {
    const { db, store, asked, releaseUntil, close } = heldSyncStore();
    const audit = new AuditService(store, sqliteAuditLog(db), keys, { now: () => new Date('2026-12-01T00:00:00Z') });
    try {
      const event = service(1);
      const appended = store.append('service-1', [event], 'no_stream');
      await asked();
      await expect(audit.proof(event.eventId)).rejects.toMatchObject({ code: 'event-not-found' });
      await releaseUntil(appended);
      await expect(audit.proof(event.eventId)).rejects.toMatchObject({ code: 'event-not-sealed' });
    } finally {
      await close();
    }
  });
});
