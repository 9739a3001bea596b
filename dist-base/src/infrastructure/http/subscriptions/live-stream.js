"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LiveStream = void 0;
const node_events_1 = require("node:events");
/** Each event's SSE frame, encoded once and written to every client that wants it. */
const frames = new WeakMap();
const frame = (rendered) => {
    let bytes = frames.get(rendered);
    if (!bytes) {
        const { event, json } = rendered;
        bytes = Buffer.from(`id: ${event.position}\nevent: ${event.type}\ndata: ${json}\n\n`);
        frames.set(rendered, bytes);
    }
    return bytes;
};
/**
 * One Server-Sent Events connection: the log after `after`, filtered, at the
 * client's pace, from the fan-out shared by every client (which reads and
 * renders each event once). What the client has not read waits in the socket
 * buffer; the next batch is taken only once that buffer has drained. A client
 * that stays behind for longer than a heartbeat, or lets the buffer pass its
 * bound, is cut off with a `retry:` hint and resumes with Last-Event-ID.
 */
class LiveStream {
    out;
    options;
    abort = new AbortController();
    done;
    constructor(out, options, wanted, after) {
        this.out = out;
        this.options = options;
        out.once('close', () => this.abort.abort());
        this.done = this.run(wanted, after)
            .catch(options.onError)
            .finally(() => this.end());
    }
    /** Ends the stream (the service is stopping); the client resumes later with Last-Event-ID. */
    close() {
        this.abort.abort();
        return this.done;
    }
    async run(wanted, after) {
        const { signal } = this.abort;
        this.out.write(`retry: ${this.options.retryMs}\n: connected\n\n`);
        const heartbeat = setInterval(() => this.out.writableNeedDrain || this.out.write(': heartbeat\n\n'), this.options.heartbeatMs);
        try {
            for await (const batch of this.options.log.follow(after, signal)) {
                if (signal.aborted)
                    break;
                // One write per batch: the frames leave in one system call.
                this.out.cork();
                for (const rendered of batch)
                    if (wanted(rendered))
                        this.out.write(frame(rendered));
                this.out.uncork();
                if (!(await this.drained()))
                    return this.cut();
            }
        }
        finally {
            clearInterval(heartbeat);
        }
    }
    /** True once the client has read enough to take the next batch; false when it is too far behind. */
    async drained() {
        if (!this.out.writableNeedDrain)
            return true;
        if (this.out.writableLength > this.options.bufferBytes)
            return false;
        const timeout = AbortSignal.timeout(this.options.heartbeatMs);
        try {
            await (0, node_events_1.once)(this.out, 'drain', { signal: AbortSignal.any([timeout, this.abort.signal]) });
            return true;
        }
        catch {
            return this.abort.signal.aborted;
        }
    }
    cut() {
        this.out.write(`: too far behind; reconnect with Last-Event-ID\nretry: ${this.options.retryMs}\n\n`);
        // A client that reads nothing at all would hold the socket: it is destroyed if the rest is not flushed soon.
        setTimeout(() => this.out.destroy(), this.options.heartbeatMs).unref();
    }
    end() {
        if (!this.out.writableEnded)
            this.out.end();
    }
}
exports.LiveStream = LiveStream;
//# sourceMappingURL=live-stream.js.map