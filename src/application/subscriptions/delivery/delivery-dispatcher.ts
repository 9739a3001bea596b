import type { Position } from '../../ports/event-store.port';
import type { DeliveryTarget, DeliveryTargetStore, DeliveryTransport } from './delivery-target';
import { DeliveryWorker, type WorkerDeps } from './delivery-worker';

/** Where one target's delivery stands on this instance. */
export type TargetProgress = Readonly<{
  target: DeliveryTarget;
  /** The last event acknowledged or passed over (the live worker's, else the stored checkpoint). */
  position: Position | null;
  /** Enabled, yet no worker delivers to it while the dispatcher runs (it failed and waits to start again). */
  stuck: boolean;
  /** The last attempt failed and a retry is awaited. */
  failing: boolean;
}>;

/**
 * Of the enabled targets about to deliver, those that still may; it disables
 * the others itself, with their reason (a webhook whose owner key is revoked).
 */
export type Admission = (targets: readonly DeliveryTarget[]) => Promise<readonly DeliveryTarget[]>;

export type DispatcherOptions = Readonly<{
  onError: (targetId: string, error: unknown) => void;
  /**
   * When other instances share the targets, how often to look for targets
   * they registered, changed or removed (0 or absent: only this instance changes them).
   */
  resyncMs?: number;
  /** Asked every time targets are loaded to start, before any delivers. */
  admit?: Admission;
}>;

/**
 * Runs one worker per enabled target, so a slow or dead receiver delays only
 * itself. A single start/stop component: only one instance of the service
 * may run it at a time. Changes to a target go through `reconfigure`, which
 * stops its worker first, so a checkpoint is never moved under a delivery in flight.
 */
export class DeliveryDispatcher {
  private readonly workers = new Map<string, DeliveryWorker>();
  private running = false;
  /** Changes to one target run one after another. */
  private readonly queues = new Map<string, Promise<unknown>>();

  /** The version (updatedAt) of each target as its worker was launched. */
  private readonly launched = new Map<string, string>();
  private resyncTimer?: NodeJS.Timeout;
  private resyncing?: Promise<void>;

  private readonly onError: DispatcherOptions['onError'];
  private readonly resyncMs: number;

  constructor(
    private readonly targets: DeliveryTargetStore,
    private readonly transports: Readonly<Record<string, DeliveryTransport>>,
    private readonly deps: WorkerDeps,
    private readonly options: DispatcherOptions,
  ) {
    this.onError = options.onError;
    this.resyncMs = options.resyncMs ?? 0;
  }

  /** Every target with how far its delivery has got. */
  async progress(): Promise<TargetProgress[]> {
    return (await this.targets.all()).map((target) => {
      const worker = this.workers.get(target.id);
      return {
        target,
        position: worker ? worker.position : target.checkpoint,
        stuck: this.running && target.enabled && !worker && !this.queues.has(target.id),
        failing: worker ? worker.failing : target.failures > 0,
      };
    });
  }

  async start(): Promise<void> {
    this.running = true;
    for (const target of await this.admitted(await this.targets.enabled())) this.launch(target);
    if (this.resyncMs > 0) {
      this.resyncTimer = setInterval(() => {
        this.resyncing ??= this.resync()
          .catch((error: unknown) => this.onError('*', error))
          .finally(() => (this.resyncing = undefined));
      }, this.resyncMs).unref();
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.resyncTimer);
    await this.resyncing;
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.workers.clear();
    this.launched.clear();
  }

  /** Starts, restarts or stops the workers of targets changed elsewhere, as the store has them now. */
  private async resync(): Promise<void> {
    const enabled = new Map((await this.admitted(await this.targets.enabled())).map((target) => [target.id, target]));
    if (!this.running) return;
    for (const [id, target] of enabled) {
      if (this.queues.has(id)) continue;
      if (!this.workers.has(id)) this.launch(target);
      else if (this.launched.get(id) !== target.updatedAt) void this.reconfigure(id, async () => undefined).catch(() => undefined);
    }
    for (const id of this.workers.keys()) {
      if (!enabled.has(id) && !this.queues.has(id)) void this.reconfigure(id, async () => undefined).catch(() => undefined);
    }
  }

  /** Stops the target's worker, applies `change`, and starts it again if the target is still enabled. */
  reconfigure<T>(targetId: string, change: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(targetId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      await this.workers.get(targetId)?.stop();
      this.workers.delete(targetId);
      this.launched.delete(targetId);
      try {
        return await change();
      } finally {
        const target = await this.targets.find(targetId);
        if (target) for (const admitted of await this.admitted([target])) this.launch(admitted);
      }
    });
    this.queues.set(targetId, next);
    void next.finally(() => this.queues.get(targetId) === next && this.queues.delete(targetId)).catch(() => undefined);
    return next;
  }

  /** The targets the admission lets deliver (only enabled ones are asked about). */
  private async admitted(targets: readonly DeliveryTarget[]): Promise<readonly DeliveryTarget[]> {
    const enabled = targets.filter((target) => target.enabled);
    return this.options.admit && enabled.length > 0 ? this.options.admit(enabled) : enabled;
  }

  private launch(target: DeliveryTarget): void {
    const transport = this.transports[target.kind];
    if (!this.running || !target.enabled || !transport) return;
    const worker = new DeliveryWorker(target, transport, this.deps, (error) => {
      this.onError(target.id, error);
      // A failure outside the retry loop (the store, most likely): start again from the checkpoint a little later.
      if (this.workers.get(target.id) !== worker) return;
      this.workers.delete(target.id);
      setTimeout(() => void this.reconfigure(target.id, async () => undefined).catch(() => undefined), this.deps.policy.baseDelayMs).unref();
    });
    this.workers.set(target.id, worker);
    this.launched.set(target.id, target.updatedAt);
  }
}
