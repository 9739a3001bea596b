import fc from 'fast-check';
import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { declaredRoutes } from './support/declared-routes';
import { bearer, librarianKey } from './support/ledger-app';
import { useLedger } from './support/use-ledger';

/** Every command route the app declares (every POST but key issuing), read from the controllers. */
const COMMAND_ROUTES = declaredRoutes()
  .filter((route) => route.startsWith('POST ') && route !== 'POST /v1/api-keys')
  .map((route) => route.slice('POST '.length));

const jsonish = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.json({ maxDepth: 3 }).map((text) => ({ raw: text })),
  fc.dictionary(fc.constantFrom('lender', 'item', 'reason', 'dueOn', 'title', '__proto__', 'constructor', 'x'), fc.anything({ maxDepth: 2 })),
  fc.record({
    lender: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant('DE-1')),
    item: fc.oneof(fc.anything({ maxDepth: 2 }), fc.record({ title: fc.oneof(fc.string({ maxLength: 600 }), fc.integer()) })),
    extra: fc.anything({ maxDepth: 1 }),
  }),
  fc.string().map((text) => ({ raw: text })),
);

const header = fc.option(fc.string({ maxLength: 300 }), { nil: undefined });

describe('hostile input on every command route', () => {
  const { ledger } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' }, world: false });
  let key: string;

  beforeAll(async () => {
    key = await librarianKey(ledger(), 'ID-JKPNRI');
  });

  it('covers every command route', () => expect(COMMAND_ROUTES.length).toBeGreaterThanOrEqual(11));

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
          const response = await request.send(raw ?? JSON.stringify(body) ?? '');
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(typeof response.body.code).toBe('string');
          if (response.status === 400) {
            expect(response.body.errors.length).toBeGreaterThan(0);
            for (const error of response.body.errors) expect(error.field).toEqual(expect.any(String));
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(await store.headPosition()).toBe(head);
  });
});
