import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { Pool, type Client } from 'pg';
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

/** Holds the thread, as a long synchronous fold or a collection would. */
const holdEventLoop = (ms: number): void => {
  const until = Date.now() + ms;
  while (Date.now() < until);
};

/**
 * A TCP relay on loopback to the test server that can go silent: it stops
 * passing bytes on the connections it holds, as a network that drops them
 * does, while keeping them open, and cuts any new one.
 */
const silenceableRelay = async () => {
  const target = new URL(TEST_DATABASE_URL);
  const held: Socket[] = [];
  let silent = false;
  const server: Server = createServer((inbound) => {
    const outbound = connect(Number(target.port || 5432), target.hostname);
    held.push(inbound, outbound);
    for (const [from, to] of [[inbound, outbound], [outbound, inbound]]) {
      from.on('data', (chunk: Buffer) => void (silent ? undefined : to.write(chunk)));
      // Silent, it passes no end either: the server keeps the session, as it would across a partition.
      from.on('error', () => void (silent ? undefined : to.destroy()));
      from.on('close', () => void (silent ? undefined : to.destroy()));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = new URL(TEST_DATABASE_URL);
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    /** From now on the connections already made pass nothing. */
    silence: () => {
      silent = true;
      server.removeAllListeners('connection');
      server.on('connection', (socket: Socket) => socket.destroy());
    },
    close: async () => {
      for (const socket of held) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
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

  it('keeps its jobs when its own event loop is held past the interval while the server answers', async () => {
    const a = recordingJob();
    const election = instance();
    const leader = await election.campaign('projections', a.job);
    expect(leader.isLeader()).toBe(true);
    // Right after a check query is sent, other work (outside a timer's callback) holds the thread past the
    // one-second limit: the answer waits on the socket, and the next turn of the event loop runs timers first.
    const client = (election as unknown as { client: Client }).client;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    let held = 0;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const sent = query(...args);
      if (held < 3) setImmediate(() => {
        held += 1;
        holdEventLoop(1300);
      });
      return sent;
    };
    await eventually(() => expect(held === 3 || !leader.isLeader()).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(leader.isLeader()).toBe(true);
    expect(a.told).toEqual(['lead']);
    expect(election.backendPid()).toBe((client as unknown as { processID: number }).processID);
  });

  it('steps down when its connection stops answering, and the lock stays with the silent session', async () => {
    const relay = await silenceableRelay();
    try {
      const a = recordingJob();
      const election = new PgLeaderElection({ connectionString: relay.url }, { namespace, retryMs: 100 });
      elections.push(election);
      const leader = await election.campaign('sealer', a.job);
      expect(leader.isLeader()).toBe(true);
      const started = Date.now();
      relay.silence();
      await eventually(() => expect(a.told).toEqual(['lead', 'stepDown', 'follow']));
      // Not before the one-second limit: a check that merely comes late does not depose.
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(leader.isLeader()).toBe(false);
      // The server still holds the silent session, and its lock: no instance leads until that session ends.
      const other = await instance().campaign('sealer', recordingJob().job);
      expect(other.isLeader()).toBe(false);
    } finally {
      await relay.close();
    }
  });
});
