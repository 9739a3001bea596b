import { randomUUID } from 'node:crypto';
import { claimsProjection } from '../../../src/application/claims/claims.projection';
import { streams } from '../../../src/application/cooperation/streams';
import { loansProjection } from '../../../src/application/loans/loans.projection';
import type { Clock } from '../../../src/application/ports/clock.port';
import type { EventStore, RecordedEvent } from '../../../src/application/ports/event-store.port';
import { freshIds } from '../../../src/application/ports/ids.port';
import type { DocumentProjection } from '../../../src/application/projections/projection';
import { ProjectionRunner } from '../../../src/application/projections/projection-runner';
import { Scheduler } from '../../../src/application/scheduler/scheduler';
import type { DomainEvent } from '../../../src/domain/shared/decider';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../../src/infrastructure/read-store/sqlite-read-store';
import * as claim from '../claims/claim.fixtures';
import * as loan from '../loans/loan.fixtures';

/** Stamped at a fixed instant: the scheduler sees only what its clock says. */
const fixedClock = (at: Date | string): Clock => ({ now: () => new Date(at) });

const LOAN_STREAM = streams.loan(loan.loanId);
const CLAIM_STREAM = streams.claim(claim.ISBN);

describe('the scheduler', () => {
  let store: EventStore;
  let runner: ProjectionRunner;
  let reads: SqliteReadStore;

  const record = async (streamId: string, events: readonly DomainEvent[]) => {
    const current = await store.readStream(streamId);
    await store.append(
      streamId,
      events.map((event) => ({
        eventId: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: { actor: { role: 'librarian' }, correlationId: 'test', causationId: 'test', recordedAt: '2025-03-03T09:00:00.000Z' },
      })),
      current.length === 0 ? 'no_stream' : current.length,
    );
  };
  const scheduler = (at: Date | string) => new Scheduler({ store, clock: fixedClock(at), ids: freshIds }, reads);
  const ofType = async (streamId: string, type: string): Promise<RecordedEvent[]> =>
    (await store.readStream(streamId)).filter((event) => event.type === type);

  beforeEach(async () => {
    const db = openSqliteDatabase(':memory:');
    store = new SqliteEventStore(db, { ownsDatabase: true });
    reads = new SqliteReadStore(db);
    runner = new ProjectionRunner(store, reads, [loansProjection, claimsProjection] as DocumentProjection[]);
    await runner.init();
    // A loan on loan since 6 March, due 1 April; a claim made 3 March, holding through 1 June.
    await record(LOAN_STREAM, [loan.requested, loan.accepted, loan.shipped, loan.received]);
    await record(CLAIM_STREAM, [claim.claimed]);
    await runner.catchUp();
  });
  afterEach(() => store.close());

  it('leaves a loan alone through its due day and a claim through its last day', async () => {
    const run = await scheduler(loan.AT.lastDueDay).run();
    expect(run).toEqual({ at: loan.AT.lastDueDay.toISOString(), loansMarkedOverdue: [], claimsExpired: [], skipped: [] });
    expect(await ofType(LOAN_STREAM, 'LoanBecameOverdue')).toEqual([]);
  });

  it('marks a loan overdue the day after its due day, and only that', async () => {
    const run = await scheduler(loan.AT.overdue).run();
    expect(run).toMatchObject({ loansMarkedOverdue: [loan.loanId], claimsExpired: [], skipped: [] });
    const [overdue] = await ofType(LOAN_STREAM, 'LoanBecameOverdue');
    expect(overdue.data).toMatchObject({ loanId: loan.loanId, dueOn: loan.FIRST_DUE, detectedAt: loan.AT.overdue.toISOString() });
    expect(overdue.metadata.actor).toEqual({ role: 'system' });
  });

  it('expires a claim the day after its last day', async () => {
    const run = await scheduler(claim.AT.expired).run();
    expect(run).toMatchObject({ loansMarkedOverdue: [loan.loanId], claimsExpired: [claim.ISBN], skipped: [] });
    const [expired] = await ofType(CLAIM_STREAM, 'AcquisitionClaimExpired');
    expect(expired.data).toMatchObject({ isbn: claim.ISBN, claimant: claim.CLAIMANT, expiresOn: claim.EXPIRES_ON });
  });

  it('records each fact once when it runs twice, whether or not the read models caught up in between', async () => {
    await scheduler(claim.AT.expired).run();
    const again = await scheduler(claim.AT.later).run();
    expect(again).toMatchObject({ loansMarkedOverdue: [], claimsExpired: [], skipped: [] });
    await runner.catchUp();
    const third = await scheduler(claim.AT.later).run();
    expect(third).toMatchObject({ loansMarkedOverdue: [], claimsExpired: [], skipped: [] });
    expect(await ofType(LOAN_STREAM, 'LoanBecameOverdue')).toHaveLength(1);
    expect(await ofType(CLAIM_STREAM, 'AcquisitionClaimExpired')).toHaveLength(1);
  });

  it('records each fact once when two instances run at the same moment', async () => {
    const [first, second] = await Promise.all([scheduler(claim.AT.expired).run(), scheduler(claim.AT.expired).run()]);
    expect([...first.loansMarkedOverdue, ...second.loansMarkedOverdue]).toEqual([loan.loanId]);
    expect([...first.claimsExpired, ...second.claimsExpired]).toEqual([claim.ISBN]);
    expect(await ofType(LOAN_STREAM, 'LoanBecameOverdue')).toHaveLength(1);
    expect(await ofType(CLAIM_STREAM, 'AcquisitionClaimExpired')).toHaveLength(1);
  });

  it('passes over loans that are not out with the borrower and claims that are no longer active', async () => {
    await record(LOAN_STREAM, [loan.returnShipped]);
    await record(CLAIM_STREAM, [claim.released]);
    await runner.catchUp();
    expect(await scheduler(claim.AT.later).run()).toMatchObject({ loansMarkedOverdue: [], claimsExpired: [], skipped: [] });
  });

  it('decides on the stream, not on a read model that is behind', async () => {
    // Renewed and released after the read models last looked: neither is due any more.
    await record(LOAN_STREAM, [loan.renewed]);
    await record(CLAIM_STREAM, [claim.released]);
    const run = await scheduler(new Date('2025-04-10T00:00:00.000Z')).run();
    expect(run.loansMarkedOverdue).toEqual([]);
    expect(run.skipped).toEqual([{ streamId: LOAN_STREAM, code: 'loan-not-yet-due', message: expect.any(String) }]);
    expect(await ofType(LOAN_STREAM, 'LoanBecameOverdue')).toEqual([]);
    const later = await scheduler(claim.AT.expired).run();
    expect(later.claimsExpired).toEqual([]);
    expect(await ofType(CLAIM_STREAM, 'AcquisitionClaimExpired')).toEqual([]);
  });

  it('pages through more candidates than fit in one page', async () => {
    for (let i = 0; i < 7; i++) {
      const keys = { ...loan.keys, loanId: `loan-page-${i}` };
      await record(streams.loan(keys.loanId), [
        { ...loan.requested, data: { ...loan.requested.data, ...keys } },
        { ...loan.accepted, data: { ...loan.accepted.data, ...keys } },
        { ...loan.shipped, data: { ...loan.shipped.data, ...keys } },
      ]);
    }
    await runner.catchUp();
    const run = await new Scheduler({ store, clock: fixedClock(loan.AT.overdue), ids: freshIds }, reads, 3).run();
    expect(run.loansMarkedOverdue.sort()).toEqual([loan.loanId, ...Array.from({ length: 7 }, (_, i) => `loan-page-${i}`)].sort());
  });
});
