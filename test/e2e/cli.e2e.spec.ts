import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { postingsProjection } from '../../src/application/ledger/postings.projection';
import { LOCK_FILE } from '../../src/infrastructure/data-dir-lock';
import { DATABASE_FILE } from '../../src/infrastructure/ledger.module';
import { ADMIN_KEY, bearer, removeDataDir, startLedger, tempDataDir, type RunningLedger } from './support/ledger-app';
import { BORROWER, LENDER, establishWorld } from './support/world';

/** These tests run the built CLI (`npm run build`, part of `npm test`) as a real process, as an operator would. */
const CLI = join(__dirname, '../../dist/infrastructure/cli/cli.js');

const cli = (dataDir: string, ...args: string[]) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'warn' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => resolve({ code, out, err }));
  });

/** What a rebuild must not change: every posting, counted by unit. */
const postings = (dataDir: string) => {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT unit, count(*) AS n, sum(amount) AS total FROM rm_postings GROUP BY unit ORDER BY unit').all();
  } finally {
    db.close();
  }
};
const eventCount = (dataDir: string) => {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('the CLI cannot write wrong facts', () => {
  const dataDir = tempDataDir();
  let ledger: RunningLedger | undefined;
  afterAll(async () => {
    await ledger?.stop();
    removeDataDir(dataDir);
  });

  beforeAll(async () => {
    ledger = await startLedger(dataDir);
    const world = await establishWorld(ledger);
    const post = (path: string, key: string, body: object = {}) => ledger!.http().post(path).set(bearer(key)).send(body);
    const { loanId } = (await post('/v1/loans', world.keys[BORROWER], { agreementId: world.agreementId, lender: LENDER, item: { title: 'Max Havelaar' } })).body;
    await post(`/v1/loans/${loanId}/accept`, world.keys[LENDER]);
    await ledger.caughtUp((await post(`/v1/loans/${loanId}/ship`, world.keys[LENDER])).body.position);
  });

  it('refuses `rebuild` while the service holds the data directory, and changes nothing', async () => {
    const before = postings(dataDir);
    expect(before).toEqual([{ unit: 'loan', n: 1, total: 10_000 }]);
    const run = await cli(dataDir, 'rebuild');
    expect(run.code).toBe(1);
    expect(run.err).toContain(`the data directory ${dataDir} is in use by process ${process.pid}`);
    expect(postings(dataDir)).toEqual(before);
  });

  it('refuses `schedule --now` ahead of the clock, and records nothing', async () => {
    const events = eventCount(dataDir);
    const future = new Date(Date.now() + 120 * 86_400_000).toISOString();
    const run = await cli(dataDir, 'schedule', '--now', future);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`--now ${future} is ahead of the clock`);
    expect(eventCount(dataDir)).toBe(events);
  });

  it('says in one line that a file it was given cannot be read, exit status 1', async () => {
    const missing = join(dataDir, 'no-such-export.ndjson');
    const run = await cli(dataDir, 'verify', missing);
    expect({ code: run.code, err: run.err }).toEqual({ code: 1, err: `resource-sharing-ledger: ENOENT: no such file or directory, open '${missing}'\n` });
  });

  it('lists the read models with `projections`', async () => {
    const run = await cli(dataDir, 'projections');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^read model +version +position +head +lag +state\n/);
    expect(run.out).toMatch(new RegExp(`\\npostings +${postingsProjection.version} +\\d+ +\\d+ +0 +running\\n`));
  });

  it('backs up the data directory while the service runs, into a copy a service starts on, verifies and answers the same', async () => {
    const target = join(tempDataDir(), 'backup');
    const balances = (await ledger!.http().get(`/v1/balances?partner=${LENDER}`).set(bearer(ADMIN_KEY))).body;
    const events = eventCount(dataDir);
    const run = await cli(dataDir, 'backup', target);
    expect({ code: run.code, err: run.err, out: run.out }).toEqual({
      code: 0, err: '', out: expect.stringMatching(/^backed up ledger\.db, seal-key\.pem, seal-keys\.json \(\d+ bytes\) into .*backup in \d+\.\d\d s\n$/),
    });
    // The lock is not copied: the copy is a directory no process holds.
    expect(readdirSync(target).sort()).toEqual(['ledger.db', 'seal-key.pem', 'seal-keys.json']);
    expect(await cli(dataDir, 'backup', target)).toMatchObject({ code: 1, err: expect.stringContaining('is not an empty directory: back up into a new one') });
    const restored = await startLedger(target);
    try {
      expect(eventCount(target)).toBeGreaterThanOrEqual(events);
      expect((await restored.http().get('/v1/audit/verify').set(bearer(ADMIN_KEY))).body).toMatchObject({ verified: true });
      const { asOf: _cut, ...same } = balances;
      expect((await restored.http().get(`/v1/balances?partner=${LENDER}`).set(bearer(ADMIN_KEY))).body).toMatchObject(same);
    } finally {
      await restored.stop();
      removeDataDir(join(target, '..'));
    }
  });

  it('finds the read models at the head of the log after a clean stop, the last seal folded: no lag, no warning from schedule', async () => {
    await ledger!.stop();
    ledger = undefined;
    const listed = await cli(dataDir, 'projections');
    expect(listed.code).toBe(0);
    const lags = listed.out.trim().split('\n').slice(1).filter((line) => !line.startsWith(' ')).map((line) => line.split(/ +/));
    expect(lags.length).toBeGreaterThan(5);
    expect(lags.filter(([, , position, head, lag]) => lag !== '0' || position !== head)).toEqual([]);
    const scheduled = await cli(dataDir, 'schedule');
    expect({ code: scheduled.code, err: scheduled.err }).toEqual({ code: 0, err: '' });
  });

  it('rebuilds once the service has stopped, taking over a lock left by a process killed with -9', async () => {
    await ledger?.stop();
    ledger = undefined;
    const expected = postings(dataDir);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    // A pid that no longer runs, as a lock file left behind by kill -9 would hold.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dataDir, LOCK_FILE), `${gone}\n`);
    const run = await cli(dataDir, 'rebuild');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^rebuilt read models from \d+ events/);
    expect(postings(dataDir)).toEqual(expected);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('lets no service start while the data directory is held, and names the holder', async () => {
    writeFileSync(join(dataDir, LOCK_FILE), `${process.ppid}\n`);
    try {
      await expect(startLedger(dataDir)).rejects.toThrow(`is in use by process ${process.ppid}`);
    } finally {
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${process.ppid}\n`);
    }
  });
});

describe('a process refused the data directory', () => {
  // A directory another live process holds and nothing else has used yet: whatever appears in it, the refused process made.
  const held = () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, LOCK_FILE), `${process.ppid}\n`);
    return dataDir;
  };

  it('opens, makes and changes nothing there: a service', async () => {
    const dataDir = held();
    try {
      await expect(startLedger(dataDir)).rejects.toThrow(`is in use by process ${process.ppid}`);
      expect(readdirSync(dataDir)).toEqual([LOCK_FILE]);
    } finally {
      removeDataDir(dataDir);
    }
  });

  it('opens, makes and changes nothing there: the service started as `npm start` does, which says why in one line, exit status 1', () => {
    const dataDir = held();
    try {
      const run = spawnSync(process.execPath, [join(__dirname, '../../dist/main.js')], {
        env: { PATH: process.env.PATH ?? '', LEDGER_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect({ status: run.status, err: run.stderr }).toEqual({
        status: 1,
        err: `resource-sharing-ledger: the data directory ${dataDir} is in use by process ${process.ppid} (a running service or a rebuild); stop it first\n`,
      });
      expect(readdirSync(dataDir)).toEqual([LOCK_FILE]);
    } finally {
      removeDataDir(dataDir);
    }
  });

  it('opens, makes and changes nothing there: `rebuild`', async () => {
    const dataDir = held();
    try {
      const run = await cli(dataDir, 'rebuild');
      expect(run.code).toBe(1);
      expect(run.err).toContain(`the data directory ${dataDir} is in use by process ${process.ppid}`);
      expect(readdirSync(dataDir)).toEqual([LOCK_FILE]);
    } finally {
      removeDataDir(dataDir);
    }
  });
});

describe('a service that cannot listen', () => {
  it('says why in one line, exit status 1, and gives the data directory back: the port taken', async () => {
    const dataDir = tempDataDir();
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = (taken.address() as { port: number }).port;
    try {
      const run = spawnSync(process.execPath, [join(__dirname, '../../dist/main.js')], {
        env: { PATH: process.env.PATH ?? '', LEDGER_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect({ status: run.status, err: run.stderr }).toEqual({
        status: 1,
        err: `resource-sharing-ledger: cannot listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n`,
      });
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
      // Nothing left behind stands in the way: the service starts on that directory at once.
      const ledger = await startLedger(dataDir);
      await ledger.stop();
    } finally {
      taken.close();
      removeDataDir(dataDir);
    }
  });
});
