import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { EventSource } from 'eventsource';
import { LiveStreams } from '../../src/infrastructure/http/subscriptions/live-streams';
import { EVENT_CATALOGUE } from '../../src/domain/catalogue/event-catalogue';
import { eventually } from './support/eventually';
import { isbnNo } from './support/isbns';
import { ADMIN_KEY, bearer } from './support/ledger-app';
import { expectProblem, fieldsOf, PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER } from './support/world';

type Received = { id: string; type: string; data: { id: string; type: string; subject: string; data: { isil?: string }; position: string; isils: string } };

/** The position an `id:` names (before the dot and the start of the event's hash). */
const positionOf = (id: string) => id.split('.')[0];

/** An EventSource client with an API key, collecting every event it is sent. */
const follow = (url: string, key: string) => {
  const received: Received[] = [];
  const source = new EventSource(url, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...bearer(key) } }),
  });
  for (const { type } of EVENT_CATALOGUE) {
    source.addEventListener(type, (message) => received.push({ id: message.lastEventId, type: message.type, data: JSON.parse(message.data) }));
  }
  return { source, received };
};

describe('the live feed (Server-Sent Events)', () => {
  const { ledger, world, post, get, head } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000', LEDGER_SSE_HEARTBEAT_SECONDS: '1' } });
  const opened: EventSource[] = [];
  afterAll(() => opened.forEach((source) => source.close()));

  /** `writers` writers at once, each registering `each` partners with ISILs `<prefix><writer>-<n>`. */
  const write = (prefix: string, writers: number, each: number) =>
    Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let n = 0; n < each; n += 1) {
          const response = await post('/v1/partners', ADMIN_KEY, { isil: `${prefix}${writer}-${n}`, name: `Library ${writer}-${n}` });
          expect(response.status).toBe(201);
        }
      }),
    );

  it('sends every event after the start to a client, resuming with Last-Event-ID after a disconnect, with no gap and no duplicate', async () => {
    const start = await head();
    const client = follow(`${ledger().url}/v1/events/live?after=${start}`, ADMIN_KEY);
    opened.push(client.source);
    const writing = write('LV-', 4, 15);
    // Cut every live connection in the middle of the writing: the client reconnects on its own, sending Last-Event-ID.
    await eventually(() => expect(client.received.length).toBeGreaterThanOrEqual(20));
    await ledger().app.get(LiveStreams).closeAll();
    await writing;

    const log = (await get(`/v1/events?after=${start}&limit=1000`)).body.items as { eventId: string; position: string; type: string; streamId: string; hash: string }[];
    expect(log).toHaveLength(60);
    await eventually(() => expect(client.received.length).toBeGreaterThanOrEqual(60));
    // Each id is the event's position and the first 16 hex digits of its hash.
    expect(client.received.map((event) => event.id)).toEqual(log.map((event) => `${event.position}.${event.hash.slice(0, 16)}`));
    expect(client.received.map(({ type, data }) => ({ type, id: data.id, ceType: data.type, subject: data.subject }))).toEqual(
      log.map((event) => ({ type: event.type, id: event.eventId, ceType: `org.resourcesharing.ledger.${event.type}`, subject: event.streamId })),
    );
  });

  it('filters by type, category and partner, and shows a librarian only the events that involve its library', async () => {
    const start = await head();
    const filtered = follow(`${ledger().url}/v1/events/live?after=${start}&categories=holdings&partners=${LENDER.toLowerCase()}`, ADMIN_KEY);
    const librarian = follow(`${ledger().url}/v1/events/live?after=${start}`, world().keys[OUTSIDER]);
    // A type named twice in the query string is harmless: it counts once (a webhook's filter refuses it).
    const byType = follow(`${ledger().url}/v1/events/live?after=${start}&types=PartnerSuspended,PartnerSuspended`, ADMIN_KEY);
    opened.push(filtered.source, librarian.source, byType.source);

    for (const isil of [BORROWER, LENDER, OUTSIDER]) {
      const holdings = await post('/v1/holdings', world().keys[isil], { items: [{ isbn: '978-0-306-40615-7', title: 'Optics' }] });
      expect(holdings.status).toBe(201);
    }
    expect((await post(`/v1/partners/${OUTSIDER}/suspend`, ADMIN_KEY, { reason: 'audit' })).status).toBe(200);
    expect((await post(`/v1/partners/${OUTSIDER}/reinstate`, ADMIN_KEY, {})).status).toBe(200);

    await eventually(() => expect(librarian.received.map((event) => event.type)).toEqual(['HoldingsRegistered', 'PartnerSuspended', 'PartnerReinstated']));
    expect(librarian.received.every((event) => event.data.isils.split(' ').includes(OUTSIDER))).toBe(true);
    await eventually(() => expect(filtered.received.map((event) => [event.type, event.data.subject])).toEqual([['HoldingsRegistered', `holdings-${LENDER}`]]));
    await eventually(() => expect(byType.received.map((event) => event.data.data.isil)).toEqual([OUTSIDER]));
  });

  it('keeps an idle connection alive with a comment at every heartbeat', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${ledger().url}/v1/events/live`, { headers: bearer(ADMIN_KEY) }, (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
          if (body.includes(': heartbeat\n\n')) {
            req.destroy();
            resolve(body);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(text).toMatch(/^retry: 1000\n: connected\n\n(: heartbeat\n\n)+$/);
  });

  it('ends the feeds of a key once it is revoked: nothing recorded after the revocation reaches them', async () => {
    const issued = (await post('/v1/api-keys', ADMIN_KEY, { role: 'subscriber' })).body as { id: string; key: string };
    const start = await head();
    const client = follow(`${ledger().url}/v1/events/live?after=${start}`, issued.key);
    opened.push(client.source);
    expect((await post('/v1/partners', ADMIN_KEY, { isil: 'RV-1', name: 'Before the revocation' })).status).toBe(201);
    await eventually(() => expect(client.received.map((event) => event.data.data.isil)).toEqual(['RV-1']));

    expect((await ledger().http().delete(`/v1/api-keys/${issued.id}`).set(bearer(ADMIN_KEY))).status).toBe(200);
    expect((await post('/v1/partners', ADMIN_KEY, { isil: 'RV-2', name: 'After the revocation' })).status).toBe(201);
    // The feed was ended; the client came back with its key, was refused (401) and gave up.
    await eventually(() => expect(client.source.readyState).toBe(EventSource.CLOSED));
    expect(client.received.map((event) => event.data.data.isil)).toEqual(['RV-1']);
  });

  it('refuses a bad Last-Event-ID or filter with a problem, before streaming anything', async () => {
    const badId = await get('/v1/events/live').set('Last-Event-ID', 'yesterday');
    expectProblem(badId, 400, 'validation-failed');
    expect(fieldsOf(badId)).toEqual(['Last-Event-ID']);
    const badFilter = await get('/v1/events/live?types=LoanTeleported&categories=spaceship&partners=nope');
    expectProblem(badFilter, 400, 'validation-failed');
    expect(fieldsOf(badFilter)).toEqual(['categories', 'partners', 'types']);
    // A position the log has not reached (a client of another ledger, or of one restored from an older backup):
    // resumed from, the feed would leave out every event up to it without a word.
    const end = (await head())!;
    const beyond = (BigInt(end) + 1000n).toString();
    for (const asked of [get('/v1/events/live').set('Last-Event-ID', beyond), get(`/v1/events/live?after=${beyond}`)]) {
      const refused = await asked;
      expectProblem(refused, 409, 'beyond-head');
      expect(BigInt(refused.body.head)).toBeGreaterThanOrEqual(BigInt(end));
    }
    // An id whose position the log holds, but another event there: the feed cannot tell what the client missed.
    const [last] = (await get(`/v1/events?after=${BigInt(end) - 1n}&limit=1`)).body.items as { position: string; hash: string }[];
    const other = `${last.position}.${last.hash.startsWith('0') ? '1' : '0'}${last.hash.slice(1, 16)}`;
    for (const asked of [get('/v1/events/live').set('Last-Event-ID', other), get(`/v1/events/live?after=${other}`)]) {
      const refused = await asked;
      expectProblem(refused, 409, 'not-in-this-log');
      expect(refused.body.detail).toContain(`position ${last.position}`);
      expect(BigInt(refused.body.head)).toBeGreaterThanOrEqual(BigInt(end));
    }
    const malformed = await get(`/v1/events/live?after=${last.position}.${last.hash.slice(0, 15)}`);
    expectProblem(malformed, 400, 'validation-failed');
    expect(fieldsOf(malformed)).toEqual(['after']);
  });
});

/** The end of a chunked HTTP/1.1 body. */
const LAST_CHUNK = '\r\n0\r\n\r\n';

/**
 * A follower that stops reading, over a real TCP connection: it sends its
 * request and then reads nothing, so what the service writes fills the
 * kernel's buffers and then the service's own. `drain` reads again and
 * returns what it had been sent, and whether the service closed the
 * connection within CLOSED_WITHIN_MS of the last byte.
 */
const CLOSED_WITHIN_MS = 10_000;
const stalled = async (url: string, after: string, key: string) => {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(`GET /v1/events/live?after=${after} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: ${bearer(key).Authorization}\r\n\r\n`);
  socket.pause();
  return {
    drain: async (): Promise<{ text: string; closed: boolean }> => {
      let text = '';
      let timer: NodeJS.Timeout | undefined;
      const closed = await new Promise<boolean>((resolve) => {
        const quiet = () => {
          clearTimeout(timer);
          timer = setTimeout(() => resolve(false), CLOSED_WITHIN_MS);
        };
        socket.on('data', (chunk: Buffer) => {
          text += chunk.toString('latin1');
          quiet();
        });
        socket.once('end', () => resolve(true));
        socket.once('close', () => resolve(true));
        quiet();
        socket.resume();
      });
      clearTimeout(timer);
      socket.destroy();
      return { text: Buffer.from(text, 'latin1').toString('utf8'), closed };
    },
  };
};

describe('the live feed to a follower that stops reading', () => {
  const { ledger, world, post, head } = useLedger({
    env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000', LEDGER_SSE_HEARTBEAT_SECONDS: '1', LEDGER_SSE_BUFFER_BYTES: '1024' },
  });
  /**
   * The loopback takes some 4 MB for a reader that reads nothing (here the
   * sender's buffer grows to tcp_wmem's maximum) before the service's own
   * buffer fills. Registrations of 100 titles each, some 55 KB an event,
   * are written until the service cuts that reader off (at most 64 MB of
   * them, for a machine with larger buffers), then a few more.
   */
  const WRITERS = 4;
  const MOST = 1200;
  const AFTER_THE_CUT = 8;
  const items = Array.from({ length: 100 }, (_, n) => ({ isbn: isbnNo(80_000 + n), title: `${'A title long enough to fill the buffers '.repeat(12)}${n}` }));

  it('cuts that follower off, keeps every other one whole, and gives the cut one the rest when it resumes with Last-Event-ID', async () => {
    const start = (await head()) ?? '0';
    const streams = ledger().app.get(LiveStreams);
    const slow = await stalled(ledger().url, start, ADMIN_KEY);
    const reader = follow(`${ledger().url}/v1/events/live?after=${start}`, ADMIN_KEY);
    try {
      await eventually(() => expect(streams.size).toBe(2));
      let written = 0;
      const register = async () => {
        const response = await post('/v1/holdings', world().keys[LENDER], { items });
        expect(response.status).toBe(201);
        written += 1;
      };
      await Promise.all(Array.from({ length: WRITERS }, async () => {
        while (streams.size === 2 && written < MOST) await register();
      }));
      // The one that reads nothing is let go: its stream ends while the other's stays open.
      await eventually(() => expect(streams.size).toBe(1));
      for (let n = 0; n < AFTER_THE_CUT; n += 1) await register();
      const end = Number(await head());
      const all = Array.from({ length: end - Number(start) }, (_, i) => String(Number(start) + 1 + i));
      expect(all).toHaveLength(written);

      // The follower that reads is not held back by the one that does not, and misses nothing.
      await eventually(() => expect(reader.received.length).toBe(all.length));
      expect(reader.received.map((event) => positionOf(event.id))).toEqual(all);
      expect(streams.size).toBe(1);

      // What it was sent before the cut is a gap-free prefix of the log, whole frames up to the last one it got.
      const { text, closed } = await slow.drain();
      expect(text).toMatch(/^HTTP\/1\.1 200 /);
      expect(text).toMatch(/^content-type: text\/event-stream/im);
      // The service closes that connection rather than keep it (and what the follower left unread) for another request.
      expect(closed).toBe(true);
      // When the rest could still be flushed, the response ends by telling the follower why, and when to come back.
      if (text.endsWith(LAST_CHUNK)) expect(text).toMatch(/: too far behind; reconnect with Last-Event-ID\nretry: \d+\n\n\r\n0\r\n\r\n$/);
      const received = [...text.matchAll(/^id: (\d+)\.[0-9a-f]{16}\nevent: HoldingsRegistered\ndata: .*\n\n/gm)].map((match) => match[1]);
      expect(received.length).toBeGreaterThan(0);
      expect(received.length).toBeLessThan(all.length);
      expect(received).toEqual(all.slice(0, received.length));

      // Resuming after the last event it got, it gets the rest, with no gap and no duplicate.
      const resumed = follow(`${ledger().url}/v1/events/live?after=${received[received.length - 1]}`, ADMIN_KEY);
      try {
        await eventually(() => expect(resumed.received.length).toBe(all.length - received.length));
        expect([...received, ...resumed.received.map((event) => positionOf(event.id))]).toEqual(all);
      } finally {
        resumed.source.close();
      }
    } finally {
      reader.source.close();
    }
  }, 120_000);
});

describe('the live feeds one key may hold open at once (LEDGER_LIVE_FEEDS_PER_KEY)', () => {
  const CAP = 3;
  const { ledger, post } = useLedger({ world: false, env: { LEDGER_LIVE_FEEDS_PER_KEY: String(CAP), LEDGER_SSE_HEARTBEAT_SECONDS: '2' } });
  type Feed = { status: number; headers: Record<string, string | string[] | undefined>; body: () => Promise<string>; close: () => void };
  const held: Feed[] = [];
  afterEach(() => held.splice(0).forEach((feed) => feed.close()));

  /** One feed over a connection of its own, on the loopback: answered once its status and headers come; `close` hangs up. */
  const open = (key: string) =>
    new Promise<Feed>((resolve, reject) => {
      const req = httpRequest(`${ledger().url}/v1/events/live`, { headers: bearer(key), agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        // A feed hung up on ends with an error (aborted): what it was sent is all there is.
        const ended = once(res, 'end').then(() => text, () => text);
        const feed = { status: res.statusCode!, headers: res.headers, body: () => ended, close: () => req.destroy() };
        held.push(feed);
        resolve(feed);
      });
      req.on('error', reject).end();
    });
  const subscriberKey = async () => (await post('/v1/api-keys', ADMIN_KEY, { role: 'subscriber' })).body.key as string;

  it('refuses one feed more than the cap with 429, saying the cap and when to retry; a closed feed frees its slot', async () => {
    const key = await subscriberKey();
    const feeds: Feed[] = [];
    for (let n = 0; n < CAP; n += 1) feeds.push(await open(key));
    expect(feeds.map((feed) => feed.status)).toEqual(Array(CAP).fill(200));

    const refused = await open(key);
    expect({ status: refused.status, type: refused.headers['content-type'], retryAfter: refused.headers['retry-after'] })
      .toEqual({ status: 429, type: expect.stringMatching(PROBLEM), retryAfter: '2' });
    expect(JSON.parse(await refused.body())).toMatchObject({
      type: 'urn:resource-sharing-ledger:problem:too-many-live-feeds',
      title: 'Too many requests',
      status: 429,
      code: 'too-many-live-feeds',
      detail: `this key already holds ${CAP} live feeds open, the most one key may hold at once on an instance (LEDGER_LIVE_FEEDS_PER_KEY); close one, or retry after 2 s (Retry-After)`,
    });

    // Another key is not held back by this one's feeds.
    expect((await open(await subscriberKey())).status).toBe(200);

    feeds[0].close();
    const again = await eventually(async () => {
      const feed = await open(key);
      expect(feed.status).toBe(200);
      return feed;
    });
    expect(again.status).toBe(200);
    expect((await open(key)).status).toBe(429);
  });
});
