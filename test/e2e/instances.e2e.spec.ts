import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src/infrastructure/ledger.module';
import { ADMIN_KEY, removeDataDir, tempDataDir } from './support/ledger-app';
import { eventually } from './support/eventually';
import { isbnsFrom } from './support/isbns';
import { launch, waitForUrl, type Started } from './support/service-process';
import { yesterday } from './support/world';
import { startReceiver } from './support/webhook-receiver';
import { freshSchema, TEST_DATABASE_URL, type TestSchema } from '../support/postgres';
import { startEarlyInRateWindow } from './support/rate-window';

const CLI = join(__dirname, '../../dist/infrastructure/cli/cli.js');

// Real processes on a shared machine: generous guards, never timing assertions.
jest.setTimeout(300_000);

type Answer = { status: number; body: any; headers: Headers };

/** Several service processes on one PostgreSQL schema, as behind a load balancer. */
const cluster = (readStore: 'sqlite' | 'postgres') => {
  let db: TestSchema;
  const dataDirs: string[] = [];
  const processes: Started[] = [];
  const sealKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

  const start = async (env: Record<string, string> = {}): Promise<Started & { url: string; dataDir: string }> => {
    const dataDir = tempDataDir();
    dataDirs.push(dataDir);
    const started = launch({
      LEDGER_DATA_DIR: dataDir,
      LEDGER_ADMIN_KEY: ADMIN_KEY,
      LEDGER_SEAL_KEY: sealKey,
      EVENT_STORE: 'postgres',
      READ_STORE: readStore,
      DATABASE_URL: TEST_DATABASE_URL,
      LEDGER_PG_SCHEMA: db.schema,
      LEDGER_LEADER_CHECK_MS: '200',
      LEDGER_RATE_SYNC_MS: '100',
      LEDGER_RATE_LIMIT_PER_MINUTE: '1000000',
      LEDGER_SEAL_INTERVAL_SECONDS: '1',
      LEDGER_SCHEDULER_INTERVAL_SECONDS: '1',
      LEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
      LEDGER_WEBHOOK_ALLOW_HTTP: 'true',
      LEDGER_WEBHOOK_RETRY_BASE_MS: '200',
      ...env,
    });
    processes.push(started);
    return Object.assign(started, { url: await waitForUrl(started), dataDir });
  };

  beforeAll(async () => (db = await freshSchema()));
  afterAll(async () => {
    for (const started of processes) if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGTERM');
    await Promise.all(processes.map((started) => started.exited));
    for (const dir of dataDirs) removeDataDir(dir);
    await db.drop();
  });

  /** The CLI beside the running instances, on a data directory of its own. */
  const cli = (...args: string[]) => {
    const dataDir = tempDataDir();
    dataDirs.push(dataDir);
    const result = spawnSync(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', LEDGER_DATA_DIR: dataDir, EVENT_STORE: 'postgres', READ_STORE: readStore, DATABASE_URL: TEST_DATABASE_URL, LEDGER_PG_SCHEMA: db.schema },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };

  return { start, cli, db: () => db };
};

const call = async (url: string, method: string, path: string, key: string, body?: object, headers: Record<string, string> = {}): Promise<Answer> => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
};

const must = (answer: Answer, status: number): Answer => {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
};

/** The jobs a process's log says it leads now (the last word on each job wins). */
const leading = (started: Started): string[] => {
  const jobs = new Map<string, boolean>();
  for (const line of started.output().split('\n')) {
    const match = /"msg":"(now leading|no longer leading): (\w+)"/.exec(line);
    if (match) jobs.set(match[2], match[1] === 'now leading');
  }
  return [...jobs].filter(([, on]) => on).map(([job]) => job).sort();
};

describe.each(['sqlite', 'postgres'] as const)('two instances on one PostgreSQL (READ_STORE=%s)', (readStore) => {
  const { start, cli } = cluster(readStore);
  const elected = readStore === 'postgres' ? ['projections', 'scheduler', 'sealer', 'webhooks'] : ['scheduler', 'sealer', 'webhooks'];
  let a: Started & { url: string; dataDir: string };
  let b: Started & { url: string; dataDir: string };
  let agreementId: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const delivered = () => receiver.deliveries.filter((d) => d.answered < 300).map((d) => JSON.parse(d.body).subject as string);
  const libraries = Array.from({ length: 20 }, (_, i) => `XB-RACE${String(i).padStart(2, '0')}`);
  const keys: Record<string, { key: string; id: string }> = {};

  beforeAll(async () => {
    receiver = await startReceiver();
    a = await start();
    b = await start();
    // Instance by instance, alternately: every step must hold whichever instance takes it.
    for (const [i, isil] of libraries.entries()) {
      const url = i % 2 === 0 ? a.url : b.url;
      must(await call(url, 'POST', '/v1/partners', ADMIN_KEY, { isil, name: `Library ${isil}` }), 201);
      const issued = must(await call(url, 'POST', '/v1/api-keys', ADMIN_KEY, { role: 'librarian', isil }), 201);
      keys[isil] = { key: issued.body.key, id: issued.body.id };
    }
    const agreement = must(
      await call(a.url, 'POST', '/v1/agreements', ADMIN_KEY, {
        title: 'Twenty who buy together',
        focalPoint: libraries[0],
        members: libraries,
        forms: ['acquisitions', 'loans'],
        startsOn: yesterday(),
        terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90 },
      }),
      201,
    );
    agreementId = agreement.body.agreementId;
  });

  afterAll(() => receiver.stop());

  it(`makes the embedded file only when something lives there (READ_STORE=${readStore})`, () => {
    for (const instance of [a, b]) expect(existsSync(join(instance.dataDir, DATABASE_FILE))).toBe(readStore === 'sqlite');
  });

  it('elects the first instance for every singleton job, and only it', () => {
    expect(leading(a)).toEqual(elected);
    expect(leading(b)).toEqual([]);
  });

  it('lets exactly one of twenty libraries claiming one title at once, through both instances, win', async () => {
    const isbn = isbnsFrom(readStore === 'sqlite' ? 61_000 : 62_000)();
    const answers = await Promise.all(
      libraries.map((isil, i) => call(i % 2 === 0 ? a.url : b.url, 'POST', '/v1/acquisition-claims', keys[isil].key, { agreementId, isbn, title: 'Contested' })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    for (const refused of answers.filter((answer) => answer.status === 409)) expect(refused.body.code).toBe('title-already-claimed');
    // Both instances read the one winner, each waiting for its own write's position if it must.
    const winner = answers.find((answer) => answer.status === 201)!.body;
    for (const url of [a.url, b.url]) {
      const claim = must(await call(url, 'GET', `/v1/acquisition-claims/${isbn}?minPosition=${winner.position}`, ADMIN_KEY), 200);
      expect(claim.body).toMatchObject({ status: 'active', claimant: expect.stringMatching(/^XB-RACE/) });
    }
  });

  it('reads its own write on the other instance (minPosition)', async () => {
    const borrower = libraries[1];
    const requested = must(await call(a.url, 'POST', '/v1/loans', keys[borrower].key, { agreementId, lender: libraries[2], item: { title: 'Written on A' } }), 201);
    const read = must(await call(b.url, 'GET', `/v1/loans/${requested.body.loanId}?minPosition=${requested.body.position}`, keys[borrower].key), 200);
    expect(read.body).toMatchObject({ loanId: requested.body.loanId, status: 'requested', borrower });
  });

  it('replays an Idempotency-Key on the other instance: same answer, nothing written twice, another body refused', async () => {
    const borrower = libraries[3];
    const body = { agreementId, lender: libraries[4], item: { title: 'Asked once' } };
    const headers = { 'idempotency-key': `retry-${readStore}` };
    const first = must(await call(a.url, 'POST', '/v1/loans', keys[borrower].key, body, headers), 201);
    const retried = must(await call(b.url, 'POST', '/v1/loans', keys[borrower].key, body, headers), 201);
    expect(retried.body).toEqual(first.body);
    const stream = must(await call(b.url, 'GET', `/v1/streams/loan-${first.body.loanId}`, ADMIN_KEY), 200);
    expect(stream.body.events).toHaveLength(1);
    const other = await call(b.url, 'POST', '/v1/loans', keys[borrower].key, { ...body, item: { title: 'Another' } }, headers);
    expect([other.status, other.body.code]).toEqual([422, 'idempotency-key-reused']);
  });

  it('refuses on one instance a key revoked on the other', async () => {
    const issued = must(await call(a.url, 'POST', '/v1/api-keys', ADMIN_KEY, { role: 'auditor' }), 201);
    must(await call(b.url, 'GET', '/v1/partners', issued.body.key), 200);
    must(await call(b.url, 'DELETE', `/v1/api-keys/${issued.body.id}`, ADMIN_KEY), 200);
    const refused = await call(a.url, 'GET', '/v1/partners', issued.body.key);
    expect(refused.status).toBe(401);
  });

  it('counts one key’s requests on both instances against one limit', async () => {
    // A key of its own: one key's requests count together on every route, and the other tests used the libraries' keys.
    const { key } = must(await call(a.url, 'POST', '/v1/api-keys', ADMIN_KEY, { role: 'auditor' }), 201).body;
    // Each instance's count of this key, as its rate limit headers tell (a probe counts too).
    const seenBy = async (url: string) => {
      const answer = must(await call(url, 'GET', '/v1/partners?limit=1', key), 200);
      return Number(answer.headers.get('x-ratelimit-limit')) - Number(answer.headers.get('x-ratelimit-remaining'));
    };
    await startEarlyInRateWindow();
    for (let i = 0; i < 10; i++) await seenBy(a.url);
    for (let i = 0; i < 10; i++) await seenBy(b.url);
    // A counted its 10 and learns B's 10 at its next sync with the table; each probe adds one.
    let probes = 0;
    await eventually(async () => {
      probes += 1;
      expect(await seenBy(a.url)).toBe(10 + 10 + probes);
    }, 50, 200);
  });

  it('delivers a webhook registered through the follower: the leader delivers it', async () => {
    must(await call(b.url, 'POST', '/v1/webhooks', ADMIN_KEY, { url: receiver.url, types: ['PartnerRegistered'] }), 201);
    // Registered on B at the head of the log: what is recorded from now on, through either instance, A delivers.
    const isil = `XC-${readStore}`.toUpperCase();
    must(await call(a.url, 'POST', '/v1/partners', ADMIN_KEY, { isil, name: 'Registered after the webhook' }), 201);
    await eventually(() => expect(delivered()).toContain(`partner-${isil}`), 600, 100);
    expect(leading(b)).toEqual([]);
  });

  // With READ_STORE=sqlite each instance folds its own file: there is nothing shared to refuse.
  if (readStore === 'postgres') {
    it('refuses a rebuild of the shared read models while an instance folds them', () => {
      const { status, output } = cli('rebuild');
      expect({ status, output }).toEqual({ status: 1, output: expect.stringContaining('stop every instance first') });
    });
  }

  it('hands every job to the survivor within seconds when the leader is killed, and the survivor serves reads and writes', async () => {
    a.child.kill('SIGKILL');
    await a.exited;
    await eventually(() => expect(leading(b)).toEqual(elected), 600, 100);

    const borrower = libraries[6];
    const requested = must(await call(b.url, 'POST', '/v1/loans', keys[borrower].key, { agreementId, lender: libraries[7], item: { title: 'After the failover' } }), 201);
    const read = must(await call(b.url, 'GET', `/v1/loans/${requested.body.loanId}?minPosition=${requested.body.position}`, keys[borrower].key), 200);
    expect(read.body.status).toBe('requested');
    // The dispatcher runs on the survivor now, from the webhook's checkpoint.
    const isil = `XD-${readStore}`.toUpperCase();
    must(await call(b.url, 'POST', '/v1/partners', ADMIN_KEY, { isil, name: 'After the failover' }), 201);
    await eventually(() => expect(delivered()).toContain(`partner-${isil}`), 600, 100);
    // The sealer runs on the survivor now: the new event is sealed.
    await eventually(async () => {
      const verified = must(await call(b.url, 'GET', '/v1/audit/verify', ADMIN_KEY), 200);
      expect(verified.body).toMatchObject({ verified: true, unsealedEvents: 0 });
      expect(BigInt(verified.body.lastSealedPosition)).toBeGreaterThanOrEqual(BigInt(requested.body.position));
    }, 300, 100);
  });
});
