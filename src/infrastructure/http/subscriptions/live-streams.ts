import type { LiveStream } from './live-stream';

/**
 * The open live-feed connections, each with the key that opened it: stopping
 * the service ends them before HTTP waits for them, and revoking a key ends
 * those that key opened, as it stops its webhooks.
 */
export class LiveStreams {
  private readonly open = new Map<LiveStream, string | undefined>();

  track(stream: LiveStream, keyId?: string): void {
    this.open.set(stream, keyId);
    void stream.done.finally(() => this.open.delete(stream));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((stream) => stream.close()));
  }

  /** Ends the feeds a key opened (it was revoked): its client's next request is refused (401). */
  async closeOwnedBy(keyId: string): Promise<void> {
    await Promise.all([...this.open].filter(([, owner]) => owner === keyId).map(([stream]) => stream.close()));
  }

  get size(): number {
    return this.open.size;
  }
}
