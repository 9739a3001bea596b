import type { Subscription } from 'rxjs';
import type { EventStore, Position } from '../ports/event-store.port';

const beyond = (position: Position | null, cursor: Position | null): boolean =>
  position !== null && (cursor === null || BigInt(position) > BigInt(cursor));

/**
 * Knows how far the log goes, by following it once for every reader that
 * waits for more: readers page through the log on their own and only ask
 * here when they have reached its end.
 */
export class LogWatch {
  private head: Position | null = null;
  private readonly waiters = new Set<() => void>();
  private subscription?: Subscription;
  private stopped = false;

  constructor(private readonly store: EventStore) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.head = await this.store.headPosition();
    this.subscription = this.store.subscribe(this.head).subscribe({
      next: (event) => {
        this.head = event.position;
        this.wake();
      },
      // The store is closing or failed: readers stop waiting and end.
      error: () => this.stop(),
      complete: () => this.stop(),
    });
  }

  stop(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.wake();
  }

  /** Resolves once the log holds an event after `cursor`, or at once when stopped or aborted. */
  async after(cursor: Position | null, signal?: AbortSignal): Promise<void> {
    if (this.stopped || signal?.aborted || beyond(this.head, cursor)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.waiters.delete(check);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const check = () => {
        if (this.stopped || beyond(this.head, cursor)) done();
      };
      this.waiters.add(check);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  get running(): boolean {
    return !this.stopped;
  }

  private wake(): void {
    for (const check of [...this.waiters]) check();
  }
}

/**
 * The log after `after`, batch by batch, at the reader's pace: the next batch
 * is read only when the reader asks for it, so a slow reader holds one batch
 * in memory, never a backlog. Ends when aborted or when the watch stops.
 */
export async function* followLog(store: EventStore, watch: LogWatch, after: Position | null, signal: AbortSignal, batchSize = 200) {
  let cursor = after;
  while (!signal.aborted && watch.running) {
    const batch = await store.readAll({ after: cursor, limit: batchSize });
    if (batch.length === 0) {
      await watch.after(cursor, signal);
      continue;
    }
    cursor = batch[batch.length - 1].position;
    yield batch;
  }
}
