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
   * Replaces the digest of a key kept under a fixed id (the bootstrap
   * coordinator key). A secret once revoked stays revoked: the same secret
   * again keeps its revocation, and when the secret changes a revoked one is
   * kept under an id of its own (`{id}:{revokedAt}`), so that it is refused
   * should it ever be installed again. Answers whether the key now kept under
   * the id may be used; false for a secret revoked before, which stays so
   * (one revoked under another id changes nothing: the key kept under this
   * id stays as it was).
   */
  upsert(record: ApiKeyRecord, digest: string): Promise<boolean>;
  findByDigest(digest: string): Promise<ApiKeyRecord | null>;
  list(): Promise<ApiKeyRecord[]>;
  revoke(id: string, at: string): Promise<ApiKeyRecord | null>;
}

export const API_KEY_STORE = Symbol('ApiKeyStore');
