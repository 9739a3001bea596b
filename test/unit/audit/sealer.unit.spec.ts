import { randomUUID } from 'node:crypto';
import { storeAuditLog } from '../../../src/application/audit/log-reader';
import { MerkleBuilder } from '../../../src/application/audit/merkle';
import { SEAL_STREAM, sealData } from '../../../src/application/audit/seal';
import { SEAL_READ, Sealer } from '../../../src/application/audit/sealer';
import { sqliteAuditLog } from '../../../src/infrastructure/audit/sqlite-audit-log';
import type { EventStore, NewEvent } from '../../../src/application/ports/event-store.port';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { loopTurns } from '../../support/loop-turns';
import { sealKeysOf } from '../../support/seal-keys';

const event = (n: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'ServiceRendered',
  data: { n },
  metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c' },
});

/**
 * A store on which a command lands while each seal is written, as under
 * steady traffic: every append of a seal is followed by an ordinary one,
 * `traffic` times at most.
 */
const busyStore = (store: EventStore, traffic: number): EventStore => {
  let left = traffic;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'append') return Reflect.get(target, property, receiver) as unknown;
      return async (...args: Parameters<EventStore['append']>) => {
        const result = await target.append(...args);
        if (args[0] === SEAL_STREAM && left > 0) {
          left -= 1;
          await target.append(`service-busy-${left}`, [event(1000 + left)], 'no_stream');
        }
        return result;
      };
    },
  });
};

describe('the sealer', () => {
  it('seals what was recorded before it was asked, in seals of at most its size, and stops while traffic goes on', async () => {
    const inner = new SqliteEventStore(openSqliteDatabase(':memory:'), { ownsDatabase: true });
    const store = busyStore(inner, 20);
    const sealer = new Sealer({ store, log: storeAuditLog(store), keys: sealKeysOf(), clock: { now: () => new Date('2026-02-01T00:00:00Z') }, ids: { next: randomUUID } }, 4);
    for (let n = 1; n <= 10; n += 1) await store.append(`service-${n % 3}`, [event(n)], 'any');

    // Ten events in seals of at most four: three seals, each followed by a command; those wait for the next call.
    expect(await sealer.sealAll()).toBe(3);
    const seals = (await inner.readStream(SEAL_STREAM)).map(sealData);
    expect(seals.map(({ firstPosition, lastPosition, eventCount }) => [firstPosition, lastPosition, eventCount])).toEqual([
      ['1', '4', 4],
      ['5', '8', 4],
      ['9', '10', 2],
    ]);
    const head = await inner.headPosition();
    expect(Number(head)).toBeGreaterThan(Number(seals.at(-1)!.lastPosition));

    // The next call covers what came meanwhile (three seals, three commands: positions 11 to 16), and again no more.
    expect(head).toBe('16');
    expect(await sealer.sealAll()).toBe(2);
    const next = (await inner.readStream(SEAL_STREAM)).slice(3).map(sealData);
    expect(next.map(({ firstPosition, lastPosition }) => [firstPosition, lastPosition])).toEqual([
      ['11', '14'],
      ['15', '16'],
    ]);
    await inner.close();
  });

  it('reads a long range a part at a time, letting requests run between the parts, and covers every event of it', async () => {
    const db = openSqliteDatabase(':memory:');
    const store = new SqliteEventStore(db);
    const count = 3 * SEAL_READ + 7;
    for (let n = 1; n <= count; n += 1) await store.append(`service-${n}`, [event(n)], 'no_stream');
    const sealer = new Sealer({ store, log: sqliteAuditLog(db), keys: sealKeysOf(), clock: { now: () => new Date('2026-02-01T00:00:00Z') }, ids: { next: randomUUID } }, 1000);
    const turns = loopTurns();
    expect(await sealer.sealAll()).toBe(1);
    // Four parts: the loop turned between each and the next, besides the turns the append takes.
    expect(turns.stop()).toBeGreaterThanOrEqual(4);
    const [seal] = (await store.readStream(SEAL_STREAM)).map(sealData);
    const recorded = await store.readAll({ limit: count });
    const tree = new MerkleBuilder();
    for (const { hash } of recorded) tree.addHex(hash);
    expect(seal).toMatchObject({ firstPosition: '1', lastPosition: String(count), eventCount: count, merkleRoot: tree.root().toString('hex') });
    expect(Object.keys(seal.streamHeads)).toHaveLength(count);
    expect(seal.streamHeads[`service-${count}`]).toEqual({ version: 1, hash: recorded.at(-1)!.hash });
    await store.close();
    db.close();
  });
});
