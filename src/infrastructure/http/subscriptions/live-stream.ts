import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import type { Position } from '../../../application/ports/event-store.port';
import type { RenderedEvent } from '../../../application/subscriptions/cloud-events';
import type { LogFanOut } from '../../../application/subscriptions/log-fan-out';
import { resumeIdOf } from '../../../application/subscriptions/resume-point';

export type LiveStreamOptions = Readonly<{
  log: LogFanOut;
  heartbeatMs: number;
  /** Bytes the client may leave unread; beyond that, or when it reads nothing for a heartbeat, it is cut off. */
  bufferBytes: number;
  /** The reconnection delay the client is told to wait when cut off. */
  retryMs: number;
  /** A failure reading the log: the connection ends and the client resumes with Last-Event-ID. */
  onError: (error: unknown) => void;
}>;

/** Each event's SSE frame, encoded once and written to every client that wants it. */
const frames = new WeakMap<RenderedEvent, Buffer>();
const frame = (rendered: RenderedEvent): Buffer => {
  let bytes = frames.get(rendered);
  if (!bytes) {
    const { event, json } = rendered;
    bytes = Buffer.from(`id: ${resumeIdOf(event)}\nevent: ${event.type}\ndata: ${json}\n\n`);
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
export class LiveStream {
  private readonly abort = new AbortController();
  /** The connection under `out` when it is an HTTP response: a finished response lets go of it (keep-alive). */
  private readonly connection: Pick<NonNullable<ServerResponse['socket']>, 'destroy'> | null;
  readonly done: Promise<void>;

  constructor(
    private readonly out: Writable,
    private readonly options: LiveStreamOptions,
    wanted: (event: RenderedEvent) => boolean,
    after: Position | null,
  ) {
    this.connection = (out as Partial<Pick<ServerResponse, 'socket'>>).socket ?? null;
    out.once('close', () => this.abort.abort());
    this.done = this.run(wanted, after)
      .catch(options.onError)
      .finally(() => this.end());
  }

  /** Ends the stream (the service is stopping); the client resumes later with Last-Event-ID. */
  close(): Promise<void> {
    this.abort.abort();
    return this.done;
  }

  private async run(wanted: (event: RenderedEvent) => boolean, after: Position | null): Promise<void> {
    const { signal } = this.abort;
    this.out.write(`retry: ${this.options.retryMs}\n: connected\n\n`);
    const heartbeat = setInterval(() => this.out.writableNeedDrain || this.out.write(': heartbeat\n\n'), this.options.heartbeatMs);
    try {
      for await (const batch of this.options.log.follow(after, signal)) {
        if (signal.aborted) break;
        // One write per batch: the frames leave in one system call.
        this.out.cork();
        for (const rendered of batch) if (wanted(rendered)) this.out.write(frame(rendered));
        this.out.uncork();
        if (!(await this.drained())) return this.cut();
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** True once the client has read enough to take the next batch; false when it is too far behind. */
  private async drained(): Promise<boolean> {
    if (!this.out.writableNeedDrain) return true;
    if (this.out.writableLength > this.options.bufferBytes) return false;
    const timeout = AbortSignal.timeout(this.options.heartbeatMs);
    try {
      await once(this.out, 'drain', { signal: AbortSignal.any([timeout, this.abort.signal]) });
      return true;
    } catch {
      return this.abort.signal.aborted;
    }
  }

  /**
   * The response ends with the reason and the retry hint, and its connection
   * is closed once the rest is handed to the kernel: left open for the next
   * request (keep-alive), it held up to 4 MB the client had not read, in the
   * kernel's buffers, for the 72 s of the keep-alive timeout. Of a client
   * that reads nothing at all the rest may never be flushed: the response is
   * destroyed, with its connection, a heartbeat after the cut.
   */
  private cut(): void {
    this.out.write(`: too far behind; reconnect with Last-Event-ID\nretry: ${this.options.retryMs}\n\n`);
    this.out.end(() => this.connection?.destroy());
    setTimeout(() => this.out.destroy(), this.options.heartbeatMs).unref();
  }

  private end(): void {
    if (!this.out.writableEnded) this.out.end();
  }
}
