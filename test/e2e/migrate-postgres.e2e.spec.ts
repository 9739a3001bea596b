import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Pool } from 'pg';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/application/ports/event-store.port';
import { migrateToPostgresAndRebuild } from '../../src/infrastructure/cli/cli';
import { migrateToPostgres } from '../../src/infrastructure/cli/migrate.command';
import { ALL_PROJECTIONS } from '../../src/infrastructure/ledger.module';
import { loadConfig } from '../../src/infrastructure/config/config';
import { PgEventStore } from '../../src/infrastructure/event-store/postgres/pg-event-store';
import { openSqliteDatabase } from '../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { ADMIN_KEY, bearer, removeDataDir, startLedger, type RunningLedger } from './support/ledger-app';
import { BORROWER, LENDER, establishWorld } from './support/world';
import { TEST_DATABASE_URL, freshSchema, type TestSchema } from '../support/postgres';
import { createEventStore } from '../../src/infrastructure/event-store/event-store.factory';
import { systemClock } from '../../src/application/ports/clock.port';

jest.setTimeout(120_000);

/** The built CLI (`npm run build`, part of `npm test`), run as an operator would. */
const CLI = join(__dirname, '../../dist/infrastructure/cli/cli.js');

const wholeLog = async (store: EventStore): Promise<RecordedEvent[]> => store.readAll({ after: null, limit: 100_000 });

/** A loan walked to "received": postings between the two libraries, and some history. */
const seed = async (ledger: RunningLedger) => {
  const world = await establishWorld(ledger);
  const post = (path: string, key: string, body: object = {}) => ledger.http().post(path).set(bearer(key)).send(body);
  const loan = await post('/v1/loans', world.keys[BORROWER], { agreementId: world.agreementId, lender: LENDER, item: { title: 'Babad Tanah Jawi' } });
  const { loanId } = loan.body as { loanId: string };
  let position = '';
  for (const [step, isil] of [['accept', LENDER], ['ship', LENDER], ['receive', BORROWER]]) {
    const response = await post(`/v1/loans/${loanId}/${step}`, world.keys[isil]);
    expect(response.status).toBe(200);
    position = response.body.position as string;
  }
  await ledger.caughtUp(position);
  return { world, loanId };
};

describe('moving a network from the embedded file to PostgreSQL', () => {
  let schema: TestSchema;
  beforeEach(async () => {
    schema = await freshSchema();
  });
  afterEach(() => schema.drop());

  const env = () => ({ DATABASE_URL: TEST_DATABASE_URL, LEDGER_PG_SCHEMA: schema.schema });

  it('copies the log with the same positions, ids and hashes, and the service carries on there', async () => {
    const embedded = await startLedger();
    const { world, loanId } = await seed(embedded);
    const { asOf: _cut, ...balances } = (await embedded.http().get(`/v1/balances?partner=${LENDER}`).set(bearer(ADMIN_KEY))).body;
    await embedded.stop();
    // Read after the stop: the service seals the log as it shuts down.
    const file = new SqliteEventStore(openSqliteDatabase(join(embedded.dataDir, 'ledger.db')), { ownsDatabase: true });
    const before = await wholeLog(file);
    await file.close();

    const report = await migrateToPostgres(loadConfig({ LEDGER_DATA_DIR: embedded.dataDir, ...env() }));
    expect(report).toMatchObject({ events: before.length, head: before[before.length - 1].position });
    // The coordinator's and the four libraries' keys move with the log: the librarian keys below work on PostgreSQL.
    expect(report.shared.apiKeys).toBe(5);

    const onPostgres = await startLedger(embedded.dataDir, { EVENT_STORE: 'postgres', ...env() });
    try {
      const store = onPostgres.app.get<EventStore>(EVENT_STORE);
      expect(store).toBeInstanceOf(PgEventStore);
      expect(await wholeLog(store)).toEqual(before);
      // The same figures (the cut moved only by the seal written at shutdown, which posts nothing).
      expect((await onPostgres.http().get(`/v1/balances?partner=${LENDER}`).set(bearer(ADMIN_KEY))).body).toMatchObject(balances);

      const returned = await onPostgres.http().post(`/v1/loans/${loanId}/return`).set(bearer(world.keys[BORROWER])).send({});
      expect(returned.status).toBe(200);
      expect(BigInt(returned.body.position)).toBeGreaterThan(BigInt(before[before.length - 1].position));
      const [last] = (await store.readStream(`loan-${loanId}`)).slice(-1);
      const [previous] = before.filter((e) => e.streamId === `loan-${loanId}`).slice(-1);
      expect(last).toMatchObject({ type: 'LoanReturnShipped', prevHash: previous.hash, position: returned.body.position });
    } finally {
      await onPostgres.stop();
    }
    // Another instance, with a data directory and so a seal key of its own: the file's seals verify there too,
    // the migration having published the file's public seal keys to every instance.
    const added = await startLedger(undefined, { EVENT_STORE: 'postgres', ...env() });
    try {
      expect((await added.http().get('/v1/audit/verify').set(bearer(ADMIN_KEY))).body).toMatchObject({ verified: true });
      expect((await added.http().get('/v1/audit/keys').set(bearer(ADMIN_KEY))).body.keys).toHaveLength(2);
    } finally {
      await added.stop();
      removeDataDir(added.dataDir);
      removeDataDir(embedded.dataDir);
    }
  });

  it('rebuilds the read models in PostgreSQL from the copy, so the service there answers as the file did', async () => {
    const embedded = await startLedger();
    await seed(embedded);
    const { asOf: _cut, ...balances } = (await embedded.http().get(`/v1/balances?partner=${LENDER}`).set(bearer(ADMIN_KEY))).body;
    const loans = (await embedded.http().get('/v1/loans').set(bearer(ADMIN_KEY))).body;
    await embedded.stop();

    const { copied, rebuilt } = await migrateToPostgresAndRebuild({ LEDGER_DATA_DIR: embedded.dataDir, ...env() });
    expect(rebuilt).toMatchObject({ events: copied.events, position: copied.head });
    const checkpoints = await schema.pool().query(`SELECT name, position FROM "${schema.schema}".projection_checkpoints ORDER BY name`);
    expect(checkpoints.rows).toEqual(
      ALL_PROJECTIONS.map((p) => ({ name: p.name, position: copied.head })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    );

    // READ_STORE defaults to postgres beside a PostgreSQL event store.
    const onPostgres = await startLedger(embedded.dataDir, { EVENT_STORE: 'postgres', ...env() });
    try {
      expect(onPostgres.config.readStore).toBe('postgres');
      expect((await onPostgres.http().get(`/v1/balances?partner=${LENDER}`).set(bearer(ADMIN_KEY))).body).toMatchObject(balances);
      expect((await onPostgres.http().get('/v1/loans').set(bearer(ADMIN_KEY))).body).toEqual(loans);
    } finally {
      await onPostgres.stop();
      removeDataDir(embedded.dataDir);
    }
  });

  it('leaves the read models in the file with READ_STORE=sqlite', async () => {
    const embedded = await startLedger();
    await seed(embedded);
    await embedded.stop();
    const { copied, rebuilt } = await migrateToPostgresAndRebuild({ LEDGER_DATA_DIR: embedded.dataDir, READ_STORE: 'sqlite', ...env() });
    expect(copied.events).toBeGreaterThan(0);
    expect(rebuilt).toBeNull();
    const tables = await schema.pool().query(`SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename`, [schema.schema]);
    // The log and what every instance shares (keys, public seal keys, idempotency answers, webhooks); no read model.
    expect(tables.rows.map((r) => r.tablename)).toEqual(['api_keys', 'delivery_attempts', 'delivery_targets', 'events', 'idempotency_keys', 'schema_migrations', 'seal_keys', 'streams']);
    removeDataDir(embedded.dataDir);
  });

  it('refuses a target that already holds events, and writes nothing more to it', async () => {
    const embedded = await startLedger();
    await seed(embedded);
    await embedded.stop();
    const config = loadConfig({ LEDGER_DATA_DIR: embedded.dataDir, ...env() });
    const first = await migrateToPostgres(config);

    await expect(migrateToPostgres(config)).rejects.toThrow(/already holds events/);
    // The operator running the built CLI again is told so in one line, as for any other refusal, not shown a stack.
    const again = spawnSync(process.execPath, [CLI, 'migrate', '--to', 'postgres'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', LEDGER_DATA_DIR: embedded.dataDir, LOG_LEVEL: 'warn', ...env() },
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`resource-sharing-ledger: the PostgreSQL event store in schema ${schema.schema} already holds events (up to position ${first.head}); migrate into an empty one\n`);

    const count = await schema.pool().query(`SELECT count(*)::int AS n FROM "${schema.schema}".events`);
    expect(count.rows[0].n).toBe(first.events);
    removeDataDir(embedded.dataDir);
  });

  it('refuses while a service runs on the file, and writes nothing to the target: what the service recorded after the copy would be missing there', async () => {
    const embedded = await startLedger();
    try {
      await seed(embedded);
      await expect(migrateToPostgres(loadConfig({ LEDGER_DATA_DIR: embedded.dataDir, ...env() }))).rejects.toThrow(`is in use by process ${process.pid}`);
      const events = await schema.pool().query(`SELECT to_regclass($1) AS events`, [`"${schema.schema}".events`]);
      expect(events.rows[0].events).toBeNull();
    } finally {
      await embedded.stop();
      removeDataDir(embedded.dataDir);
    }
  });

  it('refuses a log whose chain does not verify, and leaves the target without it', async () => {
    const embedded = await startLedger();
    await seed(embedded);
    await embedded.stop();
    const file = new Database(join(embedded.dataDir, 'ledger.db'));
    file.prepare(`UPDATE events SET data = replace(data, 'Babad', 'Forged') WHERE type = 'LoanRequested'`).run();
    file.close();

    await expect(migrateToPostgres(loadConfig({ LEDGER_DATA_DIR: embedded.dataDir, ...env() }))).rejects.toThrow(/does not verify/);

    const pool = new Pool({ connectionString: TEST_DATABASE_URL });
    const count = await pool.query(`SELECT count(*)::int AS n FROM "${schema.schema}".events WHERE type = 'LoanRequested'`);
    await pool.end();
    expect(count.rows[0].n).toBe(0);
    removeDataDir(embedded.dataDir);
  });

  it('leaves a copy it did not finish marked: the service refuses to serve half a log, and migrate again says what to do', async () => {
    // Any stop after a batch was committed and before the end (kill -9, a crash, the database lost) leaves the batches
    // copied so far; here the connection is lost right after the first. Served, that half log would lose the tail for good:
    // the sealer would seal it as the ledger, and a later migrate refused it only as "not empty".
    const embedded = await startLedger();
    await seed(embedded);
    await embedded.stop();
    const config = loadConfig({ LEDGER_DATA_DIR: embedded.dataDir, ...env() });
    const original = PgEventStore.prototype.importRecorded;
    const lost = jest.spyOn(PgEventStore.prototype, 'importRecorded').mockImplementationOnce(async function (this: PgEventStore, events) {
      await original.call(this, events.slice(0, 3));
      throw new Error('Connection terminated unexpectedly');
    });
    try {
      await expect(migrateToPostgres(config)).rejects.toThrow('Connection terminated unexpectedly');
    } finally {
      lost.mockRestore();
    }
    const copied = await schema.pool().query(`SELECT count(*)::int AS n FROM "${schema.schema}".events`);
    expect(copied.rows[0].n).toBe(3);

    const unfinished = `did not finish copying; drop it (DROP SCHEMA "${schema.schema}" CASCADE) and run migrate again`;
    await expect(migrateToPostgres(config)).rejects.toThrow(unfinished);
    const onPostgres = loadConfig({ LEDGER_DATA_DIR: embedded.dataDir, EVENT_STORE: 'postgres', ...env() });
    await expect(createEventStore(onPostgres, null, systemClock)).rejects.toThrow(unfinished);
    // The service started as `npm start` does says so in one line, as for every bad setting, exit status 78.
    const served = spawnSync(process.execPath, [join(__dirname, '../../dist/main.js')], {
      env: { PATH: process.env.PATH ?? '', LEDGER_DATA_DIR: embedded.dataDir, EVENT_STORE: 'postgres', PORT: '0', HOST: '127.0.0.1', ...env() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: served.status, err: served.stderr }).toEqual({
      status: 78,
      err: expect.stringMatching(new RegExp(`^resource-sharing-ledger: bad setting LEDGER_PG_SCHEMA: .*did not finish copying.*\n$`)),
    });

    // Dropped as told, the copy goes through and the service opens it.
    await schema.pool().query(`DROP SCHEMA "${schema.schema}" CASCADE`);
    await migrateToPostgres(config);
    const store = await createEventStore(onPostgres, null, systemClock);
    await store.close();
    removeDataDir(embedded.dataDir);
  });
});
