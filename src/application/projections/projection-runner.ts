import { setImmediate as nextTurn } from 'node:timers/promises';
import { BehaviorSubject, Subscription, filter, firstValueFrom, map, timeout } from 'rxjs';
import { systemClock, type Clock } from '../ports/clock.port';
import type { EventStore, Position, RecordedEvent } from '../ports/event-store.port';
import type { ProjectionChanges, ReadStore, RebuildRequest, SetAsideEvent } from '../ports/read-store.port';
import { isRowProjection, shadowName, shadowOf, type DocumentProjection, type Projection, type RowProjection } from './projection';
import { BULK_READ, BULK_ROWS, BulkFold, type SetAsidePolicy } from './bulk-fold';
import { startFoldSpans } from '../operations/tracing';

const toBig = (position: Position | null): bigint => (position === null ? -1n : BigInt(position));
const toPosition = (position: bigint): Position | null => (position < 0n ? null : position.toString());
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Events folded per transaction. Larger batches write each touched page once
 * for many events; 10,000 rebuilt about 20% faster than 2,000 here.
 */
export const PROJECTION_BATCH = 10_000;

/**
 * Under steady traffic a batch is folded at most this often: the next waits
 * for what arrives meanwhile. Each fold commits one transaction that rewrites
 * every page it touches and every read model's checkpoint, whatever the
 * number of events in it; at 700 commands/s, evenly spaced, folding each
 * command on its own took 30% of the service's main thread (a CPU profile),
 * 9% at 10 ms. At 1,000 commands/s, open loop, 40 ms rather than 10 gave
 * a lower p99 in each of six alternating pairs of runs (23–52 ms against
 * 36–84) and a main thread less busy in five (0.74–0.92 of the time against
 * 0.80–0.92); 80 ms was no better than 40. After a pause the first event is
 * folded at once, and a reader waiting for a position (waitFor) ends the
 * wait, so read-your-writes does not pay the interval.
 */
export const FOLD_INTERVAL_MS = 40;

/** How often the runner looks for set-aside events an operator retried or skipped. */
export const SET_ASIDE_POLL_MS = 1000;

/**
 * How often an instance that does not fold (another instance leads) reads the
 * shared checkpoints while a query waits for a position; without a waiter it
 * reads them every WATCH_IDLE_TICKS of these.
 */
export const WATCH_POLL_MS = 50;
/** How often a bulk fold tells how far it has come (RunnerOptions.onBulkFold). */
export const BULK_PROGRESS_MS = 10_000;
const WATCH_IDLE_TICKS = 20;

/** running: following the log; stuck: stopped at an event it cannot fold; rebuilding: folding the log again from the start. */
export type ProjectionState = 'running' | 'stuck' | 'rebuilding';

/** A rebuild beside the live read model: when it was asked for, and how far the new read model has folded (null: not started). */
export type RebuildProgress = Readonly<{ requestedAt: string; position: Position | null }>;

export type ProjectionStatus = Readonly<{
  name: string;
  version: number;
  /** The last position the read model has folded (null: none yet). */
  position: Position | null;
  state: ProjectionState;
  /** The event it stopped at, when stuck. */
  stuckAt: SetAsideEvent | null;
  /** A new read model being built beside this one, which keeps serving until it is switched in. */
  rebuild?: RebuildProgress;
}>;

export type RunnerStatus = Readonly<{
  /** The position every read model has folded. */
  position: Position | null;
  /** Following the log: folding it (leading), or watching the read models another instance folds. */
  running: boolean;
  /** Whether this instance folds the read models (false: another instance does, this one reads their checkpoints). */
  leading: boolean;
  /** The last failure to read or write (not to fold: those are set aside), until a batch succeeds again. */
  error: string | null;
  projections: readonly ProjectionStatus[];
}>;

export type RunnerOptions = Readonly<{
  batchSize?: number;
  onError?: (error: unknown) => void;
  /** Told of every event set aside as it is set aside. */
  onSetAside?: (event: SetAsideEvent) => void;
  /** Projections that go on past an event they cannot fold instead of stopping at it; '*' for every one. */
  skipBadEvents?: readonly string[] | '*';
  clock?: Clock;
  pollMs?: number;
  /** FOLD_INTERVAL_MS unless a test gives its own. */
  foldIntervalMs?: number;
  /**
   * Called after each read of a bulk fold. The service passes one that runs a
   * full garbage collection once the heap has grown well past what the last
   * one kept (infrastructure/runtime/heap-collector): otherwise the fold's
   * garbage piles up in the old generation and the peak RSS is many times
   * what the fold keeps.
   */
  collect?: () => void;
  /**
   * Told where a bulk fold stands (a start-up after a read model's version
   * changed, a new read model, `cli rebuild`): when it starts, every
   * BULK_PROGRESS_MS while it reads the log, when it builds the indexes and
   * when it ends. The service logs it: a start-up that folds a long log
   * would otherwise say nothing until it listens.
   */
  onBulkFold?: (progress: BulkFoldProgress) => void;
  /** BULK_PROGRESS_MS unless a test gives its own. */
  bulkProgressMs?: number;
}>;

export type BulkFoldProgress = Readonly<{
  stage: 'started' | 'folding' | 'indexing' | 'done';
  /** Each read model folded from the start, with why: `version 3 → 4`, `rebuild`, or `no checkpoint` (a new read model, or a fold from the start that was interrupted). */
  readModels: Readonly<Record<string, string>>;
  /** Events read so far. */
  events: number;
  /** The last position read, and the log's head when the fold started. */
  position: Position | null;
  head: Position | null;
  seconds: number;
}>;

/** A read model a reader waits for is stuck before the position it wants: waiting will not bring it there. */
export class ProjectionStuck extends Error {
  constructor(readonly event: SetAsideEvent) {
    super(`the read model ${event.projection} is stuck at position ${event.position} (${event.type} ${event.eventId}): ${event.error}`);
    this.name = 'ProjectionStuck';
  }
}

type Folded = Readonly<{ checkpoint: Position; setAside: SetAsideEvent[] }>;

/**
 * The one projection runner. It reads the log once for all projections and
 * folds each batch into every projection that has not seen it yet; each
 * projection's rows, checkpoint and set-aside events are written together, so
 * a crash at any moment leaves every read model consistent with its checkpoint.
 *
 * An event a projection cannot fold (its fold throws) stops that projection
 * alone: the event is set aside and the projection waits at it until an
 * operator retries or skips it (or, for projections named in `skipBadEvents`,
 * goes on without it), while every other read model keeps following the log.
 */
export class ProjectionRunner {
  private readonly checkpoints = new Map<string, bigint>();
  private readonly stuck = new Map<string, SetAsideEvent>();
  private readonly skipped = new Map<string, Set<Position>>();
  private readonly rebuilding = new Set<string>();
  /** Read models reset for the bulk path, whose indexes are built once it has folded the log. */
  private readonly deferred = new Set<string>();
  /** Why each read model reset for the bulk path starts from nothing (BulkFoldProgress.readModels). */
  private readonly resetBecause = new Map<string, string>();
  /** Rebuilds beside the live read models, requested or in progress. */
  private readonly besides = new Map<string, RebuildProgress>();
  private rebuildingBeside?: Promise<void>;
  private readonly progress$ = new BehaviorSubject<void>(undefined);
  private subscription?: Subscription;
  private queue: RecordedEvent[] = [];
  private draining?: Promise<void>;
  /** When the last live batch was folded (performance.now()), for FOLD_INTERVAL_MS. */
  private folded = Number.NEGATIVE_INFINITY;
  /** Batches are applied one after another, whoever reads them, so none is folded twice. */
  private applying: Promise<void> = Promise.resolve();
  private resuming?: Promise<void>;
  private error: string | null = null;
  private restart?: NodeJS.Timeout;
  private poller?: NodeJS.Timeout;
  private stopped = false;
  private starting?: Promise<void>;
  private watcher?: NodeJS.Timeout;
  private watching?: Promise<void>;
  private waiters = 0;
  /** Set while a drain waits out the fold interval: ends the wait. */
  private hurry?: () => void;
  private readonly batchSize: number;
  private readonly clock: Clock;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly projections: readonly Projection[],
    private readonly options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? PROJECTION_BATCH;
    this.clock = options.clock ?? systemClock;
  }

  /** Creates missing tables, rebuilds any projection whose version changed, and loads the events set aside. */
  async init(): Promise<void> {
    for (const projection of this.projections) {
      const checkpoint = await this.readStore.checkpoint(projection.name);
      // An older version's tables may lack what this one declares (a column its key names): drop them before preparing.
      if (checkpoint.position !== null && checkpoint.version !== projection.version) {
        // Folded again from the start by the bulk path (catchUp), into tables without their indexes until it ends.
        await this.reset(projection, true, `version ${checkpoint.version} → ${projection.version}`);
      } else {
        await this.readStore.prepare(projection);
        this.checkpoints.set(projection.name, toBig(checkpoint.position));
      }
    }
    this.stuck.clear();
    for (const event of await this.readStore.setAside()) {
      // A read model named in skipBadEvents goes on past an event it was stuck at before, as past one it meets now.
      const skipped = event.resolution === 'stuck' && this.skips(event.projection) && (await this.readStore.skipSetAside(event.projection, event.position));
      this.remember(skipped ? { ...event, resolution: 'skipped' } : event);
    }
    this.progress$.next();
  }

  /** Whether the projection goes on without an event it cannot fold (skipBadEvents), rather than stopping at it. */
  private skips(name: string): boolean {
    return this.options.skipBadEvents === '*' || (this.options.skipBadEvents ?? []).includes(name);
  }

  /**
   * Drops every read model and folds the whole log again, by the bulk path
   * (see catchUp). Returns the events read.
   */
  async rebuild(): Promise<number> {
    for (const projection of this.projections) await this.reset(projection, true, 'rebuild');
    this.progress$.next();
    return this.catchUp();
  }

  /**
   * Folds the read models that start from nothing (rebuilt, their version
   * changed, or new) by the bulk path: BulkFold, the log read once for all
   * of them in small reads, documents kept in memory, a write every
   * BULK_COMMIT events, tables reset without their indexes until the end
   * (`deferred`), which then builds them. Returns the events read.
   */
  private async foldFromStart(): Promise<number> {
    const fresh = this.projections.filter((projection) => this.checkpointOf(projection.name) < 0n && !this.stuck.has(projection.name));
    let read = 0;
    const readModels = Object.fromEntries(fresh.map(({ name }) => [name, this.resetBecause.get(name) ?? 'no checkpoint']));
    this.resetBecause.clear();
    const started = performance.now();
    const head = fresh.length > 0 && this.options.onBulkFold ? await this.store.headPosition() : null;
    let told = started;
    let newest = -1n;
    // An empty log (a new ledger's first start) has nothing to fold and nothing to tell.
    const tell = (stage: BulkFoldProgress['stage']) => {
      told = performance.now();
      if (head !== null) this.options.onBulkFold?.({ stage, readModels, events: read, position: toPosition(newest), head, seconds: (told - started) / 1000 });
    };
    if (fresh.length > 0) {
      tell('started');
      const bulk = new BulkFold(
        this.readStore,
        fresh.map((projection) => ({ projection, from: -1n, policy: this.policyOf(projection) })),
      );
      const write = async () => {
        const changes = bulk.changes();
        if (changes.length === 0) return;
        await this.readStore.commit(changes);
        for (const change of changes) this.settle(change);
        this.progress$.next();
      };
      // The fold may stop within a read (BULK_ROWS) and read the rest again: each event is counted once.
      for (let after = bulk.after; after !== undefined && !this.stopped; after = bulk.after) {
        // What waits on the event loop (timers, a thread's messages) goes between reads: a read of SQLite never waits, so without this nothing else would run.
        await nextTurn();
        const events = await this.store.readAll({ after: toPosition(after), limit: BULK_READ });
        if (events.length === 0) break;
        await bulk.fold(events);
        this.options.collect?.();
        read += BigInt(events[0].position) > newest ? events.length : events.filter((event) => BigInt(event.position) > newest).length;
        newest = BigInt(events[events.length - 1].position);
        if (bulk.due) await this.apply(write);
        if (performance.now() - told >= (this.options.bulkProgressMs ?? BULK_PROGRESS_MS)) tell('folding');
      }
      await this.apply(write);
      if (this.stopped) return read;
    }
    // Stopped before this, the indexes are built by prepare at the next init.
    const indexed = this.projections.filter(({ name }) => this.deferred.has(name));
    if (fresh.length > 0 && indexed.length > 0) tell('indexing');
    for (const projection of indexed) {
      this.deferred.delete(projection.name);
      await this.readStore.prepare(projection);
    }
    if (fresh.length > 0) tell('done');
    return read;
  }

  /**
   * Builds one read model again beside the live one, which keeps serving:
   * the bulk path into its shadow tables from the start of the log while the
   * runner keeps the live one following, then, with the runner's batches held
   * back, the last events up to the live read model's checkpoint and the
   * switch (ReadStore.promote), in one transaction.
   */
  async rebuildBeside(projection: Projection, requestedAt: string): Promise<void> {
    const { name } = projection;
    const shadow = shadowOf(projection);
    this.besides.set(name, { requestedAt, position: null });
    this.progress$.next();
    try {
      await this.readStore.reset(shadow, { deferIndexes: true });
      const bulk = new BulkFold(this.readStore, [{ projection: shadow, from: -1n, policy: this.policyOf(projection, false) }]);
      const write = async () => {
        const changes = bulk.changes().map((change) => ({ ...change, setAside: [] }));
        if (changes.length > 0) await this.readStore.commit(changes);
      };
      // Caught up: within one read of where the live read model is.
      for (let after = bulk.after; after !== undefined && !this.stopped && after + BigInt(BULK_READ) < this.checkpointOf(name); after = bulk.after) {
        // Queries and the live runner's batches go between reads: a read of SQLite never waits, so without this nothing else would run.
        await nextTurn();
        const events = await this.store.readAll({ after: toPosition(after), limit: BULK_READ });
        if (events.length === 0) break;
        await bulk.fold(events);
        this.options.collect?.();
        this.besides.set(name, { requestedAt, position: toPosition(bulk.positionOf(shadow.name)) });
        if (bulk.due) await write();
      }
      await write();
      if (this.stopped) return;
      await this.readStore.prepare(shadow);
      await this.exclusively(async () => {
        const live = this.checkpointOf(name);
        for (let after = bulk.after; after !== undefined && after < live; after = bulk.after) {
          const events = await this.store.readAll({ after: toPosition(after), limit: BULK_READ });
          if (events.length === 0) break;
          await bulk.fold(events, live);
        }
        if (bulk.positionOf(shadow.name) !== live) {
          throw new Error(`the new ${name} read model stopped at position ${bulk.positionOf(shadow.name)}, the live one is at ${live}`);
        }
        const [last = null] = bulk.changes().map((change) => ({ ...change, setAside: [] }));
        await this.readStore.promote(projection, last);
      });
    } catch (error) {
      this.error = messageOf(error);
      this.options.onError?.(error);
      if (this.stopped) return;
      // Given up: the request goes, so that it is not tried again and again; the live read model is untouched.
      await this.readStore.dropRebuildRequest(name).catch(() => undefined);
      await this.readStore.reset(shadow).catch(() => undefined);
    } finally {
      this.besides.delete(name);
      this.progress$.next();
    }
  }

  /** Takes the oldest request to rebuild a read model beside the live one, unless one is being rebuilt. */
  private async takeRebuildRequest(): Promise<void> {
    if (this.rebuildingBeside !== undefined || this.stopped) return;
    const requests = await this.readStore.rebuildRequests();
    for (const request of requests) {
      const projection = this.projections.find((p) => p.name === request.projection);
      if (projection === undefined) {
        await this.readStore.dropRebuildRequest(request.projection);
        continue;
      }
      this.rebuildingBeside = this.rebuildBeside(projection, request.requestedAt).finally(() => (this.rebuildingBeside = undefined));
      return;
    }
  }

  /** Asks for a rebuild beside the live read model (the runner that folds takes it within SET_ASIDE_POLL_MS); false for an unknown name. */
  async requestRebuild(name: string): Promise<RebuildRequest | null> {
    if (!this.projections.some((projection) => projection.name === name)) return null;
    const request = { projection: name, requestedAt: this.clock.now().toISOString() };
    await this.readStore.requestRebuild(request);
    const pending = (await this.readStore.rebuildRequests()).find((r) => r.projection === name) ?? request;
    if (!this.besides.has(name)) this.besides.set(name, { requestedAt: pending.requestedAt, position: null });
    this.progress$.next();
    return pending;
  }

  /** How a projection treats an event it cannot fold, in a bulk fold (`record`: set-aside events are kept). */
  private policyOf(projection: Projection, record = true): SetAsidePolicy {
    return {
      skipped: this.skipped.get(projection.name),
      skips: this.skips(projection.name),
      setAside: (event, error, skipped) => this.setAside(projection, event, error, skipped || !record),
    };
  }

  /** Runs work with the runner's batches held back. */
  private exclusively(work: () => Promise<void>): Promise<void> {
    const done = this.applying.then(work);
    this.applying = done.catch(() => undefined);
    return done;
  }

  /**
   * Folds what the log holds beyond the checkpoints: the read models that
   * start from nothing by the bulk path first (foldFromStart), then every
   * read model batch by batch. Returns the events read.
   */
  async catchUp(): Promise<number> {
    let read = await this.foldFromStart();
    for (let after = this.lowestFollowing(); after !== undefined && !this.stopped; after = this.lowestFollowing()) {
      const batch = await this.store.readAll({ after: toPosition(after), limit: this.batchSize });
      if (batch.length === 0) break;
      await this.apply(batch);
      read += batch.length;
    }
    this.rebuilding.clear();
    this.progress$.next();
    return read;
  }

  /** Catches up, then follows new events as they are appended, and watches for set-aside events being released. */
  async start(): Promise<void> {
    this.stopped = false;
    const starting = (async () => {
      await this.catchUp();
      // Stopped during the catch-up (another instance leads now): follow nothing.
      if (this.stopped) return;
      this.follow();
      this.poller ??= setInterval(() => {
        void this.poll();
        this.takeRebuildRequest().catch((error: unknown) => this.options.onError?.(error));
      }, this.options.pollMs ?? SET_ASIDE_POLL_MS).unref();
    })();
    this.starting = starting;
    await starting.finally(() => {
      if (this.starting === starting) this.starting = undefined;
    });
  }

  /** Stops folding (a catch-up in progress ends after its batch) and watching. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.stopWatching();
    await this.starting?.catch(() => undefined);
    clearTimeout(this.restart);
    clearInterval(this.poller);
    this.poller = undefined;
    this.unfollow();
    this.hurry?.();
    await this.resuming;
    await this.draining;
    await this.rebuildingBeside;
  }

  /**
   * Once stopped: folds, once, what the log holds beyond the checkpoints (what
   * the jobs' final work appended after the stop: the last seal), and stays
   * stopped, so that a clean stop leaves the read models at the log's head.
   */
  async foldRest(): Promise<void> {
    this.stopped = false;
    try {
      await this.catchUp();
    } finally {
      this.stopped = true;
    }
  }

  /**
   * Another instance folds the shared read models: this one only reads how
   * far they are (checkpoints and set-aside events) from the read store, so
   * that its queries, and those waiting for a position, see what the leader
   * folded. Every WATCH_POLL_MS while a query waits, else every second.
   */
  async watch(pollMs = WATCH_POLL_MS): Promise<void> {
    if (this.watcher !== undefined) return;
    await this.refresh();
    let ticks = 0;
    this.watcher = setInterval(() => {
      ticks += 1;
      if (this.watching !== undefined || (this.waiters === 0 && ticks % WATCH_IDLE_TICKS !== 0)) return;
      this.watching = this.refresh()
        .catch((error: unknown) => {
          this.error = messageOf(error);
          this.options.onError?.(error);
        })
        .finally(() => (this.watching = undefined));
    }, pollMs).unref();
  }

  async stopWatching(): Promise<void> {
    clearInterval(this.watcher);
    this.watcher = undefined;
    await this.watching;
  }

  /** Reads the checkpoints and stuck projections as the instance that folds them wrote them. */
  private async refresh(): Promise<void> {
    for (const projection of this.projections) {
      const checkpoint = await this.readStore.checkpoint(projection.name);
      // A leader of another version folds tables of another shape: nothing in them counts until this version's are built.
      const current = checkpoint.position === null || checkpoint.version === projection.version;
      this.checkpoints.set(projection.name, current ? toBig(checkpoint.position) : -1n);
      if (current) this.rebuilding.delete(projection.name);
      else this.rebuilding.add(projection.name);
    }
    this.stuck.clear();
    for (const event of await this.readStore.setAside()) if (event.resolution === 'stuck') this.remember(event);
    this.besides.clear();
    for (const { projection, requestedAt } of await this.readStore.rebuildRequests()) {
      const built = await this.readStore.checkpoint(shadowName(projection));
      this.besides.set(projection, { requestedAt, position: built.position });
    }
    this.error = null;
    this.progress$.next();
  }

  status(): RunnerStatus {
    const projections = this.projections.map(({ name, version }): ProjectionStatus => {
      const stuckAt = this.stuck.get(name) ?? null;
      const rebuild = this.besides.get(name);
      const state = stuckAt ? 'stuck' : this.rebuilding.has(name) || rebuild ? 'rebuilding' : 'running';
      return { name, version, position: toPosition(this.checkpointOf(name)), state, stuckAt, ...(rebuild ? { rebuild } : {}) };
    });
    const running = this.subscription !== undefined || this.watcher !== undefined;
    return { position: toPosition(this.lowest()), running, leading: this.watcher === undefined, error: this.error, projections };
  }

  /** The last position all the named read models have folded (null: not one event yet), for a query that reads only them. */
  positionOf(projections: readonly string[]): Position | null {
    return toPosition(this.lowestOf(projections.map((name) => this.checkpointOf(name))) ?? -1n);
  }

  /**
   * Resolves once the named projections (all of them when none are named)
   * have folded the event at `position`; rejects with ProjectionStuck at once
   * when one of them is stuck before it, and with a TimeoutError after `timeoutMs`.
   */
  async waitFor(position: Position, timeoutMs = 5000, projections?: readonly string[]): Promise<void> {
    const names = projections ?? this.projections.map((projection) => projection.name);
    const unknown = names.filter((name) => !this.checkpoints.has(name));
    if (unknown.length > 0) throw new Error(`no read model named ${unknown.join(', ')}`);
    const target = BigInt(position);
    this.waiters += 1;
    if (this.progressTowards(target, names) === 'behind') this.hurry?.();
    const outcome = await firstValueFrom(
      this.progress$.pipe(
        map(() => this.progressTowards(target, names)),
        filter((reached) => reached !== 'behind'),
        timeout(timeoutMs),
      ),
    ).finally(() => (this.waiters -= 1));
    if (outcome !== 'reached') throw new ProjectionStuck(outcome);
  }

  private progressTowards(target: bigint, names: readonly string[]): 'reached' | 'behind' | SetAsideEvent {
    let outcome: 'reached' | 'behind' = 'reached';
    for (const name of names) {
      if (this.checkpointOf(name) >= target) continue;
      const stuckAt = this.stuck.get(name);
      if (stuckAt) return stuckAt;
      outcome = 'behind';
    }
    return outcome;
  }

  private async reset(projection: Projection, deferIndexes = false, because?: string): Promise<void> {
    await this.readStore.reset(projection, { deferIndexes });
    if (deferIndexes) this.deferred.add(projection.name);
    if (because !== undefined) this.resetBecause.set(projection.name, because);
    this.checkpoints.set(projection.name, -1n);
    this.stuck.delete(projection.name);
    this.rebuilding.add(projection.name);
  }

  private follow(): void {
    if (this.subscription !== undefined) return;
    const subscription = this.store.subscribe(toPosition(this.lowestFollowing() ?? this.highest())).subscribe({
      next: (event) => {
        this.queue.push(event);
        this.draining ??= this.drain();
      },
      error: (error) => this.fail(error),
    });
    // A subscription that failed at once has already been handed to fail(), which starts again later.
    if (!subscription.closed) this.subscription = subscription;
  }

  private unfollow(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.queue = [];
  }

  /** Batches whatever arrived while the previous batch was being written, at most one every FOLD_INTERVAL_MS. */
  private async drain(): Promise<void> {
    try {
      const wait = this.folded + (this.options.foldIntervalMs ?? FOLD_INTERVAL_MS) - performance.now();
      await (wait > 0 && this.waiters === 0 ? this.pause(wait) : nextTurn());
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.batchSize);
        await this.apply(batch);
      }
      this.folded = performance.now();
      this.error = null;
    } catch (error) {
      this.fail(error);
    } finally {
      this.draining = undefined;
    }
  }

  /** Resolves after `ms`, or sooner when hurried. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.hurry = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.hurry = done;
    });
  }

  /** Reports the failure and starts again from the checkpoints after a pause. */
  private fail(error: unknown): void {
    this.error = messageOf(error);
    this.options.onError?.(error);
    this.unfollow();
    if (this.stopped) return;
    this.restart = setTimeout(() => {
      if (!this.stopped && this.subscription === undefined) this.start().catch((e) => this.fail(e));
    }, 1000).unref();
  }

  /**
   * Notices set-aside events an operator retried or skipped (the CLI writes
   * the table, possibly from another process) and lets their projections go on:
   * following again from the lowest checkpoint brings them up to the others.
   */
  private async poll(): Promise<void> {
    if (this.stuck.size === 0 || this.resuming !== undefined || this.stopped) return;
    try {
      const rows = await this.readStore.setAside();
      const stillStuck = new Set(rows.filter((row) => row.resolution === 'stuck').map((row) => row.projection));
      const released = [...this.stuck.keys()].filter((name) => !stillStuck.has(name));
      if (released.length === 0) return;
      for (const name of released) this.stuck.delete(name);
      for (const row of rows) if (row.resolution === 'skipped') this.remember(row);
      this.resuming = this.resume().finally(() => (this.resuming = undefined));
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private async resume(): Promise<void> {
    this.unfollow();
    await this.draining;
    if (this.stopped) return;
    this.follow();
    this.progress$.next();
  }

  private remember(event: SetAsideEvent): void {
    if (!this.checkpoints.has(event.projection)) return;
    if (event.resolution === 'stuck') this.stuck.set(event.projection, event);
    else this.skippedBy(event.projection).add(event.position);
  }

  private apply(batch: readonly RecordedEvent[] | (() => Promise<void>)): Promise<void> {
    return this.exclusively(() => (typeof batch === 'function' ? batch() : this.applyNow(batch)));
  }

  private async applyNow(batch: readonly RecordedEvent[]): Promise<void> {
    const folded = startFoldSpans(batch);
    try {
      for (let rest = batch; rest.length > 0; ) rest = rest.slice(await this.foldBatch(rest));
      folded();
    } catch (error) {
      folded(error);
      throw error;
    }
  }

  /**
   * Folds the start of a batch into every projection and writes it in one
   * transaction; returns how many of its events that was. The whole batch,
   * unless a row projection's rows reach BULK_ROWS before its end (a
   * holdings registration alone can hold 10,000 titles): the batch is then
   * cut after the event that reached it, as the bulk path cuts its writes,
   * so that what one write carries in memory stays bounded.
   */
  private async foldBatch(batch: readonly RecordedEvent[]): Promise<number> {
    let folding = batch;
    let rows = this.rowChangesOf(folding);
    for (let cut = rows.cut; cut !== undefined; cut = rows.cut) {
      folding = folding.filter((event) => BigInt(event.position) <= cut);
      rows = this.rowChangesOf(folding);
    }
    const last = BigInt(folding[folding.length - 1].position);
    const changes: ProjectionChanges[] = [];
    for (const projection of this.projections) {
      const seen = this.checkpointOf(projection.name);
      if (last <= seen || this.stuck.has(projection.name)) continue;
      const change = isRowProjection(projection) ? rows.changes.get(projection.name)! : await this.documentChanges(projection, this.eventsFor(projection, folding), last);
      // Folded from this checkpoint: should another instance have folded past it meanwhile, the store refuses the batch.
      changes.push({ ...change, from: toPosition(seen) });
    }
    if (changes.length > 0) {
      await this.commit(changes, folding);
      this.progress$.next();
    }
    return folding.length;
  }

  /**
   * Writes a batch's changes in one transaction. A batch the store refuses is
   * written again a read model at a time, and the change of a read model it
   * still refuses an event at a time: an event whose write it refuses, while
   * it takes that read model's checkpoint alone, is set aside as one its fold
   * throws on is (say a posting whose running sum would pass the store's
   * 64-bit integers), and every other read model goes on. A store that takes
   * nothing (down, or another instance's checkpoint ahead) fails the batch
   * as before, to be tried again.
   */
  private async commit(changes: readonly ProjectionChanges[], folding: readonly RecordedEvent[]): Promise<void> {
    try {
      await this.readStore.commit(changes);
      for (const change of changes) this.settle(change);
      return;
    } catch {
      // Which read model, and which event, the store refuses is found below.
    }
    for (const change of changes) {
      try {
        await this.readStore.commit([change]);
        this.settle(change);
      } catch {
        await this.commitEventByEvent(change, folding);
      }
    }
  }

  private async commitEventByEvent(change: ProjectionChanges, folding: readonly RecordedEvent[]): Promise<void> {
    const { projection } = change;
    const last = BigInt(change.checkpoint);
    const nothing = (checkpoint: bigint, setAside: SetAsideEvent[] = []): ProjectionChanges =>
      isRowProjection(projection)
        ? { projection, rows: [], checkpoint: checkpoint.toString(), setAside, from: toPosition(this.checkpointOf(projection.name)) }
        : { projection, upserts: [], deletes: [], checkpoint: checkpoint.toString(), setAside, from: toPosition(this.checkpointOf(projection.name)) };
    for (const event of this.eventsFor(projection, folding)) {
      const at = BigInt(event.position);
      if (at > last) break;
      const one = isRowProjection(projection) ? this.rowChanges(projection, [event], at).change : await this.documentChanges(projection, [event], at);
      try {
        await this.readStore.commit([{ ...one, from: toPosition(this.checkpointOf(projection.name)) }]);
        this.settle(one);
      } catch (error) {
        // A store out of space (or read-only, or failing its I/O) may still take the small write of a checkpoint alone:
        // the event is not to blame either, and the batch is tried again once the store takes it.
        if (this.readStore.refusesAnyWrite(error)) throw error;
        const skips = this.skips(projection.name);
        // Throws when the store takes no write at all: the event is not to blame, and the batch is tried again later.
        const aside = nothing(skips ? at : at - 1n, [this.setAside(projection, event, error, skips)]);
        await this.readStore.commit([aside]);
        this.settle(aside);
      }
      if (this.stuck.has(projection.name)) return;
    }
    if (this.checkpointOf(projection.name) < last) {
      const rest = nothing(last);
      await this.readStore.commit([rest]);
      this.settle(rest);
    }
  }

  /** The events of a batch a projection has yet to fold. */
  private eventsFor(projection: Projection, batch: readonly RecordedEvent[]): RecordedEvent[] {
    const seen = this.checkpointOf(projection.name);
    const skipped = this.skipped.get(projection.name);
    return batch.filter((e) => projection.handles.has(e.type) && BigInt(e.position) > seen && !skipped?.has(e.position));
  }

  /**
   * The row projections' changes for a batch, and where to cut it: the
   * earliest event, before the batch's last, after which one of them holds
   * BULK_ROWS rows or more (none when every one stays under).
   */
  private rowChangesOf(batch: readonly RecordedEvent[]): { changes: Map<string, ProjectionChanges>; cut?: bigint } {
    const last = BigInt(batch[batch.length - 1].position);
    const changes = new Map<string, ProjectionChanges>();
    let cut: bigint | undefined;
    for (const projection of this.projections) {
      if (!isRowProjection(projection) || last <= this.checkpointOf(projection.name) || this.stuck.has(projection.name)) continue;
      const { change, full } = this.rowChanges(projection, this.eventsFor(projection, batch), last);
      changes.set(projection.name, change);
      if (full !== undefined && full < last && (cut === undefined || full < cut)) cut = full;
    }
    return { changes, cut };
  }

  private settle(change: ProjectionChanges): void {
    this.checkpoints.set(change.projection.name, BigInt(change.checkpoint));
    for (const event of change.setAside ?? []) {
      this.remember(event);
      this.options.onSetAside?.(event);
    }
  }

  /**
   * Folds events one by one. One that throws is set aside: the projection
   * stops just before it, or goes on without it if it may skip; the
   * checkpoint says how far it got.
   */
  private foldEach(projection: Projection, events: readonly RecordedEvent[], last: bigint, fold: (event: RecordedEvent) => void | 'more' | 'full'): Folded {
    const setAside: SetAsideEvent[] = [];
    const skips = this.skips(projection.name);
    for (const event of events) {
      try {
        // 'full': folded up to this event, which the caller cuts the batch after.
        if (fold(event) === 'full') return { checkpoint: event.position, setAside };
      } catch (error) {
        setAside.push(this.setAside(projection, event, error, skips));
        if (!skips) return { checkpoint: (BigInt(event.position) - 1n).toString(), setAside };
      }
    }
    return { checkpoint: last.toString(), setAside };
  }

  private setAside(projection: Projection, event: RecordedEvent, error: unknown, skipped: boolean): SetAsideEvent {
    return {
      projection: projection.name,
      position: event.position,
      eventId: event.eventId,
      type: event.type,
      error: messageOf(error),
      setAsideAt: this.clock.now().toISOString(),
      resolution: skipped ? 'skipped' : 'stuck',
    };
  }

  /**
   * A row projection's rows for the events, folded up to the event that
   * takes them to BULK_ROWS (`full`: its position) or to the end.
   */
  private rowChanges(projection: RowProjection, events: readonly RecordedEvent[], last: bigint): { change: ProjectionChanges; full?: bigint } {
    const rows: Record<string, string | number | null>[] = [];
    let full: bigint | undefined;
    const folded = this.foldEach(projection, events, last, (event) => {
      for (const row of projection.rowsOf(event)) rows.push(row);
      if (rows.length < BULK_ROWS) return 'more';
      full = BigInt(event.position);
      return 'full';
    });
    return { change: { projection, rows, ...folded }, ...(full === undefined ? {} : { full }) };
  }

  private async documentChanges(projection: DocumentProjection, events: readonly RecordedEvent[], last: bigint): Promise<ProjectionChanges> {
    const keysOf = (event: RecordedEvent) => projection.keysOf?.(event) ?? [projection.keyOf(event)];
    const stored = await this.readStore.load(projection.name, [...new Set(events.flatMap((event) => this.keysIfAny(keysOf, event)))]);
    const touched = new Map<string, { doc: object | null; position: Position }>();
    const evolve = (into: Map<string, { doc: object | null; position: Position }>, key: string, event: RecordedEvent) => {
      const before = into.get(key) ?? touched.get(key);
      into.set(key, { doc: projection.evolve(before ? before.doc : (stored.get(key) ?? null), event, key), position: before?.position ?? event.position });
    };
    const folded = this.foldEach(projection, events, last, (event) => {
      const keys = keysOf(event);
      if (keys.length === 1) return evolve(touched, keys[0], event);
      // Every document the event touches is evolved before any is kept, so an event that throws halfway changes none.
      const evolved = new Map<string, { doc: object | null; position: Position }>();
      for (const key of keys) evolve(evolved, key, event);
      for (const [key, value] of evolved) touched.set(key, value);
    });
    const upserts: { id: string; doc: object; position: Position }[] = [];
    const deletes: string[] = [];
    for (const [id, { doc, position }] of touched) {
      if (doc === null) deletes.push(id);
      else upserts.push({ id, doc, position });
    }
    return { projection, upserts, deletes, ...folded };
  }

  /** The keys an event touches; none for an event whose keys cannot be read (its fold sets it aside). */
  private keysIfAny(keysOf: (event: RecordedEvent) => readonly string[], event: RecordedEvent): readonly string[] {
    try {
      return keysOf(event);
    } catch {
      return [];
    }
  }

  private checkpointOf(name: string): bigint {
    return this.checkpoints.get(name) ?? -1n;
  }

  private skippedBy(name: string): Set<Position> {
    let positions = this.skipped.get(name);
    if (!positions) this.skipped.set(name, (positions = new Set()));
    return positions;
  }

  private lowest(): bigint {
    return this.lowestOf([...this.checkpoints.values()]) ?? -1n;
  }

  /** Where the shared read of the log resumes: the lowest checkpoint of the projections not stuck (none when all are). */
  private lowestFollowing(): bigint | undefined {
    const following = [...this.checkpoints].filter(([name]) => !this.stuck.has(name)).map(([, position]) => position);
    return this.lowestOf(following) ?? (this.stuck.size > 0 ? undefined : -1n);
  }

  private highest(): bigint {
    let highest = -1n;
    for (const position of this.checkpoints.values()) if (position > highest) highest = position;
    return highest;
  }

  private lowestOf(positions: readonly bigint[]): bigint | undefined {
    let lowest: bigint | undefined;
    for (const position of positions) if (lowest === undefined || position < lowest) lowest = position;
    return lowest;
  }
}
