"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DeliveryWorker = void 0;
const promises_1 = require("node:timers/promises");
const event_filter_1 = require("../event-filter");
const delivery_target_1 = require("./delivery-target");
/**
 * Delivers the log to one target: one event in flight, in log order, each
 * retried until it is acknowledged or the run of failures disables the
 * target. The checkpoint moves only past acknowledged (or unwanted) events,
 * so a restart resumes with no gap; an event whose answer was lost is sent
 * again with the same id.
 */
class DeliveryWorker {
    target;
    transport;
    deps;
    abort = new AbortController();
    failures;
    /** The last event acknowledged or passed over: how far this target has got. */
    reached;
    /** The latest checkpoint write, not awaited before the next delivery; the first that failed, if any. */
    written = Promise.resolve();
    writeFailed = null;
    done;
    constructor(target, transport, deps, onError) {
        this.target = target;
        this.transport = transport;
        this.deps = deps;
        this.failures = target.failures;
        this.reached = target.checkpoint;
        this.done = this.run().catch(onError);
    }
    get position() {
        return this.reached;
    }
    /** True while the last attempt failed and the next is awaited. */
    get failing() {
        return this.failures > 0;
    }
    async stop() {
        this.abort.abort();
        await this.done;
    }
    /**
     * The next delivery does not wait for the checkpoint of the last to be
     * durable: the store groups the writes of every target into one commit
     * every few milliseconds. A crash in between redelivers the deliveries
     * acknowledged since (at least once, same webhook-id); stopping waits for them.
     */
    record(write) {
        this.written = write.catch((error) => {
            this.writeFailed ??= { error };
        });
    }
    async run() {
        try {
            await this.follow();
        }
        finally {
            await this.written;
        }
        if (this.writeFailed)
            throw this.writeFailed.error;
    }
    async follow() {
        const wanted = (0, event_filter_1.matches)(this.target.filter, this.target.owner);
        const { signal } = this.abort;
        for await (const batch of this.deps.log.follow(this.target.checkpoint, signal)) {
            let passedOver = null;
            for (const rendered of batch) {
                if (!wanted(rendered)) {
                    passedOver = rendered.event;
                    continue;
                }
                if (!(await this.deliver(rendered.event)) || this.writeFailed)
                    return;
                this.reached = rendered.event.position;
                passedOver = null;
            }
            if (passedOver && !signal.aborted) {
                this.record(this.deps.targets.advance(this.target.id, passedOver.position));
                this.reached = passedOver.position;
            }
        }
    }
    /** True once acknowledged; false when stopped or disabled. */
    async deliver(event) {
        const { signal } = this.abort;
        for (let attempt = 1; !signal.aborted; attempt += 1) {
            const started = this.deps.clock.now();
            const outcome = await this.transport.send(this.target, event, signal);
            if (signal.aborted)
                return false;
            const record = {
                eventId: event.eventId,
                type: event.type,
                position: event.position,
                attempt,
                ...outcome,
                durationMs: this.deps.clock.now().getTime() - started.getTime(),
                at: started.toISOString(),
            };
            this.deps.metrics?.deliveryAttempted(this.target.kind, this.target.id, outcome.ok);
            if (outcome.ok) {
                this.record(this.deps.targets.acknowledge(this.target.id, record));
                this.failures = 0;
                return true;
            }
            this.failures += 1;
            const disabled = this.failures >= this.deps.policy.maxFailures ? `disabled after ${this.failures} failed attempts in a row; the last: ${outcome.error}` : null;
            // A failure is written before the retry: the run of failures must survive a restart.
            this.record(this.deps.targets.failed(this.target.id, record, this.failures, disabled));
            await this.written;
            if (this.writeFailed)
                return false;
            if (disabled) {
                this.deps.metrics?.deliveryTargetDisabled(this.target.kind, this.target.id);
                this.deps.onDisabled?.(this.target, disabled);
                return false;
            }
            await (0, promises_1.setTimeout)((0, delivery_target_1.retryDelay)(attempt, this.deps.policy, this.deps.random), undefined, { signal }).catch(() => undefined);
        }
        return false;
    }
}
exports.DeliveryWorker = DeliveryWorker;
//# sourceMappingURL=delivery-worker.js.map