import { removeDataDir, startLedger, type RunningLedger } from '../support/ledger-app';
import { establishWorld, LENDER } from '../support/world';
import { TEST_DATABASE_URL, freshSchema, type TestSchema } from '../../support/postgres';
import { adminGet, AUDIT_ENV, cli, walkLoan } from './audit-support';

jest.setTimeout(120_000);

/** Runs `work` with these settings in the environment, as the CLI's `loadConfig()` reads them. */
const withEnv = async <T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> => {
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
};

describe('replay from the database reads the event store the settings name', () => {
  let schema: TestSchema;
  let ledger: RunningLedger;
  let env: Record<string, string>;

  beforeAll(async () => {
    schema = await freshSchema();
    ledger = await startLedger(undefined, { ...AUDIT_ENV, EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, LEDGER_PG_SCHEMA: schema.schema });
    env = { LEDGER_DATA_DIR: ledger.dataDir, EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, LEDGER_PG_SCHEMA: schema.schema };
  });
  afterAll(async () => {
    await ledger.stop();
    removeDataDir(ledger.dataDir);
    await schema.drop();
  });

  it('replays balances from PostgreSQL as the as-of API answers, and one stream from it', async () => {
    const world = await establishWorld(ledger);
    const { streamId, position } = await walkLoan(ledger, world);
    await ledger.caughtUp(position);
    const api = (await adminGet(ledger, `/v1/balances?asOf=${position}&partner=${LENDER}`)).body;
    expect(api.balances).toContainEqual({ partner: LENDER, unit: 'loan', balance: '1' });

    const balances = await withEnv(env, () => cli('replay', '--to', position, '--partner', LENDER));
    expect({ code: balances.code, answer: JSON.parse(balances.out) }).toEqual({ code: 0, answer: api });

    const stream = await withEnv(env, () => cli('replay', '--stream', streamId));
    const lines = stream.out.trim().split('\n');
    expect(lines.filter((_, i) => i % 2 === 0).map((line) => line.split(' ')[3])).toEqual(['LoanRequested', 'LoanAccepted', 'LoanShipped', 'LoanReceived']);
    expect(lines.filter((_, i) => i % 2 === 1).map((line) => JSON.parse(line).status)).toEqual(['requested', 'accepted', 'shipped', 'on-loan']);
  });
});
