import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Principal } from '../../../src/application/access/access.service';
import { LedgerMetrics } from '../../../src/application/operations/ledger-metrics';
import { systemClock } from '../../../src/application/ports/clock.port';
import type { StoredAnswer } from '../../../src/application/ports/idempotency-store.port';
import { IdempotentAnswers } from '../../../src/infrastructure/http/idempotency/idempotency';
import { SqliteIdempotencyStore } from '../../../src/infrastructure/idempotency/sqlite-idempotency-store';

const PRINCIPAL = { keyId: 'key-1', role: 'librarian', isil: 'ID-JKPNRI' } as unknown as Principal;
const digestOf = (url: string, body: object) => createHash('sha256').update(canonicalize({ method: 'POST', url, body }) as string).digest('hex');

/**
 * Another instance on the same store answers the same key between this
 * instance's lookup and its save (the race the store's save settles): the
 * hooks must send the answer kept, not their own.
 */
class RacedStore extends SqliteIdempotencyStore {
  competitor: StoredAnswer | undefined;
  failure: Error | undefined;

  override async save(scope: string, key: string, answer: StoredAnswer): Promise<StoredAnswer> {
    if (this.failure) throw this.failure;
    if (this.competitor) await super.save(scope, key, this.competitor);
    return super.save(scope, key, answer);
  }
}

describe('Idempotency-Key hooks when another instance keeps its answer first', () => {
  let app: FastifyInstance;
  let store: RacedStore;
  let runs = 0;

  beforeEach(async () => {
    store = new RacedStore(new Database(':memory:'));
    app = Fastify();
    app.addHook('onRequest', (request, _reply, done) => {
      (request as typeof request & { principal: Principal }).principal = PRINCIPAL;
      done();
    });
    new IdempotentAnswers(store, systemClock, new LedgerMetrics()).install(app, new Set(['POST /things']));
    app.post('/things', async (request, reply) => {
      runs += 1;
      // Long enough for a retry sent at the same moment to arrive while this one runs.
      if ((request.body as { slow?: boolean }).slow) await new Promise((resolve) => setTimeout(resolve, 100));
      return reply.status(201).send({ thing: `made here, run ${runs}` });
    });
    await app.ready();
  });
  afterEach(() => app.close());

  const post = (key: string, body: object) => app.inject({ method: 'POST', url: '/things', headers: { 'idempotency-key': key }, payload: body });

  it('sends the answer the other instance kept, with its status', async () => {
    const body = { name: 'one' };
    store.competitor = { requestDigest: digestOf('/things', body), status: 200, body: { thing: 'made there' }, createdAt: '2026-12-01T00:00:00.000Z' };
    const answer = await post('k-1', body);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.json()).toEqual({ thing: 'made there' });
    store.competitor = undefined;
    expect((await post('k-1', body)).json()).toEqual({ thing: 'made there' });
  });

  it('refuses with 422 when the other instance kept the key for another request', async () => {
    store.competitor = { requestDigest: digestOf('/things', { name: 'other' }), status: 201, body: { thing: 'other' }, createdAt: '2026-12-01T00:00:00.000Z' };
    const answer = await post('k-2', { name: 'mine' });
    expect(answer.statusCode).toBe(422);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json()).toMatchObject({ code: 'idempotency-key-reused', instance: '/things', errors: [{ field: 'Idempotency-Key' }] });
  });

  it('answers 500 to the request and to the retry waiting on it when the answer cannot be kept, and keeps nothing', async () => {
    store.failure = new Error('disk full');
    const before = runs;
    const [first, waiting] = await Promise.all([post('k-4', { name: 'four', slow: true }), post('k-4', { name: 'four', slow: true })]);
    expect([first.statusCode, waiting.statusCode]).toEqual([500, 500]);
    expect(runs).toBe(before + 1);
    store.failure = undefined;
    const ran = runs;
    expect((await post('k-4', { name: 'four', slow: true })).statusCode).toBe(201);
    expect(runs).toBe(ran + 1);
  });

  it('sends its own answer when it kept it, and replays it without running again', async () => {
    const first = await post('k-3', { name: 'three' });
    expect(first.statusCode).toBe(201);
    const ran = runs;
    const again = await post('k-3', { name: 'three' });
    expect([again.statusCode, again.json()]).toEqual([201, first.json()]);
    expect(runs).toBe(ran);
  });
});
