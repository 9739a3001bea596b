import { BehaviorSubject, Subscription, filter, firstValueFrom, timeout } from 'rxjs';
import type { EventStore, Position, RecordedEvent } from '../ports/event-store.port';
import type { ProjectionChanges, ReadStore } from '../ports/read-store.port';
import { startFoldSpans } from '../operations/tracing';
import { isRowProjection, type DocumentProjection, type Projection } from './projection';

const toBig = (position: Position | null): bigint => (position === null ? -1n : BigInt(position));

/**
 * Events folded per transaction. Larger batches write each touched page once
 * for many events; 10,000 rebuilt about 20% faster than 2,000 here.
 */
export const PROJECTION_BATCH = 10_000;

export type RunnerStatus = Readonly<{ position: Position | null; running: boolean; error: string | null }>;

/**
 * The one projection runner. It reads the log once for all projections, folds
 * each batch into every projection that has not seen it yet, and commits the
 * rows and the checkpoints of all of them in one transaction, so a crash at any
 * moment leaves every read model consistent with its checkpoint.
 */
export class ProjectionRunner {
  private readonly checkpoints = new Map<string, bigint>();
  private readonly reached$ = new BehaviorSubject<bigint>(-1n);
  private subscription?: Subscription;
  private queue: RecordedEvent[] = [];
  private draining?: Promise<void>;
  private error: string | null = null;
  private restart?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly projections: readonly Projection[],
    private readonly batchSize = PROJECTION_BATCH,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Creates missing tables and rebuilds any projection whose version changed. */
  async init(): Promise<void> {
    for (const projection of this.projections) {
      await this.readStore.prepare(projection);
      const checkpoint = await this.readStore.checkpoint(projection.name);
      if (checkpoint.position !== null && checkpoint.version !== projection.version) {
        await this.readStore.reset(projection);
        this.checkpoints.set(projection.name, -1n);
      } else {
        this.checkpoints.set(projection.name, toBig(checkpoint.position));
      }
    }
    this.reached$.next(this.lowest());
  }

  /** Drops every read model and folds the whole log again. */
  async rebuild(): Promise<number> {
    for (const projection of this.projections) {
      await this.readStore.reset(projection);
      this.checkpoints.set(projection.name, -1n);
    }
    this.reached$.next(-1n);
    return this.catchUp();
  }

  /** Folds what the log holds beyond the checkpoints, batch by batch; returns the events read. */
  async catchUp(): Promise<number> {
    let read = 0;
    for (;;) {
      const after = this.lowest();
      const batch = await this.store.readAll({ after: after < 0n ? null : after.toString(), limit: this.batchSize });
      if (batch.length === 0) return read;
      await this.apply(batch);
      read += batch.length;
    }
  }

  /** Catches up, then follows new events as they are appended. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.catchUp();
    this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restart);
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    await this.draining;
  }

  status(): RunnerStatus {
    const reached = this.reached$.value;
    return { position: reached < 0n ? null : reached.toString(), running: this.subscription !== undefined, error: this.error };
  }

  /** Where each projection stands in the log (null before its first event). */
  positions(): ReadonlyMap<string, Position | null> {
    return new Map([...this.checkpoints].map(([name, position]) => [name, position < 0n ? null : position.toString()]));
  }

  /** Resolves once every projection has folded the event at `position`. */
  async waitFor(position: Position, timeoutMs = 5000): Promise<void> {
    const target = BigInt(position);
    await firstValueFrom(this.reached$.pipe(filter((reached) => reached >= target), timeout(timeoutMs)));
  }

  private follow(): void {
    const after = this.lowest();
    const subscription = this.store.subscribe(after < 0n ? null : after.toString()).subscribe({
      next: (event) => {
        this.queue.push(event);
        this.draining ??= this.drain();
      },
      error: (error) => this.fail(error),
    });
    // A subscription that failed at once has already been handed to fail(), which starts again later.
    if (!subscription.closed) this.subscription = subscription;
  }

  /** Batches whatever arrived while the previous batch was being written. */
  private async drain(): Promise<void> {
    try {
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.batchSize);
        await this.apply(batch);
      }
      this.error = null;
    } catch (error) {
      this.fail(error);
    } finally {
      this.draining = undefined;
    }
  }

  /** Reports the failure and starts again from the checkpoints after a pause. */
  private fail(error: unknown): void {
    this.error = error instanceof Error ? error.message : String(error);
    this.onError(error);
    this.subscription?.unsubscribe();
    this.queue = [];
    this.subscription = undefined;
    if (this.stopped) return;
    this.restart = setTimeout(() => {
      if (!this.stopped && this.subscription === undefined) this.start().catch((e) => this.fail(e));
    }, 1000).unref();
  }

  private async apply(batch: readonly RecordedEvent[]): Promise<void> {
    const folded = startFoldSpans(batch);
    try {
      await this.fold(batch);
      folded();
    } catch (error) {
      folded(error);
      throw error;
    }
  }

  private async fold(batch: readonly RecordedEvent[]): Promise<void> {
    const last = BigInt(batch[batch.length - 1].position);
    const changes: ProjectionChanges[] = [];
    for (const projection of this.projections) {
      const seen = this.checkpoints.get(projection.name) ?? -1n;
      if (last <= seen) continue;
      const events = batch.filter((e) => projection.handles.has(e.type) && BigInt(e.position) > seen);
      const checkpoint = last.toString();
      changes.push(
        isRowProjection(projection)
          ? { projection, rows: events.flatMap((event) => projection.rowsOf(event)), checkpoint }
          : await this.changesFor(projection, events, checkpoint),
      );
    }
    if (changes.length === 0) return;
    await this.readStore.commit(changes);
    for (const change of changes) this.checkpoints.set(change.projection.name, BigInt(change.checkpoint));
    this.reached$.next(this.lowest());
  }

  private async changesFor(
    projection: DocumentProjection,
    events: readonly RecordedEvent[],
    checkpoint: Position,
  ): Promise<ProjectionChanges> {
    const keysOf = (event: RecordedEvent) => projection.keysOf?.(event) ?? [projection.keyOf(event)];
    const keys = [...new Set(events.flatMap(keysOf))];
    const stored = keys.length > 0 ? await this.readStore.load(projection.name, keys) : new Map<string, object>();
    const touched = new Map<string, { doc: object | null; position: Position }>();
    for (const event of events) {
      for (const key of keysOf(event)) {
        const before = touched.has(key) ? touched.get(key)!.doc : (stored.get(key) ?? null);
        touched.set(key, { doc: projection.evolve(before, event, key), position: touched.get(key)?.position ?? event.position });
      }
    }
    const upserts: { id: string; doc: object; position: Position }[] = [];
    const deletes: string[] = [];
    for (const [id, { doc, position }] of touched) {
      if (doc === null) deletes.push(id);
      else upserts.push({ id, doc, position });
    }
    return { projection, upserts, deletes, checkpoint };
  }

  private lowest(): bigint {
    let lowest: bigint | undefined;
    for (const position of this.checkpoints.values()) if (lowest === undefined || position < lowest) lowest = position;
    return lowest ?? -1n;
  }
}
