import { randomUUID } from 'node:crypto';
import { AuditService } from '../../../src/application/audit/audit.service';
import { readLinks, readStored, recordedOf, storeAuditLog, storedOf, type AuditLog, type LogLink, type StoredEvent } from '../../../src/application/audit/log-reader';
import { storedHashMatches } from '../../../src/application/audit/log-verifier';
import type { NewEvent } from '../../../src/application/ports/event-store.port';
import { sqliteAuditLog } from '../../../src/infrastructure/audit/sqlite-audit-log';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { loopTurns } from '../../support/loop-turns';
import { sealKeysOf } from '../../support/seal-keys';

const event = (n: number, padding = 0): NewEvent => ({
  eventId: randomUUID(),
  type: 'ServiceRendered',
  data: { n, text: 'x'.repeat(padding), z: 'é', a: [1.5, null, true] },
  metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c' },
});

/** 20 small events, then 10 of about 10 KB each (as a run of seals is), then 5 small ones. */
const logOf = async () => {
  const db = openSqliteDatabase(':memory:');
  const store = new SqliteEventStore(db);
  for (let n = 1; n <= 35; n += 1) await store.append(`service-${n % 3}`, [event(n, n > 20 && n <= 30 ? 10_000 : 0)], 'any');
  return { db, store, recorded: await store.readAll({ limit: 100 }) };
};

const bytesOf = (batch: readonly StoredEvent[]) => batch.reduce((sum, e) => sum + e.dataJson.length + e.metadataJson.length, 0);

const batchesOf = async (log: AuditLog, bounds: { limit: number; maxBytes: number }, after: string | null = null, to?: string) => {
  const batches: StoredEvent[][] = [];
  for await (const batch of readStored(log, after, to, bounds)) batches.push(batch);
  return batches;
};

describe('the audit read of the log', () => {
  it('gives the stored text of every event, the same from the SQLite rows as through the EventStore port', async () => {
    const { db, store, recorded } = await logOf();
    const raw = (await batchesOf(sqliteAuditLog(db), { limit: 7, maxBytes: 1 << 20 })).flat();
    const viaPort = (await batchesOf(storeAuditLog(store), { limit: 7, maxBytes: 1 << 20 })).flat();
    expect(raw).toEqual(recorded.map(storedOf));
    expect(viaPort).toEqual(raw);
    expect(raw.map(recordedOf)).toEqual(recorded);
    expect(raw.every(storedHashMatches)).toBe(true);
    await store.close();
    db.close();
  });

  it('bounds each batch by bytes as well as by count: a run of large events is read a few at a time', async () => {
    const { db, store, recorded } = await logOf();
    const small = bytesOf([storedOf(recorded[0])]);
    for (const log of [sqliteAuditLog(db), storeAuditLog(store)]) {
      const batches = await batchesOf(log, { limit: 10, maxBytes: 25_000 });
      expect(batches.flat().map((e) => e.position)).toEqual(recorded.map((e) => e.position));
      // A batch stops at the first event that reaches the bound: at most one event over it.
      for (const batch of batches) expect(bytesOf(batch.slice(0, -1))).toBeLessThan(25_000);
      expect(Math.max(...batches.map((batch) => batch.filter((e) => e.dataJson.length > 10_000).length))).toBeLessThanOrEqual(3);
      expect(Math.max(...batches.map(bytesOf))).toBeLessThan(25_000 + 10_000 + 2 * small);
    }
    await store.close();
    db.close();
  });

  it('stops at `to` and starts after `after`', async () => {
    const { db, store, recorded } = await logOf();
    const window = (await batchesOf(sqliteAuditLog(db), { limit: 4, maxBytes: 1 << 20 }, recorded[4].position, recorded[12].position)).flat();
    expect(window.map((e) => e.position)).toEqual(recorded.slice(5, 13).map((e) => e.position));
    await store.close();
    db.close();
  });

  it('gives the links of every event without its data, the same from the SQLite rows as through the port, in batches of the size asked, within the window', async () => {
    const { db, store, recorded } = await logOf();
    const links = recorded.map(({ position, streamId, streamVersion, type, hash }) => ({ position, streamId, streamVersion, type, hash }));
    for (const log of [sqliteAuditLog(db), storeAuditLog(store)]) {
      const batches: LogLink[][] = [];
      for await (const batch of readLinks(log, null, undefined, 8)) batches.push(batch);
      expect(batches.map((batch) => batch.length)).toEqual([8, 8, 8, 8, 3]);
      expect(batches.flat()).toEqual(links);
      const window: LogLink[] = [];
      for await (const batch of readLinks(log, recorded[4].position, recorded[12].position, 3)) window.push(...batch);
      expect(window).toEqual(links.slice(5, 13));
    }
    await store.close();
    db.close();
  });

  it('takes a stored text that is not the hashed text by what it holds, and refuses one that holds something else', async () => {
    const { db, store, recorded } = await logOf();
    const [stored] = (await batchesOf(sqliteAuditLog(db), { limit: 1, maxBytes: 1 << 20 }, null, recorded[0].position)).flat();
    const spaced = { ...stored, dataJson: JSON.stringify(JSON.parse(stored.dataJson), null, 2) };
    expect(spaced.dataJson).not.toBe(stored.dataJson);
    expect(storedHashMatches(spaced)).toBe(true);
    expect(storedHashMatches({ ...stored, dataJson: stored.dataJson.replace('"n":1', '"n":2') })).toBe(false);
    expect(storedHashMatches({ ...stored, dataJson: '{not json' })).toBe(false);
    await store.close();
    db.close();
  });
});

describe('the export', () => {
  const keys = sealKeysOf();

  const exported = async (service: AuditService) => {
    let text = '';
    for await (const chunk of service.exportStream({})) text += String(chunk);
    return text.trim().split('\n').map((line) => JSON.parse(line) as object);
  };

  it('writes one line per event, equal to the event read back, even for a row whose text spans lines', async () => {
    const { db, store } = await logOf();
    const [first] = await store.readAll({ limit: 1 });
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(first.data, null, 2), Number(first.position));
    const recorded = await store.readAll({ limit: 100 });
    const clock = { now: () => new Date('2026-02-01T00:00:00Z') };
    for (const log of [sqliteAuditLog(db), storeAuditLog(store)]) {
      const [header, ...events] = await exported(new AuditService(store, log, keys, clock));
      expect(header).toMatchObject({ format: 'resource-sharing-ledger/export@1' });
      expect(events).toEqual(recorded);
    }
    await store.close();
    db.close();
  });
  it('lets the event loop turn between batches, so a long read (a seal, a verification) does not hold every request', async () => {
    const { db, store, recorded } = await logOf();
    for (const log of [sqliteAuditLog(db), storeAuditLog(store)]) {
      // The SQLite reads never wait: without a turn between batches, nothing scheduled would run until the read ends.
      const turnsBefore: number[] = [];
      const turns = loopTurns();
      const read: StoredEvent[] = [];
      for await (const batch of readStored(log, null, undefined, { limit: 10, maxBytes: 1 << 20 })) {
        turnsBefore.push(turns.now());
        read.push(...batch);
      }
      turns.stop();
      expect(read.map((e) => e.position)).toEqual(recorded.map((e) => e.position));
      expect(turnsBefore).toHaveLength(4);
      // Each batch after the first comes after at least one more turn of the loop.
      for (let i = 1; i < turnsBefore.length; i += 1) expect(turnsBefore[i]).toBeGreaterThan(turnsBefore[i - 1]);
    }
    await store.close();
    db.close();
  });
});
