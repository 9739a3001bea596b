"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DeliveryDispatcher = void 0;
const delivery_worker_1 = require("./delivery-worker");
/**
 * Runs one worker per enabled target, so a slow or dead receiver delays only
 * itself. A single start/stop component: only one instance of the service
 * may run it at a time. Changes to a target go through `reconfigure`, which
 * stops its worker first, so a checkpoint is never moved under a delivery in flight.
 */
class DeliveryDispatcher {
    targets;
    transports;
    deps;
    options;
    workers = new Map();
    running = false;
    /** Changes to one target run one after another. */
    queues = new Map();
    /** The version (updatedAt) of each target as its worker was launched. */
    launched = new Map();
    resyncTimer;
    resyncing;
    onError;
    resyncMs;
    constructor(targets, transports, deps, options) {
        this.targets = targets;
        this.transports = transports;
        this.deps = deps;
        this.options = options;
        this.onError = options.onError;
        this.resyncMs = options.resyncMs ?? 0;
    }
    /** Every target with how far its delivery has got. */
    async progress() {
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
    async start() {
        this.running = true;
        for (const target of await this.admitted(await this.targets.enabled()))
            this.launch(target);
        if (this.resyncMs > 0) {
            this.resyncTimer = setInterval(() => {
                this.resyncing ??= this.resync()
                    .catch((error) => this.onError('*', error))
                    .finally(() => (this.resyncing = undefined));
            }, this.resyncMs).unref();
        }
    }
    async stop() {
        this.running = false;
        clearInterval(this.resyncTimer);
        await this.resyncing;
        await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
        this.workers.clear();
        this.launched.clear();
    }
    /** Starts, restarts or stops the workers of targets changed elsewhere, as the store has them now. */
    async resync() {
        const enabled = new Map((await this.admitted(await this.targets.enabled())).map((target) => [target.id, target]));
        if (!this.running)
            return;
        for (const [id, target] of enabled) {
            if (this.queues.has(id))
                continue;
            if (!this.workers.has(id))
                this.launch(target);
            else if (this.launched.get(id) !== target.updatedAt)
                void this.reconfigure(id, async () => undefined).catch(() => undefined);
        }
        for (const id of this.workers.keys()) {
            if (!enabled.has(id) && !this.queues.has(id))
                void this.reconfigure(id, async () => undefined).catch(() => undefined);
        }
    }
    /** Stops the target's worker, applies `change`, and starts it again if the target is still enabled. */
    reconfigure(targetId, change) {
        const previous = this.queues.get(targetId) ?? Promise.resolve();
        const next = previous.catch(() => undefined).then(async () => {
            await this.workers.get(targetId)?.stop();
            this.workers.delete(targetId);
            this.launched.delete(targetId);
            try {
                return await change();
            }
            finally {
                const target = await this.targets.find(targetId);
                if (target)
                    for (const admitted of await this.admitted([target]))
                        this.launch(admitted);
            }
        });
        this.queues.set(targetId, next);
        void next.finally(() => this.queues.get(targetId) === next && this.queues.delete(targetId)).catch(() => undefined);
        return next;
    }
    /** The targets the admission lets deliver (only enabled ones are asked about). */
    async admitted(targets) {
        const enabled = targets.filter((target) => target.enabled);
        return this.options.admit && enabled.length > 0 ? this.options.admit(enabled) : enabled;
    }
    launch(target) {
        const transport = this.transports[target.kind];
        if (!this.running || !target.enabled || !transport)
            return;
        const worker = new delivery_worker_1.DeliveryWorker(target, transport, this.deps, (error) => {
            this.onError(target.id, error);
            // A failure outside the retry loop (the store, most likely): start again from the checkpoint a little later.
            if (this.workers.get(target.id) !== worker)
                return;
            this.workers.delete(target.id);
            setTimeout(() => void this.reconfigure(target.id, async () => undefined).catch(() => undefined), this.deps.policy.baseDelayMs).unref();
        });
        this.workers.set(target.id, worker);
        this.launched.set(target.id, target.updatedAt);
    }
}
exports.DeliveryDispatcher = DeliveryDispatcher;
//# sourceMappingURL=delivery-dispatcher.js.map