import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Io } from '../../../src/infrastructure/cli/audit.cli';
import { AUDIT_COMMANDS } from '../../../src/infrastructure/cli/audit.cli';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { ADMIN_KEY, bearer, type RunningLedger } from '../support/ledger-app';
import { BORROWER, LENDER, type World } from '../support/world';

/** Seal only when the test says (shutdown), unless a test asks for more. */
export const AUDIT_ENV = { LEDGER_SEAL_EVERY_EVENTS: '100000', LEDGER_SEAL_INTERVAL_SECONDS: '0', LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' };

/** A loan requested, accepted, shipped (a posting) and received; answers its id and last position. */
export const walkLoan = async (ledger: RunningLedger, world: World, steps = ['accept', 'ship', 'receive']) => {
  const as = (isil: string) => bearer(world.keys[isil]);
  const requested = await ledger
    .http()
    .post('/v1/loans')
    .set(as(BORROWER))
    .send({ agreementId: world.agreementId, lender: LENDER, item: { title: 'Babad Tanah Jawi', isbn: '978-0-306-40615-7' } });
  if (requested.status !== 201) throw new Error(`loan: ${requested.status} ${requested.text}`);
  let position = requested.body.position as string;
  for (const step of steps) {
    const response = await ledger.http().post(`/v1/loans/${requested.body.loanId}/${step}`).set(as(step === 'receive' ? BORROWER : LENDER)).send({});
    if (response.status !== 200) throw new Error(`${step}: ${response.status} ${response.text}`);
    position = response.body.position;
  }
  return { loanId: requested.body.loanId as string, streamId: `loan-${requested.body.loanId}`, position };
};

export const adminGet = (ledger: RunningLedger, path: string) => ledger.http().get(path).set(bearer(ADMIN_KEY));

/** The directories tempFile made, removed once the spec that imports this file is done. */
const madeDirs: string[] = [];
afterAll(() => {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export const tempFile = (name: string, content: string | Buffer): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-audit-'));
  madeDirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

/** Runs an audit CLI command in this process and captures what it prints. */
export const cli = async (command: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> => {
  let out = '';
  let err = '';
  const io: Io = { out: (text) => (out += text), err: (text) => (err += text) };
  const code = await AUDIT_COMMANDS[command](args, io);
  return { code, out, err };
};

type Row = { position: number; event_id: string; stream_id: string; stream_version: number; type: string; data: string; metadata: string; prev_hash: string; hash: string };

export const toRecorded = (row: Row): RecordedEvent => ({
  eventId: row.event_id,
  type: row.type,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  position: String(row.position),
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata),
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** The ledger's SQLite file opened directly, as someone with access to the disk would. */
export const openFile = (dataDir: string) => {
  const db = new BetterSqlite3(join(dataDir, 'ledger.db'));
  return {
    db,
    all: (where = '1 = 1', ...params: unknown[]): RecordedEvent[] =>
      (db.prepare(`SELECT * FROM events WHERE ${where} ORDER BY position`).all(...params) as Row[]).map(toRecorded),
    close: () => db.close(),
  };
};

/** The built CLI (`npm run build`, part of `npm test`) as a real process, as an auditor runs it. */
export const cliProcess = (...args: string[]) => {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const result = spawnSync(process.execPath, [join(__dirname, '../../../dist/infrastructure/cli/cli.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
};
