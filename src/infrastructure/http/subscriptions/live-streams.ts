import type { LiveStream } from './live-stream';

/**
 * The open live-feed connections, each with the key that opened it: stopping
 * the service ends them before HTTP waits for them, revoking a key ends
 * those that key opened, as it stops its webhooks, and how many each key
 * holds is counted for its cap (LEDGER_LIVE_FEEDS_PER_KEY). A feed ends,
 * and frees its key's slot, as soon as its connection closes.
 */
export class LiveStreams {
  private readonly open = new Map<LiveStream, string | undefined>();
  private readonly perKey = new Map<string, number>();

  track(stream: LiveStream, keyId?: string): void {
    this.open.set(stream, keyId);
    if (keyId !== undefined) this.perKey.set(keyId, this.heldBy(keyId) + 1);
    void stream.done.finally(() => {
      this.open.delete(stream);
      if (keyId === undefined) return;
      const left = this.heldBy(keyId) - 1;
      if (left > 0) this.perKey.set(keyId, left);
      else this.perKey.delete(keyId);
    });
  }

  /** The feeds a key holds open on this instance. */
  heldBy(keyId: string): number {
    return this.perKey.get(keyId) ?? 0;
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
