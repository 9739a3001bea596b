import type { Subscription } from 'rxjs';
import { StoreClosedError, type EventStore, type Position, type RecordedEvent } from '../ports/event-store.port';
import type { CloudEventRenderer, RenderedEvent } from './cloud-events';

/** How many of the latest events are kept for readers that follow the head; between this and twice this are held. */
export const RING_CAPACITY = 4096;

/** After a failed read of the log (not the store closing), the fan-out follows it again this much later. */
export const FOLLOW_RETRY_MS = 1000;

/** An event of the ring, rendered the first time a reader takes it. */
type Kept = { readonly event: RecordedEvent; rendered?: RenderedEvent };

const after = (position: Position, cursor: Position | null): boolean => cursor === null || BigInt(position) > BigInt(cursor);

/**
 * Follows the log once for every live reader (SSE clients, webhook workers):
 * each new event is read once, kept in a ring of the latest events, and
 * handed to every reader from there, rendered once, when a reader first
 * takes it (with no reader, none is rendered). A reader keeps only its
 * cursor. One that starts further back, or falls behind the ring, reads the
 * store on its own until it reaches the ring again.
 */
export class LogFanOut {
  private ring: Kept[] = [];
  private ringPositions: bigint[] = [];
  /** Every event after `floor` up to `head` is in the ring (null: from the start of the log). */
  private floor: Position | null = null;
  private head: Position | null = null;
  private headRecordedAt: string | null = null;
  private readonly waiters = new Set<() => void>();
  private subscription?: Subscription;
  private stopped = true;
  private failure: unknown = null;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly renderer: CloudEventRenderer,
    private readonly capacity = RING_CAPACITY,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.failure = null;
    this.head = this.floor = await this.store.headPosition();
    this.ring = [];
    this.ringPositions = [];
    this.followLog();
  }

  private followLog(): void {
    this.subscription = this.store.subscribe(this.head).subscribe({
      next: (event) => this.push(event),
      error: (error: unknown) => {
        this.failure = error;
        // The store is closing: readers stop waiting and end.
        if (error instanceof StoreClosedError) return this.stop();
        // A read that failed (a connection the database ended): the readers wait, the failure shows in
        // the channels' health, and the fan-out follows the log again from its head. Before, it stopped
        // for good: the live feed and the webhooks of this instance waited until it was restarted.
        this.subscription = undefined;
        this.retry = setTimeout(() => {
          this.retry = undefined;
          if (this.stopped) return;
          this.failure = null;
          this.followLog();
        }, FOLLOW_RETRY_MS);
        this.retry.unref();
      },
      complete: () => this.stop(),
    });
  }

  stop(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.wake();
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** How far the fan-out has followed the log, for health and metrics; `failure` is why it stopped, if it failed. */
  progress(): Readonly<{ running: boolean; position: Position | null; recordedAt: string | null; failure: unknown }> {
    return { running: this.running, position: this.head, recordedAt: this.headRecordedAt, failure: this.failure };
  }

  /**
   * The log after `from`, batch by batch, at the reader's pace: the next
   * batch is taken only when the reader asks for it. Ends when aborted or
   * when the fan-out stops.
   */
  async *follow(from: Position | null, signal: AbortSignal, batchSize = 200): AsyncGenerator<readonly RenderedEvent[]> {
    let cursor = from;
    while (!signal.aborted && this.running) {
      const batch = this.fromRing(cursor, batchSize) ?? (await this.fromStore(cursor, batchSize));
      if (batch.length === 0) {
        await this.beyond(cursor, signal);
        continue;
      }
      cursor = batch[batch.length - 1].event.position;
      yield batch;
    }
  }

  private push(event: RecordedEvent): void {
    this.ring.push({ event });
    this.ringPositions.push(BigInt(event.position));
    this.head = event.position;
    this.headRecordedAt = event.metadata.recordedAt;
    if (this.ring.length >= 2 * this.capacity) {
      const dropped = this.ring.length - this.capacity;
      this.floor = this.ring[dropped - 1].event.position;
      this.ring = this.ring.slice(dropped);
      this.ringPositions = this.ringPositions.slice(dropped);
    }
    this.wake();
  }

  /** The events after `cursor` from the ring, or null when the ring does not reach back that far. */
  private fromRing(cursor: Position | null, limit: number): RenderedEvent[] | null {
    if (this.floor !== null && (cursor === null || BigInt(cursor) < BigInt(this.floor))) return null;
    const from = cursor === null ? null : BigInt(cursor);
    let low = 0;
    let high = this.ringPositions.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (from !== null && this.ringPositions[middle] <= from) low = middle + 1;
      else high = middle;
    }
    return this.ring.slice(low, low + limit).map((kept) => (kept.rendered ??= this.renderer.render(kept.event)));
  }

  private async fromStore(cursor: Position | null, limit: number): Promise<RenderedEvent[]> {
    return (await this.store.readAll({ after: cursor, limit })).map((event) => this.renderer.render(event));
  }

  /** Resolves once the fan-out holds an event after `cursor`, or at once when stopped or aborted. */
  private async beyond(cursor: Position | null, signal: AbortSignal): Promise<void> {
    const reached = () => this.head !== null && after(this.head, cursor);
    if (this.stopped || signal.aborted || reached()) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.waiters.delete(check);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const check = () => {
        if (this.stopped || reached()) done();
      };
      this.waiters.add(check);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private wake(): void {
    for (const check of [...this.waiters]) check();
  }
}
