import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { bearer } from './support/ledger-app';
import { PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER } from './support/world';
import { startEarlyInRateWindow } from './support/rate-window';

describe('limits and provenance', () => {
  const { ledger, world, post, get } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '30', LEDGER_BODY_LIMIT_BYTES: '4096' } });
  let borrower: string;

  beforeAll(async () => {
    borrower = world().keys[BORROWER];
  });

  it('records who acted, the correlation id sent and the request that caused it', async () => {
    const response = await ledger()
      .http()
      .post('/v1/loans')
      .set(bearer(borrower))
      .set('X-Correlation-Id', 'ticket-4711')
      .send({ agreementId: world().agreementId, lender: 'DE-1', item: { title: 'Provenance' } });
    expect(response.status).toBe(201);
    const [event] = await ledger().app.get<EventStore>(EVENT_STORE).readStream(response.body.streamId);
    const keys = (await get('/v1/api-keys')).body.items as { id: string; isil: string }[];
    expect(event.metadata).toMatchObject({
      actor: { keyId: keys.find((k) => k.isil === 'ID-JKPNRI')!.id, role: 'librarian', library: 'ID-JKPNRI' },
      correlationId: 'ticket-4711',
      causationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(event.metadata.causationId).not.toBe('ticket-4711');
  });

  it('refuses a body over the limit with 413 naming the body, writing nothing', async () => {
    const head = await ledger().app.get<EventStore>(EVENT_STORE).headPosition();
    const response = await post('/v1/loans', borrower, { lender: 'DE-1', item: { title: 'x'.repeat(5000) } });
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.errors[0].field).toBe('body');
    expect(await ledger().app.get<EventStore>(EVENT_STORE).headPosition()).toBe(head);
  });

  it('limits requests per key with 429 and Retry-After, without touching other keys', async () => {
    const other = world().keys[LENDER];
    await startEarlyInRateWindow();
    const statuses: number[] = [];
    let limited: { headers: Record<string, string>; body: { code: string } } | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const response = await get('/v1/loans', borrower);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(limited).toBeDefined();
    expect(limited!.headers['content-type']).toMatch(PROBLEM);
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited!.body.code).toBe('too-many-requests');
    expect((limited!.body as { detail?: string }).detail).toMatch(/^this key has made its \d+ requests a minute; retry after \d+ s \(Retry-After\)$/);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect((await get('/v1/loans', other)).status).toBe(200);
  });
});
