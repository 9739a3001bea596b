import { request as httpRequest } from 'node:http';
import { EventSource } from 'eventsource';
import { LiveStreams } from '../../src/infrastructure/http/subscriptions/live-streams';
import { EVENT_CATALOGUE } from '../../src/domain/catalogue/event-catalogue';
import { eventually } from './support/eventually';
import { ADMIN_KEY, bearer } from './support/ledger-app';
import { expectProblem, fieldsOf } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER } from './support/world';

type Received = { id: string; type: string; data: { id: string; type: string; subject: string; data: { isil?: string }; position: string; isils: string } };

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

    const log = (await get(`/v1/events?after=${start}&limit=1000`)).body.items as { eventId: string; position: string; type: string; streamId: string }[];
    expect(log).toHaveLength(60);
    await eventually(() => expect(client.received.length).toBeGreaterThanOrEqual(60));
    expect(client.received.map((event) => event.id)).toEqual(log.map((event) => event.position));
    expect(client.received.map(({ type, data }) => ({ type, id: data.id, ceType: data.type, subject: data.subject }))).toEqual(
      log.map((event) => ({ type: event.type, id: event.eventId, ceType: `org.resourcesharing.ledger.${event.type}`, subject: event.streamId })),
    );
  });

  it('filters by type, category and partner, and shows a librarian only the events that involve its library', async () => {
    const start = await head();
    const filtered = follow(`${ledger().url}/v1/events/live?after=${start}&categories=holdings&partners=${LENDER.toLowerCase()}`, ADMIN_KEY);
    const librarian = follow(`${ledger().url}/v1/events/live?after=${start}`, world().keys[OUTSIDER]);
    const byType = follow(`${ledger().url}/v1/events/live?after=${start}&types=PartnerSuspended`, ADMIN_KEY);
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

  it('refuses a bad Last-Event-ID or filter with a problem, before streaming anything', async () => {
    const badId = await get('/v1/events/live').set('Last-Event-ID', 'yesterday');
    expectProblem(badId, 400, 'validation-failed');
    expect(fieldsOf(badId)).toEqual(['Last-Event-ID']);
    const badFilter = await get('/v1/events/live?types=LoanTeleported&categories=spaceship&partners=nope');
    expectProblem(badFilter, 400, 'validation-failed');
    expect(fieldsOf(badFilter)).toEqual(['categories', 'partners', 'types']);
  });
});
