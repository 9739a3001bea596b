import { Client, type ClientConfig, type QueryResult, type QueryResultRow } from 'pg';
import type { Candidacy, LeaderElection, LeaderJob } from '../../application/ports/leader-election.port';

/** The first half of every election lock's key (the second is the hash of the job's name), apart from the store's own locks. */
const ELECTION_LOCKS = 0x1ed6e9;

export type PgLeaderElectionOptions = Readonly<{
  /** Jobs are elected per namespace (the schema), so several ledgers may share one database. */
  namespace: string;
  /** How often a follower tries for the lock, and a leader checks its connection. */
  retryMs?: number;
  onError?: (error: unknown) => void;
  onChange?: (name: string, leading: boolean) => void;
}>;

type Entry = {
  readonly name: string;
  readonly job: LeaderJob;
  leading: boolean;
  /** `follow` has run since the job last led. */
  following: boolean;
  /** An attempt for the lock is out (a session's advisory locks stack: two attempts would take it twice). */
  trying: boolean;
  /** Lead and step down run one after another. */
  turn: Promise<void>;
  withdrawn: boolean;
};

/**
 * Leader election with PostgreSQL session-level advisory locks, held on one
 * connection of its own: the instance whose session holds a job's lock runs
 * the job. The server releases a session's locks the moment the session ends,
 * so a killed instance (its socket closed by the kernel) hands its jobs on
 * within one retry interval of the others. An instance that loses its
 * connection, or whose connection stops answering within the interval, steps
 * down at once: it cannot know whether its locks are still held.
 */
export class PgLeaderElection implements LeaderElection {
  private readonly entries = new Map<string, Entry>();
  private readonly retryMs: number;
  /** How long the server may take to answer a query on the election's connection. */
  private readonly answerMs: number;
  private client?: Client;
  private connecting?: Promise<Client | undefined>;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  /** Until when this instance, deposed by a lost connection, does not try for any job. */
  private quietUntil = 0;
  private closed = false;

  constructor(
    private readonly connection: ClientConfig,
    private readonly options: PgLeaderElectionOptions,
  ) {
    this.retryMs = options.retryMs ?? 1000;
    this.answerMs = Math.max(this.retryMs, 1000);
  }

  async campaign(name: string, job: LeaderJob): Promise<Candidacy> {
    if (this.entries.has(name)) throw new Error(`already campaigning for ${name}`);
    const entry: Entry = { name, job, leading: false, following: false, trying: false, turn: Promise.resolve(), withdrawn: false };
    this.entries.set(name, entry);
    await this.tryToLead(entry);
    await entry.turn;
    this.timer ??= setInterval(() => void this.tick(), this.retryMs).unref();
    return { isLeader: () => entry.leading, withdraw: () => this.withdraw(entry) };
  }

  /** The backend process of the session that holds the locks (null when not connected), for operators and tests. */
  backendPid(): number | null {
    return (this.client as unknown as { processID?: number } | undefined)?.processID ?? null;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.ticking;
    for (const entry of [...this.entries.values()]) await this.withdraw(entry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async withdraw(entry: Entry): Promise<void> {
    if (entry.withdrawn) return;
    entry.withdrawn = true;
    this.entries.delete(entry.name);
    const wasLeading = entry.leading;
    entry.leading = false;
    if (wasLeading) this.options.onChange?.(entry.name, false);
    entry.turn = entry.turn.then(() => entry.job.stepDown()).catch((error: unknown) => this.options.onError?.(error));
    await entry.turn;
    if (wasLeading) await this.unlock(this.client, entry);
  }

  private unlock(client: Client | undefined, entry: Entry): Promise<unknown> {
    return client?.query('SELECT pg_advisory_unlock($1, hashtext($2))', [ELECTION_LOCKS, this.lockName(entry)]).catch(() => undefined) ?? Promise.resolve();
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.closed) return;
    this.ticking = (async () => {
      for (const entry of this.entries.values()) {
        if (this.closed) return;
        await this.tryToLead(entry);
      }
      // A leader's connection must keep answering: one that does not may already have lost its locks.
      const client = this.client;
      if (client && [...this.entries.values()].some((entry) => entry.leading)) {
        await this.answered(client, 'SELECT 1').catch((error: unknown) => this.lost(error));
      }
    })().finally(() => (this.ticking = undefined));
    await this.ticking;
  }

  private async tryToLead(entry: Entry): Promise<void> {
    if (entry.leading || entry.withdrawn || entry.trying) return;
    // Deposed by its connection, an instance lets the others try first for two intervals: the jobs move instead of bouncing back.
    if (Date.now() < this.quietUntil) return;
    entry.trying = true;
    try {
      await this.attempt(entry);
    } finally {
      entry.trying = false;
    }
  }

  private async attempt(entry: Entry): Promise<void> {
    const client = await this.connected();
    if (!client) return this.follow(entry);
    let won: boolean;
    try {
      const { rows } = await this.answered<{ won: boolean }>(client, 'SELECT pg_try_advisory_lock($1, hashtext($2)) AS won', [ELECTION_LOCKS, this.lockName(entry)]);
      won = rows[0].won;
    } catch (error) {
      this.lost(error);
      return;
    }
    if (entry.withdrawn) return;
    if (!won || this.client !== client) return this.follow(entry);
    entry.leading = true;
    entry.following = false;
    this.options.onChange?.(entry.name, true);
    entry.turn = entry.turn.then(async () => {
      if (!entry.leading) return;
      try {
        await entry.job.lead();
      } catch (error) {
        // A job that cannot start lets another instance (or a later attempt here) have it.
        this.options.onError?.(error);
        this.stepDown(entry);
        await this.unlock(client, entry);
      }
    });
  }

  private follow(entry: Entry): void {
    const follow = entry.job.follow;
    if (entry.following || entry.leading || entry.withdrawn || !follow) return;
    entry.following = true;
    entry.turn = entry.turn.then(() => follow()).catch((error: unknown) => this.options.onError?.(error));
  }

  private stepDown(entry: Entry): void {
    if (!entry.leading) return;
    entry.leading = false;
    this.options.onChange?.(entry.name, false);
    entry.turn = entry.turn.then(() => entry.job.stepDown()).catch((error: unknown) => this.options.onError?.(error));
    this.follow(entry);
  }

  /** The connection is gone or not answering: every job steps down, and the next tick connects again. */
  private lost(error: unknown): void {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.quietUntil = Date.now() + 2 * this.retryMs;
    this.options.onError?.(error);
    for (const entry of this.entries.values()) this.stepDown(entry);
    void client.end().catch(() => undefined);
  }

  private connected(): Promise<Client | undefined> {
    if (this.client) return Promise.resolve(this.client);
    if (this.closed) return Promise.resolve(undefined);
    this.connecting ??= (async () => {
      const client = new Client({
        ...this.connection,
        application_name: 'ledger-leader-election',
        keepAlive: true,
      });
      client.on('error', (error) => {
        if (this.client === client) this.lost(error);
      });
      client.on('end', () => {
        if (this.client === client) this.lost(new Error('the leader election connection ended'));
      });
      try {
        await client.connect();
      } catch (error) {
        this.options.onError?.(error);
        await client.end().catch(() => undefined);
        return undefined;
      }
      if (this.closed) {
        await client.end().catch(() => undefined);
        return undefined;
      }
      this.client = client;
      return client;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /**
   * A query on the election's connection, refused when the server has not
   * answered within one interval (at least a second): the session may be
   * gone. Late means the server was silent, not that this process was
   * busy: when the interval ends, an answer already received but not yet
   * read (the event loop was held by a long fold or a collection) is read
   * first, so a stall here does not depose a leader whose session is alive.
   * (pg's own query_timeout fires before that read.)
   */
  private answered<R extends QueryResultRow>(client: Client, text: string, values?: unknown[]): Promise<QueryResult<R>> {
    const answer = client.query<R>(text, values);
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<never>((_, reject) => {
      timer = setTimeout(
        // setImmediate runs after the event loop's poll for I/O, the one that reads an answer waiting on the socket.
        () => setImmediate(() => reject(new Error(`the leader election connection did not answer within ${this.answerMs} ms`))),
        this.answerMs,
      );
    });
    // The answer that comes after the silence (or the error of the connection ended for it) concerns no one.
    answer.catch(() => undefined);
    return Promise.race([answer, silence]).finally(() => clearTimeout(timer));
  }

  private lockName(entry: Entry): string {
    return `${this.options.namespace}:${entry.name}`;
  }
}
