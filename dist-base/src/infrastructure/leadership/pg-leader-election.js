"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PgLeaderElection = void 0;
const pg_1 = require("pg");
/** The first half of every election lock's key (the second is the hash of the job's name), apart from the store's own locks. */
const ELECTION_LOCKS = 0x1ed6e9;
/**
 * Leader election with PostgreSQL session-level advisory locks, held on one
 * connection of its own: the instance whose session holds a job's lock runs
 * the job. The server releases a session's locks the moment the session ends,
 * so a killed instance (its socket closed by the kernel) hands its jobs on
 * within one retry interval of the others. An instance that loses its
 * connection, or whose connection stops answering within the interval, steps
 * down at once: it cannot know whether its locks are still held.
 */
class PgLeaderElection {
    connection;
    options;
    entries = new Map();
    retryMs;
    client;
    connecting;
    timer;
    ticking;
    /** Until when this instance, deposed by a lost connection, does not try for any job. */
    quietUntil = 0;
    closed = false;
    constructor(connection, options) {
        this.connection = connection;
        this.options = options;
        this.retryMs = options.retryMs ?? 1000;
    }
    async campaign(name, job) {
        if (this.entries.has(name))
            throw new Error(`already campaigning for ${name}`);
        const entry = { name, job, leading: false, following: false, trying: false, turn: Promise.resolve(), withdrawn: false };
        this.entries.set(name, entry);
        await this.tryToLead(entry);
        await entry.turn;
        this.timer ??= setInterval(() => void this.tick(), this.retryMs).unref();
        return { isLeader: () => entry.leading, withdraw: () => this.withdraw(entry) };
    }
    /** The backend process of the session that holds the locks (null when not connected), for operators and tests. */
    backendPid() {
        return this.client?.processID ?? null;
    }
    async close() {
        this.closed = true;
        clearInterval(this.timer);
        await this.ticking;
        for (const entry of [...this.entries.values()])
            await this.withdraw(entry);
        const client = this.client;
        this.client = undefined;
        await client?.end().catch(() => undefined);
    }
    async withdraw(entry) {
        if (entry.withdrawn)
            return;
        entry.withdrawn = true;
        this.entries.delete(entry.name);
        const wasLeading = entry.leading;
        entry.leading = false;
        if (wasLeading)
            this.options.onChange?.(entry.name, false);
        entry.turn = entry.turn.then(() => entry.job.stepDown()).catch((error) => this.options.onError?.(error));
        await entry.turn;
        if (wasLeading)
            await this.unlock(this.client, entry);
    }
    unlock(client, entry) {
        return client?.query('SELECT pg_advisory_unlock($1, hashtext($2))', [ELECTION_LOCKS, this.lockName(entry)]).catch(() => undefined) ?? Promise.resolve();
    }
    async tick() {
        if (this.ticking || this.closed)
            return;
        this.ticking = (async () => {
            for (const entry of this.entries.values()) {
                if (this.closed)
                    return;
                await this.tryToLead(entry);
            }
            // A leader's connection must keep answering: one that does not may already have lost its locks.
            if ([...this.entries.values()].some((entry) => entry.leading)) {
                await this.client?.query('SELECT 1').catch((error) => this.lost(error));
            }
        })().finally(() => (this.ticking = undefined));
        await this.ticking;
    }
    async tryToLead(entry) {
        if (entry.leading || entry.withdrawn || entry.trying)
            return;
        // Deposed by its connection, an instance lets the others try first for two intervals: the jobs move instead of bouncing back.
        if (Date.now() < this.quietUntil)
            return;
        entry.trying = true;
        try {
            await this.attempt(entry);
        }
        finally {
            entry.trying = false;
        }
    }
    async attempt(entry) {
        const client = await this.connected();
        if (!client)
            return this.follow(entry);
        let won;
        try {
            const { rows } = await client.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS won', [ELECTION_LOCKS, this.lockName(entry)]);
            won = rows[0].won;
        }
        catch (error) {
            this.lost(error);
            return;
        }
        if (entry.withdrawn)
            return;
        if (!won || this.client !== client)
            return this.follow(entry);
        entry.leading = true;
        entry.following = false;
        this.options.onChange?.(entry.name, true);
        entry.turn = entry.turn.then(async () => {
            if (!entry.leading)
                return;
            try {
                await entry.job.lead();
            }
            catch (error) {
                // A job that cannot start lets another instance (or a later attempt here) have it.
                this.options.onError?.(error);
                this.stepDown(entry);
                await this.unlock(client, entry);
            }
        });
    }
    follow(entry) {
        const follow = entry.job.follow;
        if (entry.following || entry.leading || entry.withdrawn || !follow)
            return;
        entry.following = true;
        entry.turn = entry.turn.then(() => follow()).catch((error) => this.options.onError?.(error));
    }
    stepDown(entry) {
        if (!entry.leading)
            return;
        entry.leading = false;
        this.options.onChange?.(entry.name, false);
        entry.turn = entry.turn.then(() => entry.job.stepDown()).catch((error) => this.options.onError?.(error));
        this.follow(entry);
    }
    /** The connection is gone or not answering: every job steps down, and the next tick connects again. */
    lost(error) {
        const client = this.client;
        if (!client)
            return;
        this.client = undefined;
        this.quietUntil = Date.now() + 2 * this.retryMs;
        this.options.onError?.(error);
        for (const entry of this.entries.values())
            this.stepDown(entry);
        void client.end().catch(() => undefined);
    }
    connected() {
        if (this.client)
            return Promise.resolve(this.client);
        if (this.closed)
            return Promise.resolve(undefined);
        this.connecting ??= (async () => {
            const client = new pg_1.Client({
                ...this.connection,
                application_name: 'ledger-leader-election',
                keepAlive: true,
                // A query the server does not answer in one interval means the session may be gone.
                query_timeout: Math.max(this.retryMs, 1000),
            });
            client.on('error', (error) => {
                if (this.client === client)
                    this.lost(error);
            });
            client.on('end', () => {
                if (this.client === client)
                    this.lost(new Error('the leader election connection ended'));
            });
            try {
                await client.connect();
            }
            catch (error) {
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
    lockName(entry) {
        return `${this.options.namespace}:${entry.name}`;
    }
}
exports.PgLeaderElection = PgLeaderElection;
//# sourceMappingURL=pg-leader-election.js.map