import { randomUUID } from 'node:crypto';
import { storeAuditLog } from '../../../src/application/audit/log-reader';
import { SEAL_STREAM, sealData } from '../../../src/application/audit/seal';
import { Sealer } from '../../../src/application/audit/sealer';
import type { EventStore, NewEvent } from '../../../src/application/ports/event-store.port';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
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
});
