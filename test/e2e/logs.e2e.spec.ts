import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openSqliteDatabase } from '../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { DATABASE_FILE } from '../../src/infrastructure/ledger.module';
import { ADMIN_KEY, removeDataDir, tempDataDir } from './support/ledger-app';
import { eventually } from './support/eventually';
import { launch, waitForUrl, type Started } from './support/service-process';
import { startReceiver } from './support/webhook-receiver';

type Line = Record<string, unknown>;

describe('the structured log of the service as a process', () => {
  let dataDir: string;
  let started: Started;
  let url: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    started = launch({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'verbose' });
    url = await waitForUrl(started);
  });
  afterAll(async () => {
    started.child.kill('SIGTERM');
    await started.exited;
    removeDataDir(dataDir);
  });

  const lines = (): Line[] =>
    started
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Line);

  it('writes one JSON line per request with its ids, route, status and duration, and never a key', async () => {
    const issued = await fetch(`${url}/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', 'x-correlation-id': 'audit-run-7' },
      body: JSON.stringify({ role: 'auditor', label: 'log test' }),
    });
    expect(issued.status).toBe(201);
    const { id: auditorId, key: auditorKey } = (await issued.json()) as { id: string; key: string };
    const listed = await fetch(`${url}/v1/api-keys?x=1`, { headers: { authorization: `Bearer ${auditorKey}` } });
    expect(listed.status).toBe(403);
    const wrongKey = 'not-a-key-but-a-secret-all-the-same-0123';
    expect((await fetch(`${url}/v1/loans`, { headers: { authorization: `Bearer ${wrongKey}` } })).status).toBe(401);
    started.child.kill('SIGTERM');
    await started.exited;

    const requests = lines().filter((line) => line.event === 'http.request');
    expect(requests).toHaveLength(3);
    const [issue, refused, unknown] = requests;
    expect(issue).toMatchObject({
      level: 30,
      correlationId: 'audit-run-7',
      keyId: 'bootstrap-coordinator',
      method: 'POST',
      route: '/v1/api-keys',
      status: 201,
      reqId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      durationMs: expect.any(Number),
    });
    expect(refused).toMatchObject({ keyId: auditorId, route: '/v1/api-keys', status: 403 });
    expect(refused.correlationId).toBe(refused.reqId);
    expect(unknown).toMatchObject({ route: '/v1/loans', status: 401 });
    expect(unknown.keyId).toBeUndefined();

    const everything = started.output();
    for (const secret of [ADMIN_KEY, auditorKey, wrongKey]) expect(everything).not.toContain(secret);
    expect(everything.toLowerCase()).not.toContain('bearer');
  });

  it('names the service events with a stable event field', () => {
    const events = lines().map((line) => line.event);
    expect(events).toEqual(expect.arrayContaining(['ledger.started', 'ledger.listening', 'ledger.stopped']));
  });
});

describe('the service events in the log', () => {
  let dataDir: string;
  let started: Started;

  afterAll(() => removeDataDir(dataDir));

  it('writes one line each, with a stable event field, when a webhook is disabled and a seal is written', async () => {
    const receiver = await startReceiver(() => 500);
    dataDir = tempDataDir();
    started = launch({
      LEDGER_DATA_DIR: dataDir,
      LEDGER_ADMIN_KEY: ADMIN_KEY,
      LEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
      LEDGER_WEBHOOK_ALLOW_HTTP: 'true',
      LEDGER_WEBHOOK_MAX_FAILURES: '1',
      LEDGER_SEAL_EVERY_EVENTS: '1',
    });
    const url = await waitForUrl(started);
    const send = (path: string, body: object) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const webhook = (await (await send('/v1/webhooks', { url: receiver.url })).json()) as { id: string };
    expect((await send('/v1/partners', { isil: 'LG-1', name: 'Library of logs' })).status).toBe(201);
    const lines = () =>
      started
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Line);
    await eventually(() => expect(lines().filter((line) => line.event === 'webhook.disabled')).toHaveLength(1));
    await eventually(() => expect(lines().some((line) => line.event === 'seal.written')).toBe(true));
    started.child.kill('SIGTERM');
    await started.exited;
    await receiver.stop();

    const disabled = lines().filter((line) => line.event === 'webhook.disabled');
    expect(disabled).toEqual([expect.objectContaining({ level: 40, webhookId: webhook.id, ownerKeyId: 'bootstrap-coordinator', reason: expect.stringMatching(/answered 500/) })]);
    expect(lines().find((line) => line.event === 'seal.written')).toMatchObject({ level: 30, seals: expect.any(Number) });
    expect(lines().filter((line) => line.event === 'ledger.started')).toHaveLength(1);
  });
});

describe('a projection stuck at an event, in the log', () => {
  let dataDir: string;
  afterAll(() => removeDataDir(dataDir));

  it('writes a projection.stuck line naming the projection, the event and why', async () => {
    dataDir = tempDataDir();
    // A shipment that names no lender, appended straight through the port, past every command rule: no posting can be made of it.
    const store = new SqliteEventStore(openSqliteDatabase(join(dataDir, DATABASE_FILE)), { ownsDatabase: true });
    const eventId = randomUUID();
    const at = '2026-03-02T09:30:00.000Z';
    await store.append('loan-stuck-1', [
      { eventId, type: 'LoanShipped', data: { loanId: 'stuck-1', borrower: 'ID-JKPNRI', shippedAt: at, dueOn: '2099-01-01' }, metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c' } },
    ], 'no_stream');
    await store.close();

    const started = launch({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_KEY: ADMIN_KEY });
    await waitForUrl(started);
    const stuck = () =>
      started
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Line)
        .filter((line) => line.event === 'projection.stuck');
    try {
      await eventually(() => expect(stuck().length).toBeGreaterThanOrEqual(1));
    } finally {
      started.child.kill('SIGTERM');
      await started.exited;
    }
    expect(stuck()).toContainEqual(
      expect.objectContaining({ level: 40, projection: 'postings', eventId, type: 'LoanShipped', position: '1', resolution: 'stuck', error: expect.stringContaining('lender') }),
    );
  });
});

describe('the log for a terminal', () => {
  let dataDir: string;
  afterAll(() => removeDataDir(dataDir));

  it('is one readable line per entry with LOG_FORMAT=pretty, not JSON', async () => {
    dataDir = tempDataDir();
    const started = launch({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_KEY: ADMIN_KEY, LOG_FORMAT: 'pretty' });
    try {
      await waitForUrl(started);
    } finally {
      started.child.kill('SIGTERM');
      await started.exited;
    }
    const listening = started
      .output()
      .split('\n')
      .find((line) => line.includes('listening on http://'));
    expect(listening).toMatch(/^\[[\d:.]+\] INFO: listening on http:\/\/\S+ with data in .* \{.*"event":"ledger.listening"/);
    expect(started.output()).not.toContain(ADMIN_KEY);
  });
});
