import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { freshIds } from '../../src/application/ports/ids.port';
import { READ_STORE, type ReadStore } from '../../src/application/ports/read-store.port';
import { Scheduler } from '../../src/application/scheduler/scheduler';
import { InstantAhead, schedule } from '../../src/infrastructure/cli/cli';
import { ConfigError, loadConfig } from '../../src/infrastructure/config/config';
import { isbnsFrom } from './support/isbns';
import { bearer } from './support/ledger-app';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER } from './support/world';

const DAY = 86_400_000;
/** Past a four-week loan's due day and a 90-day claim's last day. */
const LATER = new Date(Date.now() + 120 * DAY);

const freshIsbn = isbnsFrom(70_000);

describe('the scheduler records overdue loans and expired claims exactly once', () => {
  const { ledger, world, get } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '100000' } });
  let store: EventStore;
  let reads: ReadStore;

  beforeAll(async () => {
    store = ledger().app.get<EventStore>(EVENT_STORE);
    reads = ledger().app.get<ReadStore>(READ_STORE);
  });

  const post = async (path: string, key: string, body: object = {}) => {
    const response = await ledger().http().post(path).set(bearer(key)).send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${response.text}`);
    return response.body as { position: string; loanId?: string; isbn?: string };
  };
  /** A loan received by the borrower: due four weeks from today. */
  const loanOnLoan = async (): Promise<string> => {
    const { loanId } = await post('/v1/loans', world().keys[BORROWER], {
      agreementId: world().agreementId, lender: LENDER, item: { title: 'Max Havelaar' },
    });
    await post(`/v1/loans/${loanId}/accept`, world().keys[LENDER]);
    await post(`/v1/loans/${loanId}/ship`, world().keys[LENDER]);
    await ledger().caughtUp((await post(`/v1/loans/${loanId}/receive`, world().keys[BORROWER])).position);
    return loanId!;
  };
  /** A claim holding for 90 days from today. */
  const activeClaim = async (): Promise<string> => {
    const claimed = await post('/v1/acquisition-claims', world().keys[BORROWER], {
      agreementId: world().agreementId, isbn: freshIsbn(), title: 'Babad Tanah Jawi',
    });
    await ledger().caughtUp(claimed.position);
    return claimed.isbn!;
  };
  const count = async (streamId: string, type: string) => (await store.readStream(streamId)).filter((e) => e.type === type).length;
  const scheduler = () => new Scheduler({ store, clock: { now: () => LATER }, ids: freshIds }, reads);

  it('runs twice and records each fact once', async () => {
    const [loanId, isbn] = [await loanOnLoan(), await activeClaim()];
    const first = await scheduler().run();
    // Whether or not the read models have caught up by now, the streams refuse to record the same fact twice.
    const second = await scheduler().run();
    expect(first).toMatchObject({ at: LATER.toISOString(), loansMarkedOverdue: [loanId], claimsExpired: [isbn], skipped: [] });
    expect(second).toMatchObject({ loansMarkedOverdue: [], claimsExpired: [], skipped: [] });
    await ledger().caughtUp(await store.headPosition());
    expect(await scheduler().run()).toMatchObject({ loansMarkedOverdue: [], claimsExpired: [] });

    expect(await count(`loan-${loanId}`, 'LoanBecameOverdue')).toBe(1);
    expect(await count(`claim-${isbn}`, 'AcquisitionClaimExpired')).toBe(1);
    const loan = (await get(`/v1/loans/${loanId}`)).body;
    expect(loan).toMatchObject({ overdue: true, isoStatus: 'Overdue' });
    const claim = (await get(`/v1/acquisition-claims/${isbn}`)).body;
    expect(claim).toMatchObject({ status: 'expired' });
    expect(claim.history.map((step: { type: string }) => step.type)).toEqual(['AcquisitionClaimed', 'AcquisitionClaimExpired']);
  });

  it('records each fact once when two instances run at the same moment', async () => {
    const [loanId, isbn] = [await loanOnLoan(), await activeClaim()];
    const runs = await Promise.all([scheduler().run(), scheduler().run()]);
    expect(runs.flatMap((run) => run.loansMarkedOverdue)).toEqual([loanId]);
    expect(runs.flatMap((run) => run.claimsExpired)).toEqual([isbn]);
    expect(await count(`loan-${loanId}`, 'LoanBecameOverdue')).toBe(1);
    expect(await count(`claim-${isbn}`, 'AcquisitionClaimExpired')).toBe(1);
    const [event] = (await store.readStream(`loan-${loanId}`)).filter((e) => e.type === 'LoanBecameOverdue');
    expect(event.metadata.actor).toEqual({ role: 'system' });
    // The fact carries the scheduler's instant; the store stamps when it entered the log.
    expect(event.data).toMatchObject({ detectedAt: LATER.toISOString() });
  });

  it('does nothing before anything is due', async () => {
    const [loanId, isbn] = [await loanOnLoan(), await activeClaim()];
    const today = await new Scheduler({ store, clock: { now: () => new Date() }, ids: freshIds }, reads).run();
    expect(today.loansMarkedOverdue).not.toContain(loanId);
    expect(today.claimsExpired).not.toContain(isbn);
    expect(await count(`loan-${loanId}`, 'LoanBecameOverdue')).toBe(0);
  });

  it('runs as the CLI command `schedule --now`, beside the running service, once', async () => {
    const [loanId, isbn] = [await loanOnLoan(), await activeClaim()];
    // The CLI's clock has reached LATER: --now names an instant that has come.
    const clock = { now: () => new Date(LATER.getTime() + 1000) };
    const once = await schedule(ledger().config, LATER, clock);
    expect(once.loansMarkedOverdue).toContain(loanId);
    expect(once.claimsExpired).toContain(isbn);
    const twice = await schedule(ledger().config, LATER, clock);
    expect(twice).toMatchObject({ loansMarkedOverdue: [], claimsExpired: [] });
    expect(await count(`loan-${loanId}`, 'LoanBecameOverdue')).toBe(1);
    expect(await count(`claim-${isbn}`, 'AcquisitionClaimExpired')).toBe(1);
  });

  it('refuses, as the CLI command, an instant ahead of the clock and records nothing', async () => {
    const [loanId, isbn] = [await loanOnLoan(), await activeClaim()];
    const head = await store.headPosition();
    await expect(schedule(ledger().config, LATER)).rejects.toThrow(InstantAhead);
    await expect(schedule(ledger().config, LATER)).rejects.toThrow(`--now ${LATER.toISOString()} is ahead of the clock`);
    expect(await store.headPosition()).toBe(head);
    expect(await count(`loan-${loanId}`, 'LoanBecameOverdue')).toBe(0);
    expect(await count(`claim-${isbn}`, 'AcquisitionClaimExpired')).toBe(0);
  });

  it('takes its interval from LEDGER_SCHEDULER_INTERVAL_SECONDS, refusing a bad one by name', () => {
    expect(loadConfig({}).schedulerIntervalSeconds).toBe(300);
    expect(loadConfig({ LEDGER_SCHEDULER_INTERVAL_SECONDS: '0' }).schedulerIntervalSeconds).toBe(0);
    for (const bad of ['often', '-5', '1.5', '86401']) {
      expect(() => loadConfig({ LEDGER_SCHEDULER_INTERVAL_SECONDS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ LEDGER_SCHEDULER_INTERVAL_SECONDS: bad })).toThrow(/^LEDGER_SCHEDULER_INTERVAL_SECONDS:/);
    }
  });
});
