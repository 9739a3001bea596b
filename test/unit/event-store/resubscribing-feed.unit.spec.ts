import { Subject, firstValueFrom, lastValueFrom, take, tap, toArray } from 'rxjs';
import type { Position, RecordedEvent } from '../../../src/application/ports/event-store.port';
import { resubscribingFeed, type FeedConnection } from '../../../src/infrastructure/event-store/eventstoredb/resubscribing-feed';

const event = (position: number): RecordedEvent => ({
  eventId: `e${position}`,
  type: 'ThingHappened',
  streamId: 'thing-1',
  streamVersion: position,
  position: String(position),
  data: {},
  metadata: { actor: { role: 'coordinator' }, correlationId: 'c', causationId: 'c', recordedAt: '2024-01-01T00:00:00.000Z' },
  prevHash: '0'.repeat(64),
  hash: '0'.repeat(64),
});

/**
 * A server log of `size` events whose subscriptions fail after `dropAfter`
 * events and, on reconnection, send again the last `overlap` events before
 * the asked position (as a server answering from a checkpoint would).
 */
const flakyServer = (size: number, dropAfter: number, overlap: number) => {
  const opened: (Position | null)[] = [];
  const open = (after: Position | null): FeedConnection => {
    opened.push(after);
    const start = Math.max(1, (after === null ? 0 : Number(after)) + 1 - overlap);
    async function* events() {
      let sent = 0;
      for (let p = start; p <= size; p += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        yield event(p);
        sent += 1;
        if (sent === dropAfter) throw new Error('connection reset');
      }
      await new Promise(() => undefined); // then live: nothing more arrives
    }
    return { events: events(), stop: async () => undefined };
  };
  return { open, opened };
};

describe('a feed that resubscribes after drops', () => {
  it('delivers every event once, in order, across drops and replays', async () => {
    const server = flakyServer(100, 7, 3);
    const events = await lastValueFrom(resubscribingFeed(server.open, null, new Subject(), { retryDelaysMs: [1] }).pipe(take(100), toArray()));

    expect(events.map((e) => Number(e.position))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(server.opened.length).toBeGreaterThan(10);
    expect(server.opened.slice(1)).toEqual(server.opened.slice(1).map((_, i) => String(7 * (i + 1) - 3 * i)));
  });

  it('starts after the position it is given', async () => {
    const server = flakyServer(20, 50, 0);
    const first = await firstValueFrom(resubscribingFeed(server.open, '12', new Subject()));
    expect(first.position).toBe('13');
    expect(server.opened).toEqual(['12']);
  });

  it('completes when the store closes', async () => {
    const closing$ = new Subject<void>();
    const server = flakyServer(3, 50, 0);
    // The store closes once the log's three events are in (the feed is then live, waiting): the feed completes with them.
    let received = 0;
    const done = lastValueFrom(
      resubscribingFeed(server.open, null, closing$).pipe(
        tap(() => {
          received += 1;
          // After this event has gone on downstream: closing completes the feed at once.
          if (received === 3) setImmediate(() => closing$.next());
        }),
        toArray(),
      ),
    );
    await expect(done).resolves.toHaveLength(3);
  });

  it('gives up with the last error after too many drops in a row with nothing received', async () => {
    const open = (): FeedConnection => ({
      events: (async function* () {
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('node unreachable');
      })(),
      stop: async () => undefined,
    });
    await expect(firstValueFrom(resubscribingFeed(open, null, new Subject(), { retryDelaysMs: [1], maxFailures: 3 }))).rejects.toThrow('node unreachable');
  });

  it('stops the server subscription when unsubscribed', async () => {
    let stopped = 0;
    const open = (): FeedConnection => ({
      events: (async function* () {
        yield event(1);
        await new Promise(() => undefined);
      })(),
      stop: async () => {
        stopped += 1;
      },
    });
    await firstValueFrom(resubscribingFeed(open, null, new Subject()));
    expect(stopped).toBe(1);
  });
});
