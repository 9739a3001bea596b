import { connect } from 'node:net';
import fc from 'fast-check';
import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { declaredRoutes as routesOf } from '../../src/infrastructure/http/routes';
import { MAX_JSON_DEPTH } from '../../src/infrastructure/http/validation/json-body';
import { declaredRoutes } from './support/declared-routes';
import { ADMIN_KEY, bearer, librarianKey } from './support/ledger-app';
import { PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';

/**
 * Every command route the app declares (every POST but key issuing), read from the controllers. ISO 18626
 * messages are answered with the standard's confirmation instead (tested below and in iso18626.e2e.spec.ts).
 */
const ISO18626 = 'POST /v1/iso18626';
const COMMAND_ROUTES = declaredRoutes()
  .filter((route) => route.startsWith('POST ') && route !== 'POST /v1/api-keys' && route !== ISO18626)
  .map((route) => route.slice('POST '.length));

/** Names class-transformer would skip without a word. */
const SKIPPED_NAMES = ['__proto__', 'constructor', 'prototype'] as const;

/** Text with a UTF-16 surrogate that has no pair (JSON.stringify writes it as a \\u escape). */
const loneSurrogate = fc
  .tuple(fc.string({ maxLength: 5 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 5 }))
  .map(([before, unit, after]) => `${before}${String.fromCharCode(unit)}@${after}`);

/** Arrays and objects nested past the limit, under a field or as the whole body. */
const deepJson = fc
  .tuple(fc.integer({ min: MAX_JSON_DEPTH + 1, max: 5000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
  .map(([depth, open, underField]) => {
    const nested = open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth);
    return { raw: underField ? `{"item":${nested}}` : nested };
  });

/** Numbers JavaScript writes with an exponent, or that are not quite what they seem. */
const oddNumber = fc.constantFrom(1e-7, 5e-324, 1e21, 1.005, -0, 2.5e-3, Number.MAX_SAFE_INTEGER + 2);

const jsonish = fc.oneof(
  deepJson,
  fc.record({ contactEmail: loneSurrogate, name: fc.oneof(loneSurrogate, fc.string()), isil: fc.constant('DE-99') }),
  fc.record({ units: oddNumber, kind: fc.constant('cataloguing'), recipient: fc.constant('DE-1') }),
  fc.anything({ maxDepth: 3 }),
  fc.json({ maxDepth: 3 }).map((text) => ({ raw: text })),
  fc.dictionary(fc.constantFrom('lender', 'item', 'reason', 'dueOn', 'title', ...SKIPPED_NAMES, 'x'), fc.anything({ maxDepth: 2 })),
  fc.record({
    lender: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant('DE-1')),
    item: fc.oneof(fc.anything({ maxDepth: 2 }), fc.record({ title: fc.oneof(fc.string({ maxLength: 600 }), fc.integer()) })),
    extra: fc.anything({ maxDepth: 1 }),
  }),
  fc.string().map((text) => ({ raw: text })),
);

/** Path segments the router itself refuses: bad %-encoding, an encoded lone surrogate, more than 100 characters. */
const hostileSegment = fc.oneof(
  fc.constantFrom('%FF', '%E0%A4%A', '%', '%ED%A0%80', '%C0%AF', 'a%00b'),
  fc.string({ minLength: 101, maxLength: 400, unit: 'grapheme-ascii' }).map(encodeURIComponent),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);

/** Hundreds of real requests each: a bound for a loaded machine, not a speed requirement. */
const PROPERTY_TIMEOUT_MS = 180_000;

const header = fc.option(fc.string({ maxLength: 300 }), { nil: undefined });

describe('hostile input on every route', () => {
  const { ledger } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' }, world: false });
  let key: string;

  beforeAll(async () => {
    const registered = await ledger().http().post('/v1/partners').set(bearer(ADMIN_KEY)).send({ isil: 'ID-JKPNRI', name: 'Perpustakaan Nasional' });
    if (registered.status !== 201) throw new Error(`could not register ID-JKPNRI: ${registered.status} ${registered.text}`);
    key = await librarianKey(ledger(), 'ID-JKPNRI');
  });

  it('covers every command route', () => expect(COMMAND_ROUTES.length).toBeGreaterThanOrEqual(11));

  /** A 4xx problem document; a 400 names every field it refuses. */
  const expectRefusal = (response: { status: number; headers: Record<string, string>; body: { code?: unknown; errors?: { field: unknown }[] } }) => {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(typeof response.body.code).toBe('string');
    if (response.status === 400) {
      expect(response.body.errors!.length).toBeGreaterThan(0);
      for (const error of response.body.errors!) expect(error.field).toEqual(expect.any(String));
    }
  };

  it('answers only 4xx problem+json naming the field, never 5xx, and writes nothing', async () => {
    const store = ledger().app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMAND_ROUTES),
        fc.oneof(fc.string({ maxLength: 80 }), fc.uuid()),
        jsonish,
        header,
        header,
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', ''),
        async (route, id, body, idempotencyKey, correlationId, contentType) => {
          const path = route.replace(/:[A-Za-z]+/g, encodeURIComponent(id) || '%20');
          const request = ledger().http().post(path).set(bearer(key));
          if (idempotencyKey !== undefined) request.set('Idempotency-Key', idempotencyKey.replace(/[\r\n]/g, ''));
          if (correlationId !== undefined) request.set('X-Correlation-Id', correlationId.replace(/[\r\n]/g, ''));
          if (contentType) request.set('Content-Type', contentType);
          const raw = typeof body === 'object' && body !== null && 'raw' in body ? (body as { raw: string }).raw : undefined;
          expectRefusal(await request.send(raw ?? JSON.stringify(body) ?? ''));
        },
      ),
      { numRuns: 400 },
    );
    expect(await store.headPosition()).toBe(head);
  }, PROPERTY_TIMEOUT_MS);

  it('answers hostile bodies to POST /v1/iso18626 with an ERROR confirmation in XML, never 5xx, and writes nothing', async () => {
    const store = ledger().app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const xmlish = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('<ISO18626Message/>', '<a><b></a>', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', '<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" version="1.2"><request/></ISO18626Message>'),
      jsonish.map((body) => (typeof body === 'object' && body !== null && 'raw' in body ? (body as { raw: string }).raw : JSON.stringify(body) ?? '')),
    );
    await fc.assert(
      fc.asyncProperty(xmlish, fc.constantFrom('application/xml', 'text/xml', 'application/xml; charset=utf-8'), async (body, contentType) => {
        const response = await ledger().http().post('/v1/iso18626').set(bearer(key)).set('Content-Type', contentType).send(body);
        expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(/^application\/xml/) });
        expect(response.text).toMatch(/<messageStatus>ERROR<\/messageStatus>[\s\S]*<errorType>/);
      }),
      { numRuns: 60 },
    );
    expect(await store.headPosition()).toBe(head);
  }, PROPERTY_TIMEOUT_MS);

  it('answers every route with a hostile path segment as a 4xx problem, never the router\'s own JSON', async () => {
    const store = ledger().app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const routes = declaredRoutes().filter((route) => route.includes(':'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), hostileSegment, async (route, segment) => {
        const [method, path] = route.split(' ');
        const request = ledger().http()[method.toLowerCase() as 'get' | 'post' | 'delete'](path.replace(/:[A-Za-z]+/g, segment || '%20'));
        expectRefusal(await request.set(bearer(ADMIN_KEY)));
      }),
      { numRuns: 200 },
    );
    expect(await store.headPosition()).toBe(head);
  }, PROPERTY_TIMEOUT_MS);

  it('answers every list with hostile query parameters with data or a 4xx problem', async () => {
    const lists = routesOf()
      // The live feed never ends its answer; its own tests send it bad parameters.
      .filter((route) => route.method === 'GET' && !route.path.includes(':') && !route.public && route.path !== '/v1/events/live')
      .map((route) => ({ path: route.path, strict: route.query !== undefined }));
    const query = fc.dictionary(
      fc.constantFrom(...SKIPPED_NAMES, 'limit', 'cursor', 'asOf', 'from', 'to', 'unit', 'status', 'isbn', 'x'),
      fc.oneof(fc.string({ maxLength: 40 }), loneSurrogate, fc.integer().map(String)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...lists), query, async ({ path, strict }, parameters) => {
        const search = new URLSearchParams(Object.entries(parameters)).toString();
        const response = await ledger().http().get(`${path}?${search}`).set(bearer(ADMIN_KEY));
        if (response.status >= 300) expectRefusal(response);
        // A list with a query DTO refuses unknown parameters, these names included; the others take no parameters at all.
        if (strict && SKIPPED_NAMES.some((name) => Object.hasOwn(parameters, name))) expect(response.status).toBe(400);
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

/** The classes a fuzzer driven by /docs-json found answering 500 or slipping through (issue 8), each pinned down. */
describe('what the fuzzer found', () => {
  const { ledger, world, post, head } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' } });
  const raw = (path: string, key: string, text: string) =>
    ledger().http().post(path).set(bearer(key)).set('Content-Type', 'application/json').send(text);
  const validLoan = () => ({ agreementId: world().agreementId, lender: 'DE-1', item: { title: 'Max Havelaar' } });

  it('refuses JSON nested 3,000 deep on every command route with 400 naming the body', async () => {
    const before = await head();
    const deep = `{"item":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    for (const route of COMMAND_ROUTES) {
      const response = await raw(route.replace(/:[A-Za-z]+/g, '0b5c7a44-62b4-4f6e-9d4e-4c1b0c1f8a11'), ADMIN_KEY, deep).set('Idempotency-Key', `deep-${route}`);
      expect({ route, status: response.status, errors: response.body.errors }).toEqual({
        route,
        status: 400,
        errors: [{ field: 'body', message: `must not nest arrays and objects more than ${MAX_JSON_DEPTH} deep` }],
      });
    }
    expect(await head()).toBe(before);
  });

  it('takes JSON nested exactly to the limit as far as validation', async () => {
    const nested = `${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}`;
    const response = await raw('/v1/loans', world().keys['ID-JKPNRI'], `{"agreementId":"${world().agreementId}","lender":"DE-1","item":{"title":"x"},"extra":${nested}}`);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['extra']);
  });

  it('refuses a lone surrogate in contactEmail with 400 naming the field', async () => {
    const response = await post('/v1/partners', ADMIN_KEY, { isil: 'DE-98', name: 'Hostile', contactEmail: 'a\ud800@example.org' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'contactEmail', message: expect.stringContaining('lone surrogate') }]);
  });

  it.each([
    ['a control character in a loan\'s title', { item: { title: 'Babad \u0001 Tanah Jawi' } }, 'item.title'],
    ['a NUL in a loan\'s author', { item: { title: 'Babad Tanah Jawi', author: 'Anon\u0000' } }, 'item.author'],
    ['U+FFFF in a loan\'s note', { item: { title: 'Babad Tanah Jawi', note: 'fine \uffff' } }, 'item.note'],
    ['an escape in a loan\'s publisher', { item: { title: 'Babad Tanah Jawi', publisher: 'Balai \u001b[31mPustaka' } }, 'item.publisher'],
  ])('refuses %s with 400 naming the field, writing nothing (XML, PostgreSQL and the word index cannot carry them)', async (_, change, field) => {
    const before = await head();
    const response = await post('/v1/loans', world().keys['ID-JKPNRI'], { ...validLoan(), ...change });
    expect({ status: response.status, errors: response.body.errors }).toEqual({
      status: 400,
      errors: [{ field, message: `${field} must not hold control characters (tabs and line breaks are taken)` }],
    });
    expect(await head()).toBe(before);
    // Tabs and line breaks are text.
    expect((await post('/v1/loans', world().keys['ID-JKPNRI'], { ...validLoan(), item: { title: 'Babad', note: 'first line\n\tsecond\r\n' } })).status).toBe(201);
  });

  it('answers an HTTP/1.1 request without a Host header, or with two, 400 problem+json naming Host; HTTP/1.0 needs none', async () => {
    const { hostname, port } = new URL(ledger().url);
    const exchange = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => socket.end(text));
        let answer = '';
        socket.setEncoding('utf8').on('data', (chunk) => (answer += chunk)).on('end', () => resolve(answer)).on('error', reject);
        socket.setTimeout(5_000, () => socket.destroy(new Error('no answer in 5 s')));
      });
    const noHost = await exchange('GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(noHost).toMatch(/^HTTP\/1\.1 400 /);
    expect(noHost).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(noHost.slice(noHost.indexOf('\r\n\r\n') + 4)).errors).toEqual([{ field: 'Host', message: 'an HTTP/1.1 request must name its Host' }]);
    expect(await exchange('GET /health/live HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
    const twoHosts = await exchange('GET /health/live HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n');
    expect(twoHosts).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(twoHosts.slice(twoHosts.indexOf('\r\n\r\n') + 4)).errors).toEqual([{ field: 'Host', message: 'a request must name its Host once' }]);
    expect(await exchange(`GET /health/live HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('refuses a query parameter on every keyed route that takes none, naming it, after the key and its role', async () => {
    const auditor = (await post('/v1/api-keys', ADMIN_KEY, { role: 'auditor' })).body.key as string;
    const subscriber = (await post('/v1/api-keys', ADMIN_KEY, { role: 'subscriber' })).body.key as string;
    const before = await head();
    const queryFree = routesOf().filter((route) => route.query === undefined && !route.public);
    expect(queryFree.length).toBeGreaterThan(20);
    for (const { method, path } of queryFree.filter((route) => route.path !== '/v1/iso18626')) {
      const url = `${path.replace(/:[A-Za-z]+/g, '0b5c7a44-62b4-4f6e-9d4e-4c1b0c1f8a11')}?minPosition=1&colour=red`;
      const send = (key: string) =>
        ledger().http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set(bearer(key)).send(method === 'GET' || method === 'DELETE' ? undefined : {});
      // With a key whose role may call the route (the others are told 403 first).
      let response = await send(ADMIN_KEY);
      for (const key of [world().keys['ID-JKPNRI'], auditor, subscriber]) if (response.status === 403) response = await send(key);
      expect({ route: `${method} ${path}`, status: response.status, type: response.headers['content-type'], fields: response.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
        route: `${method} ${path}`, status: 400, type: expect.stringMatching(PROBLEM), fields: ['minPosition', 'colour'],
      });
    }
    expect(await head()).toBe(before);
    // A key that may not call the route is told that first; without one, 401; public routes take what probes add.
    expect((await ledger().http().get('/v1/api-keys?colour=red').set(bearer(auditor))).status).toBe(403);
    expect((await ledger().http().get('/v1/api-keys?colour=red')).status).toBe(401);
    expect((await ledger().http().get('/health/live?probe=1')).status).toBe(200);
    expect((await ledger().http().get('/v1/api-keys').set(bearer(ADMIN_KEY))).status).toBe(200);
  });

  it('refuses a blank reason or title (spaces only) with 400 naming the field, as an empty one', async () => {
    const key = world().keys['ID-JKPNRI'];
    const loan = await post('/v1/loans', key, validLoan());
    expect(loan.status).toBe(201);
    const before = await head();
    const blankReason = await post(`/v1/loans/${loan.body.loanId}/cancel`, key, { reason: '   ' });
    expect({ status: blankReason.status, errors: blankReason.body.errors }).toEqual({ status: 400, errors: [{ field: 'reason', message: 'reason must not be blank' }] });
    const blankTitle = await post('/v1/loans', key, { ...validLoan(), item: { title: ' \t ' } });
    expect({ status: blankTitle.status, errors: blankTitle.body.errors }).toEqual({ status: 400, errors: [{ field: 'item.title', message: 'title must not be blank' }] });
    expect(await head()).toBe(before);
  });

  it('refuses a body that is not UTF-8 with 400, and one declared in another charset or content coding or as text/plain with 415', async () => {
    const before = await head();
    const key = world().keys['ID-JKPNRI'];
    const latin1 = Buffer.concat([Buffer.from('{"agreementId":"' + world().agreementId + '","lender":"DE-1","item":{"title":"Caf'), Buffer.from([0xe9]), Buffer.from('"}}')]);
    // The bytes as they are: superagent would send a Buffer as the JSON of its fields.
    const bytes = (contentType: string, body: Buffer) =>
      ledger().http().post('/v1/loans').set(bearer(key)).set('Content-Type', contentType).serialize(((buffer: Buffer) => buffer) as unknown as (body: unknown) => string).send(body);
    const notUtf8 = await bytes('application/json', latin1);
    expect({ status: notUtf8.status, type: notUtf8.headers['content-type'], errors: notUtf8.body.errors }).toEqual({
      status: 400, type: expect.stringMatching(PROBLEM), errors: [{ field: 'body', message: 'must be UTF-8 text' }],
    });
    const declared = await bytes('application/json; charset=iso-8859-1', latin1);
    expect({ status: declared.status, type: declared.headers['content-type'], field: declared.body.errors?.[0]?.field }).toEqual({
      status: 415, type: expect.stringMatching(PROBLEM), field: 'Content-Type',
    });
    const gzip = await ledger().http().post('/v1/loans').set(bearer(key)).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send(JSON.stringify(validLoan()));
    expect({ status: gzip.status, type: gzip.headers['content-type'], field: gzip.body.errors?.[0]?.field }).toEqual({ status: 415, type: expect.stringMatching(PROBLEM), field: 'Content-Type' });
    const plain = await ledger().http().post('/v1/loans').set(bearer(key)).set('Content-Type', 'text/plain').send(JSON.stringify(validLoan()));
    expect({ status: plain.status, type: plain.headers['content-type'] }).toEqual({ status: 415, type: expect.stringMatching(PROBLEM) });
    expect(await head()).toBe(before);
    // UTF-8 declared as such, or with a byte order mark, is JSON as ever.
    const utf8 = Buffer.from(JSON.stringify({ ...validLoan(), item: { title: 'Café Müller' } }));
    expect((await bytes('application/json; charset=UTF-8', utf8)).status).toBe(201);
    expect((await bytes('application/json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).status).toBe(201);
  });

  it.each(['de-ſ', 'de-ı', 'ſe-1'])('refuses %s, which upper-cases to an ISIL but is not one (ISO 15511 is ASCII)', async (isil) => {
    const before = await head();
    const response = await post('/v1/partners', ADMIN_KEY, { isil, name: 'Not ASCII' });
    expect({ status: response.status, field: response.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'isil' });
    const members = await post('/v1/agreements', ADMIN_KEY, { title: 'Not ASCII', focalPoint: 'DE-1', members: ['DE-1', isil], forms: ['loans'], startsOn: '2026-01-01', terms: {} });
    expect(members.status).toBe(400);
    expect(members.body.errors.map((error: { field: string }) => error.field)).toContain('members');
    expect(await head()).toBe(before);
  });

  it('names a lone surrogate inside a list by the element\'s place, as every other error names it', async () => {
    const before = await head();
    const response = await post('/v1/holdings', world().keys['ID-JKPNRI'], {
      items: [{ isbn: '9780306406157', title: 'Fine' }, { isbn: '9780306406157', title: 'Broken \ud800' }],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'items[1].title', message: expect.stringContaining('lone surrogate') }]);
    expect(await head()).toBe(before);
  });

  it('refuses units of 1e-7 with 400 naming the field, and still takes two decimals', async () => {
    const lender = world().keys['DE-1'];
    const service = { agreementId: world().agreementId, recipient: 'ID-JKPNRI', kind: 'cataloguing' };
    const tiny = await post('/v1/services', lender, { ...service, units: 1e-7 });
    expect(tiny.status).toBe(400);
    expect(tiny.body.errors.map((e: { field: string }) => e.field)).toEqual(['units']);
    expect((await post('/v1/services', lender, { ...service, units: 1.25 })).status).toBe(201);
  });

  it.each(SKIPPED_NAMES)('refuses an otherwise valid command with an unknown field named %s, at the top or nested', async (name) => {
    const before = await head();
    const key = world().keys['ID-JKPNRI'];
    const top = await raw('/v1/loans', key, JSON.stringify(validLoan()).replace(/^\{/, `{"${name}":{"x":1},`));
    const nested = await raw('/v1/loans', key, JSON.stringify(validLoan()).replace('"item":{', `"item":{"${name}":{"x":1},`));
    for (const [response, field] of [[top, name], [nested, `item.${name}`]] as const) {
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      // Fastify's parser refuses __proto__ as a whole; the others are named like any unknown field.
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([name === '__proto__' ? 'body' : field]);
    }
    expect(await head()).toBe(before);
    expect((await raw('/v1/loans', key, JSON.stringify(validLoan()))).status).toBe(201);
  });

  it.each(['constructor', 'prototype'])('refuses a query parameter named %s', async (name) => {
    const response = await ledger().http().get(`/v1/loans?${name}=1`).set(bearer(ADMIN_KEY));
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([name]);
  });

  it('tells a field left out that it is required, once, not every rule it has', async () => {
    const before = await head();
    const key = world().keys['ID-JKPNRI'];
    const decline = await raw('/v1/loans/0b5c7a44-62b4-4f6e-9d4e-4c1b0c1f8a11/decline', world().keys['DE-1'], '{}');
    const untitled = await raw('/v1/loans', key, JSON.stringify({ ...validLoan(), item: {} }));
    const nothing = await raw('/v1/loans', key, '{}');
    expect([decline, untitled].map((response) => [response.status, response.body.errors])).toEqual([
      [400, [{ field: 'reason', message: 'reason is required' }]],
      [400, [{ field: 'item.title', message: 'item.title is required' }]],
    ]);
    expect(nothing.body.errors).toEqual(expect.arrayContaining([
      { field: 'agreementId', message: 'agreementId is required' },
      { field: 'lender', message: 'lender is required' },
      { field: 'item', message: 'item is required' },
    ]));
    expect(nothing.body.errors).toHaveLength(3);
    expect(await head()).toBe(before);
  });

  it('names a query parameter with an empty name by the query, and a body member with one by the body', async () => {
    const before = await head();
    const query = await ledger().http().get('/v1/loans?=1').set(bearer(ADMIN_KEY));
    const body = await raw('/v1/loans', world().keys['ID-JKPNRI'], JSON.stringify({ ...validLoan(), '': 1 }));
    for (const [response, field] of [[query, 'query'], [body, 'body']] as const) {
      expect({ status: response.status, type: response.headers['content-type'], errors: response.body.errors }).toEqual({
        status: 400,
        type: expect.stringMatching(PROBLEM),
        errors: [{ field, message: 'a field with an empty name should not exist' }],
      });
    }
    expect(await head()).toBe(before);
  });

  it.each([
    ['a bad %-encoding', '/v1/loans/%FF', 400, 'bad-url'],
    ['a parameter over 100 characters', `/v1/loans/${'a'.repeat(150)}`, 414, 'max-param-length'],
  ])('answers %s as problem+json naming the path', async (_, path, status, code) => {
    const response = await ledger().http().get(path).set(bearer(ADMIN_KEY));
    expect({ status: response.status, code: response.body.code, fields: response.body.errors.map((e: { field: string }) => e.field) }).toEqual({
      status,
      code,
      fields: ['path'],
    });
    expect(response.headers['content-type']).toMatch(PROBLEM);
  });
});
