import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { LeaderJob } from '../../src/application/ports/leader-election.port';
import { PgLeaderElection } from '../../src/infrastructure/leadership/pg-leader-election';
import { eventually } from '../e2e/support/eventually';
import { ensureTestDatabase, TEST_DATABASE_URL } from '../support/postgres';

/** A job that records what the election told it, in order. */
const recordingJob = () => {
  const told: string[] = [];
  const job: LeaderJob = {
    lead: async () => void told.push('lead'),
    stepDown: async () => void told.push('stepDown'),
    follow: async () => void told.push('follow'),
  };
  return { job, told };
};

describe('leader election with PostgreSQL advisory locks', () => {
  const elections: PgLeaderElection[] = [];
  let admin: Pool;
  let namespace: string;
  const instance = (ns = namespace) => {
    const election = new PgLeaderElection({ connectionString: TEST_DATABASE_URL }, { namespace: ns, retryMs: 100 });
    elections.push(election);
    return election;
  };

  beforeAll(async () => {
    await ensureTestDatabase();
    admin = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
  });
  beforeEach(() => (namespace = `t_${randomUUID().slice(0, 8)}`));
  afterEach(async () => {
    await Promise.all(elections.splice(0).map((election) => election.close()));
  });
  afterAll(() => admin.end());

  it('elects exactly one of two instances; the other follows', async () => {
    const [a, b] = [recordingJob(), recordingJob()];
    const first = await instance().campaign('projections', a.job);
    const second = await instance().campaign('projections', b.job);
    expect([first.isLeader(), second.isLeader()]).toEqual([true, false]);
    expect(a.told).toEqual(['lead']);
    expect(b.told).toEqual(['follow']);
    // Trying again and again never takes a held lock, nor the same lock twice for the leader.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(a.told).toEqual(['lead']);
    expect(b.told).toEqual(['follow']);
  });

  it('elects each job on its own, and each namespace on its own', async () => {
    const election = instance();
    const other = instance();
    const scheduler = await election.campaign('scheduler', recordingJob().job);
    const sealer = await other.campaign('sealer', recordingJob().job);
    const elsewhere = await instance(`${namespace}_b`).campaign('scheduler', recordingJob().job);
    expect([scheduler.isLeader(), sealer.isLeader(), elsewhere.isLeader()]).toEqual([true, true, true]);
  });

  it('hands the job to a follower once the leader withdraws', async () => {
    const [a, b] = [recordingJob(), recordingJob()];
    const first = await instance().campaign('sealer', a.job);
    const second = await instance().campaign('sealer', b.job);
    await first.withdraw();
    expect(a.told).toEqual(['lead', 'stepDown']);
    await eventually(() => expect(second.isLeader()).toBe(true));
    await eventually(() => expect(b.told).toEqual(['follow', 'lead']));
  });

  it('steps down at once when its connection is cut, and the follower takes over', async () => {
    const [a, b] = [recordingJob(), recordingJob()];
    const leaderElection = instance();
    const leader = await leaderElection.campaign('webhooks', a.job);
    const follower = await instance().campaign('webhooks', b.job);
    const pid = leaderElection.backendPid();
    expect(pid).not.toBeNull();

    await admin.query('SELECT pg_terminate_backend($1)', [pid]);

    await eventually(() => expect(a.told).toEqual(['lead', 'stepDown', 'follow']));
    expect(leader.isLeader()).toBe(false);
    await eventually(() => expect(follower.isLeader()).toBe(true));
    expect(b.told).toEqual(['follow', 'lead']);
    // The old leader connects again and keeps trying, but the lock is the new leader's.
    await eventually(() => expect(leaderElection.backendPid()).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(leader.isLeader()).toBe(false);
  });

  it('lets another instance have a job whose start failed', async () => {
    const failing: LeaderJob = { lead: async () => { throw new Error('cannot start'); }, stepDown: async () => undefined };
    const first = await instance().campaign('scheduler', failing);
    expect(first.isLeader()).toBe(false);
    const b = recordingJob();
    // The failing instance keeps trying, and lets go each time: the other one gets the lock and keeps it.
    const second = await instance().campaign('scheduler', b.job);
    await eventually(() => expect(second.isLeader()).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([first.isLeader(), second.isLeader()]).toEqual([false, true]);
    expect(b.told.filter((step) => step === 'lead')).toEqual(['lead']);
  });
});
