import type { ApiKeyRecord, ApiKeyStore } from '../../application/ports/api-key-store.port';
import type { Clock } from '../../application/ports/clock.port';

/** Past this many cached keys the cache starts again: live keys are few, guesses are never cached. */
const MAX_ENTRIES = 10_000;

/**
 * Keys found valid, kept for a few seconds so a request does not look its key
 * up in the database. A key revoked or replaced through this store leaves the
 * cache at once; one revoked by another process sharing the database (another
 * instance, the CLI) is refused once its entry expires, within `ttlSeconds`.
 * Unknown and revoked keys are never cached: a key issued anywhere works at once.
 */
export class CachingApiKeyStore implements ApiKeyStore {
  private readonly valid = new Map<string, { record: ApiKeyRecord; until: number }>();
  /** Moved by every change: a lookup that overlapped one does not cache what it read. */
  private generation = 0;

  constructor(
    private readonly store: ApiKeyStore,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  async findByDigest(digest: string): Promise<ApiKeyRecord | null> {
    const now = this.clock.now().getTime();
    const cached = this.valid.get(digest);
    if (cached && cached.until > now) return cached.record;
    const generation = this.generation;
    const record = await this.store.findByDigest(digest);
    if (record && record.revokedAt === null && this.ttlSeconds > 0 && generation === this.generation) {
      if (this.valid.size >= MAX_ENTRIES) this.valid.clear();
      this.valid.set(digest, { record, until: now + this.ttlSeconds * 1000 });
    } else this.valid.delete(digest);
    return record;
  }

  insert(record: ApiKeyRecord, digest: string): Promise<void> {
    return this.store.insert(record, digest);
  }

  async upsert(record: ApiKeyRecord, digest: string): Promise<boolean> {
    this.forget(record.id);
    const usable = await this.store.upsert(record, digest);
    this.forget(record.id);
    return usable;
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.store.list();
  }

  async revoke(id: string, at: string): Promise<ApiKeyRecord | null> {
    // Before and after: a lookup in flight while the row changes must not put the key back.
    this.forget(id);
    try {
      return await this.store.revoke(id, at);
    } finally {
      this.forget(id);
    }
  }

  private forget(id: string): void {
    this.generation += 1;
    for (const [digest, entry] of this.valid) if (entry.record.id === id) this.valid.delete(digest);
  }
}
