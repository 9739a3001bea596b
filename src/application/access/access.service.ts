import { Inject, Injectable } from '@nestjs/common';
import { Forbidden, InvalidValue } from '../../domain/shared/errors';
import { toIsil } from '../../domain/shared/isil';
import { PartnerNotFound } from '../../domain/partners/partner.errors';
import { streams } from '../cooperation/streams';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port';
import { API_KEY_STORE, type ApiKeyRecord, type ApiKeyStore } from '../ports/api-key-store.port';
import { CLOCK, type Clock } from '../ports/clock.port';
import { IDS, type IdSource } from '../ports/ids.port';
import { digestApiKey, generateApiKey } from './api-keys';

export type Principal = Readonly<{ keyId: string; role: ApiKeyRecord['role']; library?: string }>;

export const BOOTSTRAP_KEY_ID = 'bootstrap-coordinator';

export type NewApiKey = Readonly<{ role: ApiKeyRecord['role']; isil?: string; label?: string }>;

/** Something that must stop acting for a key once it is revoked (its webhooks, …). */
export type RevocationListener = (keyId: string) => Promise<void>;

@Injectable()
export class AccessService {
  private readonly revocationListeners: RevocationListener[] = [];

  constructor(
    @Inject(API_KEY_STORE) private readonly keys: ApiKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The principal a presented key stands for, or null when it is unknown or revoked. */
  async authenticate(key: string): Promise<Principal | null> {
    const record = await this.keys.findByDigest(digestApiKey(key));
    if (!record || record.revokedAt !== null) return null;
    return { keyId: record.id, role: record.role, ...(record.library ? { library: record.library } : {}) };
  }

  /**
   * Makes `key` the bootstrap coordinator key (a changed LEDGER_ADMIN_KEY
   * replaces the old one). Answers false when the key was revoked before: it
   * stays revoked, whatever key was installed since (see ApiKeyStore.upsert).
   */
  async installBootstrapKey(key: string): Promise<boolean> {
    const record: ApiKeyRecord = {
      id: BOOTSTRAP_KEY_ID,
      role: 'coordinator',
      library: null,
      label: 'bootstrap coordinator key',
      createdAt: this.clock.now().toISOString(),
      createdBy: null,
      revokedAt: null,
    };
    return this.keys.upsert(record, digestApiKey(key));
  }

  /** Issues a key; the secret is returned here once and never kept. */
  async issue(by: Principal, request: NewApiKey): Promise<{ record: ApiKeyRecord; key: string }> {
    if (by.role !== 'coordinator') throw new Forbidden('coordinator-only', 'only a coordinator issues API keys');
    const library = request.role === 'librarian' ? this.libraryOf(request.isil) : null;
    if (request.role !== 'librarian' && request.isil !== undefined) {
      throw new InvalidValue('isil', 'only a librarian key is bound to a library');
    }
    // A key for a library the network never registered (a mistyped ISIL, say) could act for no one.
    if (library !== null && (await this.store.readLastOfStream(streams.partner(library))) === null) throw new PartnerNotFound(library, 'isil');
    const key = generateApiKey();
    const record: ApiKeyRecord = {
      id: this.ids.next(),
      role: request.role,
      library,
      label: request.label ?? null,
      createdAt: this.clock.now().toISOString(),
      createdBy: by.keyId,
      revokedAt: null,
    };
    await this.keys.insert(record, digestApiKey(key));
    return { record, key };
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.keys.list();
  }

  /** Revokes the key, then lets what acts for it stop before answering. */
  async revoke(id: string): Promise<ApiKeyRecord | null> {
    const record = await this.keys.revoke(id, this.clock.now().toISOString());
    if (record) for (const listener of this.revocationListeners) await listener(record.id);
    return record;
  }

  /** Which of these key ids are revoked (the keys are few: one read of them all). */
  async revokedAmong(keyIds: readonly string[]): Promise<ReadonlySet<string>> {
    const wanted = new Set(keyIds);
    return new Set((await this.keys.list()).filter((record) => record.revokedAt !== null && wanted.has(record.id)).map((record) => record.id));
  }

  whenRevoked(listener: RevocationListener): void {
    this.revocationListeners.push(listener);
  }

  private libraryOf(isil: string | undefined): string {
    if (isil === undefined) throw new InvalidValue('isil', 'a librarian key must name the ISIL of its library');
    return toIsil(isil, 'isil');
  }
}
