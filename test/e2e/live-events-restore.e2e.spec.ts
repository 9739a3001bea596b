import { cpSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EventSource } from 'eventsource';
import { EVENT_CATALOGUE } from '../../src/domain/catalogue/event-catalogue';
import { eventually } from './support/eventually';
import { ADMIN_KEY, bearer, removeDataDir, startLedger, tempDataDir, type RunningLedger } from './support/ledger-app';
import { expectProblem } from './support/problems';

/** Every event a live feed sends, with its `id:`, from `after`. */
const follow = (url: string) => {
  const received: { id: string; eventId: string }[] = [];
  const source = new EventSource(url, { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...bearer(ADMIN_KEY) } }) });
  for (const { type } of EVENT_CATALOGUE) source.addEventListener(type, (message) => received.push({ id: message.lastEventId, eventId: (JSON.parse(message.data) as { id: string }).id }));
  return { source, received };
};

const register = async (ledger: RunningLedger, isils: string[]) => {
  for (const isil of isils) expect((await ledger.http().post('/v1/partners').set(bearer(ADMIN_KEY)).send({ isil, name: `Library ${isil}` })).status).toBe(201);
};

const logOf = async (ledger: RunningLedger) =>
  (await ledger.http().get('/v1/events?limit=1000').set(bearer(ADMIN_KEY))).body.items as { eventId: string; position: string }[];

/**
 * A ledger restored from an older copy gives the positions after the copy's
 * head to new events. A subscriber that saw the lost events resumes with an
 * id whose position the restored log reaches again: a position alone would
 * let it resume there and never see the new events before it.
 */
describe('the live feed and the log read after a restore from an older copy', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDataDir));

  it('refuses an id of an event the restored log lost, 409 not-in-this-log, and resumes after one it holds', async () => {
    const original = tempDataDir();
    const copy = join(tempDataDir(), 'copy');
    dirs.push(original, copy);
    let ledger = await startLedger(original);
    await register(ledger, ['RS-1', 'RS-2', 'RS-3']);
    await ledger.stop();
    // The copy, taken while the service was stopped (the process lock is not copied, as `backup` leaves it).
    cpSync(original, copy, { recursive: true, filter: (source) => basename(source) !== 'ledger.pid' });
    const shared = (await (async () => {
      ledger = await startLedger(original);
      return logOf(ledger);
    })())[1];

    // The subscriber follows the original until it has seen events the copy does not hold.
    await register(ledger, ['RS-4', 'RS-5', 'RS-6']);
    const subscriber = follow(`${ledger.url}/v1/events/live?after=0`);
    const lost = await logOf(ledger);
    await eventually(() => expect(subscriber.received.map((event) => event.eventId)).toEqual(lost.map((event) => event.eventId)));
    subscriber.source.close();
    const lastSeen = subscriber.received.at(-1)!.id;
    const sharedId = subscriber.received[1].id;
    expect(subscriber.received[1].eventId).toBe(shared.eventId);
    await ledger.stop();

    // Restored: the log grows again past the position of the last event the subscriber saw.
    ledger = await startLedger(copy);
    try {
      await register(ledger, ['RS-7', 'RS-8', 'RS-9', 'RS-10', 'RS-11', 'RS-12']);
      const restored = await logOf(ledger);
      expect(BigInt(restored.at(-1)!.position)).toBeGreaterThan(BigInt(lastSeen.split('.')[0]));
      expect(restored.map((event) => event.eventId)).not.toContain(lost.at(-1)!.eventId);

      for (const asked of [ledger.http().get('/v1/events/live').set(bearer(ADMIN_KEY)).set('Last-Event-ID', lastSeen), ledger.http().get(`/v1/events/live?after=${lastSeen}`).set(bearer(ADMIN_KEY))]) {
        const refused = await asked;
        expectProblem(refused, 409, 'not-in-this-log');
        expect(refused.body.head).toBe(restored.at(-1)!.position);
      }

      // A follower that pulls the log is told the same when it resumes from the id of the last event it read.
      const polled = await ledger.http().get(`/v1/events?after=${lastSeen}`).set(bearer(ADMIN_KEY));
      expectProblem(polled, 409, 'not-in-this-log');
      const fromShared = await ledger.http().get(`/v1/events?after=${sharedId}&limit=1000`).set(bearer(ADMIN_KEY));
      expect(fromShared.body.items.map((event: { eventId: string }) => event.eventId)).toEqual(
        restored.slice(restored.findIndex((event) => event.eventId === shared.eventId) + 1).map((event) => event.eventId),
      );

      // From an event both logs hold, the feed resumes and gives every event of the restored log after it.
      const resumed = follow(`${ledger.url}/v1/events/live?after=${sharedId}`);
      try {
        const after = restored.slice(restored.findIndex((event) => event.eventId === shared.eventId) + 1);
        await eventually(() => expect(resumed.received.map((event) => event.eventId)).toEqual(after.map((event) => event.eventId)));
      } finally {
        resumed.source.close();
      }
    } finally {
      await ledger.stop();
    }
  });
});
