import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ADMIN_KEY, removeDataDir, tempDataDir } from './support/ledger-app';
import { launch, waitForUrl } from './support/service-process';

// Each test starts real processes; on a busy machine that outlasts jest's default.
jest.setTimeout(180_000);

describe('the service as a process', () => {
  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['EVENT_STORE', { EVENT_STORE: 'mysql' }],
    ['ESDB_CONNECTION_STRING', { EVENT_STORE: 'eventstoredb' }],
    ['ESDB_CONNECTION_STRING', { EVENT_STORE: 'eventstoredb', ESDB_CONNECTION_STRING: 'http://localhost:2113' }],
    ['ESDB_STREAM_PREFIX', { EVENT_STORE: 'eventstoredb', ESDB_CONNECTION_STRING: 'esdb://localhost:2113?tls=false', ESDB_STREAM_PREFIX: '$all' }],
    ['LEDGER_ADMIN_KEY', { LEDGER_ADMIN_KEY: 'short' }],
    ['LEDGER_SQLITE_SYNCHRONOUS', { LEDGER_SQLITE_SYNCHRONOUS: 'OFF' }],
    ['LEDGER_SEAL_KEY', { LEDGER_SEAL_KEY: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----' }],
    ['LEDGER_SEAL_EVERY_EVENTS', { LEDGER_SEAL_EVERY_EVENTS: '0' }],
  ])('refuses to start with a bad %s and names it', async (name, env) => {
    const dataDir = tempDataDir();
    const started = launch({ LEDGER_DATA_DIR: dataDir, ...env });
    const { code } = await started.exited;
    expect(code).toBe(78);
    expect(started.output()).toContain(`bad setting ${name}:`);
    removeDataDir(dataDir);
  });

  it('generates the first coordinator key into the data directory and logs its path, not the key', async () => {
    const dataDir = tempDataDir();
    const started = launch({ LEDGER_DATA_DIR: dataDir });
    const url = await waitForUrl(started);
    const keyFile = join(dataDir, 'admin.key');
    expect(started.output()).toContain(`coordinator key generated into ${keyFile}`);
    const key = require('node:fs').readFileSync(keyFile, 'utf8').trim() as string;
    expect(started.output()).not.toContain(key);
    const response = await fetch(`${url}/v1/api-keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    started.child.kill('SIGTERM');
    await started.exited;
    removeDataDir(dataDir);
  });

  it('on SIGTERM finishes the commands in flight, loses none it acknowledged, and closes the store', async () => {
    const dataDir = tempDataDir();
    const started = launch({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_KEY: ADMIN_KEY });
    const url = await waitForUrl(started);
    const admin = (path: string, body: object) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => response.json() as Promise<Record<string, string>>);
    await admin('/v1/partners', { isil: 'ID-JKPNRI', name: 'Perpustakaan Nasional' });
    await admin('/v1/partners', { isil: 'DE-1', name: 'Staatsbibliothek zu Berlin' });
    const { agreementId } = await admin('/v1/agreements', {
      title: 'Loans',
      focalPoint: 'DE-1',
      members: ['ID-JKPNRI', 'DE-1'],
      forms: ['loans'],
      startsOn: '2020-01-01',
      terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90 },
    });
    const { key } = await admin('/v1/api-keys', { role: 'librarian', isil: 'ID-JKPNRI' });

    // SIGTERM goes out as soon as the first command is acknowledged, so the rest are in flight or queued.
    let signalled = false;
    const requests = Array.from({ length: 60 }, (_, i) =>
      fetch(`${url}/v1/loans`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ agreementId, lender: 'DE-1', item: { title: `In flight ${i}` } }),
        signal: AbortSignal.timeout(15_000),
      }).then(
        async (response) => {
          if (!signalled && response.status === 201) {
            signalled = true;
            started.child.kill('SIGTERM');
          }
          return { status: response.status, body: (await response.json()) as { loanId?: string } };
        },
        (error: Error) => ({ status: error.name === 'TimeoutError' ? -1 : 0, body: {} as { loanId?: string } }),
      ),
    );
    const answers = await Promise.all(requests);
    const exit = await started.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(started.output()).toContain('event store closed');

    const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.body.loanId!);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(answers.filter((a) => ![201, 503, 0].includes(a.status))).toEqual([]);
    const db = new BetterSqlite3(join(dataDir, 'ledger.db'), { readonly: true });
    const stored = new Set((db.prepare("SELECT stream_id FROM events WHERE type = 'LoanRequested'").all() as { stream_id: string }[]).map((r) => r.stream_id));
    db.close();
    for (const loanId of acknowledged) expect(stored).toContain(`loan-${loanId}`);
    removeDataDir(dataDir);
  });
});
