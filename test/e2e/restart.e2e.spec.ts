import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { READ_STORE, type ReadStore } from '../../src/application/ports/read-store.port';
import { ProjectionRunner } from '../../src/application/projections/projection-runner';
import { LOANS_PROJECTION, type LoanView } from '../../src/application/loans/loans.projection';
import { rebuild } from '../../src/infrastructure/cli/cli';
import { ADMIN_KEY, bearer, removeDataDir, startLedger as startService, tempDataDir, type RunningLedger } from './support/ledger-app';
import { BORROWER, LENDER, establishWorld, type World } from './support/world';

const allLoans = async (ledger: RunningLedger): Promise<LoanView[]> => {
  const reads = ledger.app.get<ReadStore>(READ_STORE);
  const loans: LoanView[] = [];
  let after: string | undefined;
  do {
    const page = await reads.list<LoanView>(LOANS_PROJECTION, { where: {}, limit: 100, after });
    loans.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return loans;
};

/** Requests n loans from DE-1 and walks some of them a few steps; returns the last position written. */
const recordLoans = async (ledger: RunningLedger, world: World, n: number) => {
  const borrowerKey = world.keys[BORROWER];
  const lenderKey = world.keys[LENDER];
  let position = '0';
  for (let i = 0; i < n; i++) {
    const requested = await ledger
      .http()
      .post('/v1/loans')
      .set(bearer(borrowerKey))
      .send({ agreementId: world.agreementId, lender: LENDER, item: { title: `Title ${i}` } });
    expect(requested.status).toBe(201);
    position = requested.body.position;
    for (const step of ['accept', 'ship'].slice(0, i % 3)) {
      const response = await ledger.http().post(`/v1/loans/${requested.body.loanId}/${step}`).set(bearer(lenderKey)).send({});
      expect(response.status).toBe(200);
      position = response.body.position;
    }
  }
  return position;
};

// Each test starts the service several times (on PostgreSQL too, in the second project): more than the default on a loaded machine.
jest.setTimeout(120_000);

describe('the service on one SQLite file across restarts', () => {
  const dataDir = tempDataDir();
  let world: World;
  // Instances a failed or timed-out test left running are stopped after it, so none keeps timers alive past the suite.
  const running = new Set<RunningLedger>();
  const startLedger = async (...args: Parameters<typeof startService>): Promise<RunningLedger> => {
    const ledger = await startService(...args);
    const tracked: RunningLedger = {
      ...ledger,
      stop: async () => {
        running.delete(tracked);
        await ledger.stop();
      },
    };
    running.add(tracked);
    return tracked;
  };
  afterEach(async () => {
    for (const ledger of [...running]) await ledger.stop();
  });
  afterAll(() => removeDataDir(dataDir));

  it('keeps every acknowledged fact and resumes projections from their checkpoint', async () => {
    const first = await startLedger(dataDir);
    world = await establishWorld(first);
    const position = await recordLoans(first, world, 12);
    await first.caughtUp(position);
    const before = await allLoans(first);
    const eventsBefore = await first.app.get<EventStore>(EVENT_STORE).readAll({ limit: 10_000 });
    await first.stop();

    const second = await startLedger(dataDir);
    try {
      const runner = second.app.get(ProjectionRunner);
      // The graceful stop sealed what was recorded: one LedgerSealed event after the last loan, and nothing else.
      const eventsAfter = await second.app.get<EventStore>(EVENT_STORE).readAll({ limit: 10_000 });
      expect(eventsAfter.slice(0, -1)).toEqual(eventsBefore);
      expect(eventsAfter.at(-1)).toMatchObject({ type: 'LedgerSealed', position: String(BigInt(position) + 1n) });
      // Caught up at start-up from the stored checkpoint, before any new event.
      expect(runner.status().position).toBe(eventsAfter.at(-1)!.position);
      expect(await allLoans(second)).toEqual(before);

      // Keys issued before the restart still work, and new events are projected.
      const more = await recordLoans(second, world, 2);
      await second.caughtUp(more);
      expect((await allLoans(second)).length).toBe(14);
    } finally {
      await second.stop();
    }
  });

  it('keeps a revoked bootstrap key revoked across a restart, and when it comes back after another', async () => {
    const first = await startLedger(dataDir);
    expect((await first.http().delete('/v1/api-keys/bootstrap-coordinator').set(bearer(ADMIN_KEY))).status).toBe(200);
    await first.stop();

    const again = await startLedger(dataDir);
    try {
      expect((await again.http().get('/v1/api-keys').set(bearer(ADMIN_KEY))).status).toBe(401);
    } finally {
      await again.stop();
    }
    const newSecret = 'a-new-coordinator-key-0123456789';
    const replaced = await startLedger(dataDir, { LEDGER_ADMIN_KEY: newSecret });
    try {
      expect((await replaced.http().get('/v1/api-keys').set(bearer(newSecret))).status).toBe(200);
    } finally {
      await replaced.stop();
    }
    // The revoked secret set again (leaked, or an old setting come back): still refused; the key installed since stays.
    const back = await startLedger(dataDir, { LEDGER_ADMIN_KEY: ADMIN_KEY });
    try {
      expect((await back.http().get('/v1/api-keys').set(bearer(ADMIN_KEY))).status).toBe(401);
      const keys = (await back.http().get('/v1/api-keys').set(bearer(newSecret))).body.items as { id: string; role: string; revokedAt: string | null }[];
      const bootstrap = keys.filter((key) => key.id.startsWith('bootstrap-coordinator'));
      // Listed oldest first: the revoked secret, kept under an id of its own, then the one installed since.
      expect(bootstrap).toEqual([
        expect.objectContaining({ id: expect.stringMatching(/^bootstrap-coordinator:\d{4}-/), role: 'coordinator', revokedAt: expect.any(String) }),
        expect.objectContaining({ id: 'bootstrap-coordinator', role: 'coordinator', revokedAt: null }),
      ]);
    } finally {
      await back.stop();
    }
  });

  it('rebuilds read models that equal the live ones', async () => {
    const live = await startLedger(dataDir);
    const position = await recordLoans(live, world, 6);
    await live.caughtUp(position);
    const expected = await allLoans(live);
    await live.stop();

    const result = await rebuild(live.config);
    // The last event is the seal the graceful stop wrote.
    expect(result.position).toBe(String(BigInt(position) + 1n));
    expect(result.events).toBeGreaterThan(0);

    const rebuilt = await startLedger(dataDir);
    try {
      expect(await allLoans(rebuilt)).toEqual(expected);
    } finally {
      await rebuilt.stop();
    }
  });
});
