/** The answer a command got, kept under the caller's Idempotency-Key. */
export type StoredAnswer = Readonly<{
  /** Digest of the request (method, path, body) the key was first used with. */
  requestDigest: string;
  status: number;
  body: unknown;
  createdAt: string;
}>;

export interface IdempotencyStore {
  /** `scope` keeps one caller's keys apart from another's (the API key id). */
  find(scope: string, key: string): Promise<StoredAnswer | null>;
  /**
   * Keeps `answer` unless an answer is already kept under the key (saved by a
   * request that ran at the same moment, possibly on another instance); returns the answer kept.
   */
  save(scope: string, key: string, answer: StoredAnswer): Promise<StoredAnswer>;
  /** Forgets answers recorded before `before`; returns how many. */
  purge(before: string): Promise<number>;
}

export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
