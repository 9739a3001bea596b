import type { Role } from '../../domain/shared/decider';

export type ApiKeyRecord = Readonly<{
  id: string;
  role: Exclude<Role, 'system'>;
  /** The ISIL a librarian key acts for; absent for other roles. */
  library: string | null;
  label: string | null;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}>;

/** Keys are kept as SHA-256 digests only: a stolen database yields no usable key. */
export interface ApiKeyStore {
  insert(record: ApiKeyRecord, digest: string): Promise<void>;
  /**
   * Replaces the digest of a key kept under a fixed id (the bootstrap coordinator key).
   * A revoked key stays revoked unless the secret itself changes.
   */
  upsert(record: ApiKeyRecord, digest: string): Promise<void>;
  findByDigest(digest: string): Promise<ApiKeyRecord | null>;
  list(): Promise<ApiKeyRecord[]>;
  revoke(id: string, at: string): Promise<ApiKeyRecord | null>;
}

export const API_KEY_STORE = Symbol('ApiKeyStore');
