/**
 * What the SQLite and PostgreSQL key stores share to keep a revoked
 * bootstrap key revoked (see ApiKeyStore.upsert).
 */

/** The id a revoked secret moves to when another takes its place: `{id}:{revokedAt}`, in either dialect. */
export const RETIRED_ID = "id || ':' || revoked_at";

/** On the fixed id's conflict: the new digest; the revocation kept if the secret is the same, none for a new one. */
export const KEEP_REVOCATION = (table: string) =>
  `digest = excluded.digest, revoked_at = CASE WHEN ${table}.digest = excluded.digest THEN ${table}.revoked_at ELSE NULL END`;

/**
 * The secret is kept under another id already: a revoked one that held the
 * fixed id before (it stays revoked and is not installed: false). Any other
 * key of the same secret would be a digest collision, never a real case.
 */
export const revokedElsewhere = (holder: { id: string; revoked_at: string | null }, id: string): false => {
  if (holder.revoked_at === null) throw new Error(`the secret for ${id} is the secret of key ${holder.id}`);
  return false;
};
