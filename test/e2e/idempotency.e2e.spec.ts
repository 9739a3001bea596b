import type { Database } from 'better-sqlite3';
import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { SQLITE_DATABASE } from '../../src/infrastructure/tokens';
import { ADMIN_KEY, bearer, removeDataDir, startLedger, tempDataDir, type RunningLedger } from './support/ledger-app';
import { startEarlyInRateWindow } from './support/rate-window';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, THIRD, establishWorld, type World } from './support/world';


describe('Idempotency-Key on commands', () => {
  const dataDir = tempDataDir();
  let ledger: RunningLedger;
  let borrower: string;
  let lender: string;
  let world: World;
  const loanBody = (title = 'Serat Centhini') => ({ agreementId: world.agreementId, lender: LENDER, item: { title } });

  beforeAll(async () => {
    ledger = await startLedger(dataDir);
    world = await establishWorld(ledger);
    borrower = world.keys[BORROWER];
    lender = world.keys[LENDER];
  });
  afterAll(async () => {
    await ledger.stop();
    removeDataDir(dataDir);
  });

  const store = () => ledger.app.get<EventStore>(EVENT_STORE);
  const allEvents = () => store().readAll({ limit: 100_000 });
  const send = (path: string, key: string | undefined, body: object, as = borrower) => {
    const request = ledger.http().post(path).set(bearer(as));
    return (key === undefined ? request : request.set('Idempotency-Key', key)).send(body);
  };

  it('answers a retry with the same status and body and writes nothing new', async () => {
    const first = await send('/v1/loans', 'retry-1', loanBody());
    expect(first.status).toBe(201);
    const head = await store().headPosition();
    const again = await send('/v1/loans', 'retry-1', loanBody());
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await store().headPosition()).toBe(head);
  });

  it('refuses the same key with another body with 422 naming the header', async () => {
    expect((await send('/v1/loans', 'retry-2', loanBody('One'))).status).toBe(201);
    const head = await store().headPosition();
    const other = await send('/v1/loans', 'retry-2', loanBody('Another'));
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.body).toMatchObject({ code: 'idempotency-key-reused', errors: [{ field: 'Idempotency-Key' }] });
    expect(await store().headPosition()).toBe(head);
  });

  it('keeps no answer for a body that could not be read, so the corrected body under the same key is taken', async () => {
    const head = await store().headPosition();
    const garbled = await ledger.http().post('/v1/loans').set(bearer(borrower)).set('Idempotency-Key', 'unread-1')
      .set('Content-Type', 'application/json').send('{"agreementId":');
    expect({ status: garbled.status, type: garbled.headers['content-type'] }).toEqual({ status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
    expect(await store().headPosition()).toBe(head);
    const corrected = await send('/v1/loans', 'unread-1', loanBody('Corrected'));
    expect(corrected.status).toBe(201);
    expect((await send('/v1/loans', 'unread-1', loanBody('Corrected'))).body).toEqual(corrected.body);
  });

  it('keeps keys of different API keys apart', async () => {
    const other = world.keys[THIRD];
    const mine = await send('/v1/loans', 'shared-name', loanBody());
    const theirs = await send('/v1/loans', 'shared-name', loanBody(), other);
    expect(theirs.status).toBe(201);
    expect(theirs.body.loanId).not.toBe(mine.body.loanId);
  });

  it('gives ten concurrent retries one set of events and ten identical answers', async () => {
    const before = (await allEvents()).length;
    const answers = await Promise.all(Array.from({ length: 10 }, () => send('/v1/loans', 'concurrent-1', loanBody('Concurrent'))));
    const after = await allEvents();
    expect(after.length - before).toBe(1);
    expect(after[after.length - 1].type).toBe('LoanRequested');
    expect(new Set(answers.map((a) => JSON.stringify([a.status, a.body]))).size).toBe(1);
    expect(answers[0].status).toBe(201);
  });

  it('replays a refusal as it was, even after the state has changed', async () => {
    const { loanId } = (await send('/v1/loans', undefined, loanBody())).body;
    const early = await send(`/v1/loans/${loanId}/ship`, 'ship-1', {}, lender);
    expect(early.status).toBe(409);
    expect((await send(`/v1/loans/${loanId}/accept`, undefined, {}, lender)).status).toBe(200);
    const retried = await send(`/v1/loans/${loanId}/ship`, 'ship-1', {}, lender);
    expect(retried.status).toBe(409);
    expect(retried.body).toEqual(early.body);
  });

  it('recognises a command already written when its kept answer was lost (a crash between the two)', async () => {
    const first = await send('/v1/loans', 'crash-1', loanBody('Crash'));
    expect(first.status).toBe(201);
    ledger.app.get<Database>(SQLITE_DATABASE).prepare("DELETE FROM idempotency_keys WHERE key = 'crash-1'").run();
    const before = (await allEvents()).length;
    const again = await send('/v1/loans', 'crash-1', loanBody('Crash'));
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await allEvents()).length).toBe(before);
  });

  it('treats a key reused for another request after its answer was forgotten as a new command', async () => {
    const first = await send('/v1/loans', 'reused-1', loanBody('First'));
    ledger.app.get<Database>(SQLITE_DATABASE).prepare("DELETE FROM idempotency_keys WHERE key = 'reused-1'").run();
    const before = (await allEvents()).length;
    const second = await send('/v1/loans', 'reused-1', loanBody('Second'));
    expect(second.status).toBe(201);
    expect(second.body.loanId).not.toBe(first.body.loanId);
    expect((await allEvents()).length).toBe(before + 1);
  });

  it('keeps answers across a restart', async () => {
    const first = await send('/v1/loans', 'restart-1', loanBody('Restart'));
    await ledger.stop();
    ledger = await startLedger(dataDir);
    const before = (await allEvents()).length;
    const again = await send('/v1/loans', 'restart-1', loanBody('Restart'));
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect((await allEvents()).length).toBe(before);
  });

  it('keeps a body refused by validation, replays it as a problem, and refuses the key with a valid body', async () => {
    const refused = await send('/v1/loans', 'invalid-1', { ...loanBody(), lender: 'not an ISIL' });
    expect(refused.status).toBe(400);
    const again = await send('/v1/loans', 'invalid-1', { ...loanBody(), lender: 'not an ISIL' });
    expect(again.status).toBe(400);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toEqual(refused.body);
    const head = await store().headPosition();
    expect((await send('/v1/loans', 'invalid-1', loanBody())).body.code).toBe('idempotency-key-reused');
    expect(await store().headPosition()).toBe(head);
  });

  it('refuses a malformed key', async () => {
    const response = await send('/v1/loans', 'with space', loanBody());
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });
});

describe('Idempotency-Key and the rate limit', () => {
  const { ledger } = useLedger({ world: false, env: { LEDGER_RATE_LIMIT_PER_MINUTE: '2' } });
  const partner = (key: string | undefined, isil: string) => {
    const request = ledger().http().post('/v1/partners').set(bearer(ADMIN_KEY));
    return (key === undefined ? request : request.set('Idempotency-Key', key)).send({ isil, name: `Library ${isil}` });
  };

  it('replays a kept answer without counting it, and does not keep a 429', async () => {
    await startEarlyInRateWindow();
    expect((await partner('limit-1', 'DE-101')).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await partner('limit-1', 'DE-101')).status).toBe(201);
    expect((await partner(undefined, 'DE-102')).status).toBe(201);
    const limited = await partner('limit-2', 'DE-103');
    expect(limited.status).toBe(429);
    // Had the 429 been kept, another body under its key would be refused as a reuse (422).
    expect((await partner('limit-2', 'DE-104')).status).toBe(429);
  });
});
