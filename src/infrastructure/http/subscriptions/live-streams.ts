import type { LiveStream } from './live-stream';

/** The open live-feed connections, so that stopping the service ends them before HTTP waits for them. */
export class LiveStreams {
  private readonly open = new Set<LiveStream>();

  track(stream: LiveStream): void {
    this.open.add(stream);
    void stream.done.finally(() => this.open.delete(stream));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((stream) => stream.close()));
  }

  get size(): number {
    return this.open.size;
  }
}
