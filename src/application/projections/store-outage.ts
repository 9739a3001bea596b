/**
 * Errors with which a read store refuses a write whatever it holds: out of
 * space, read-only, failing its I/O, busy or out of memory (SQLite's result
 * codes), or PostgreSQL's connection, insufficient-resources (disk full),
 * operator-intervention and system-error classes. Such a refusal says nothing
 * of the event being folded: the batch is to be tried again, not the event
 * set aside, which would stop its read model (or, where it may skip, lose the
 * event in every later rebuild) after the store is back.
 */
const SQLITE_OUTAGE = /^SQLITE_(FULL|IOERR|READONLY|BUSY|LOCKED|CANTOPEN|NOMEM)/;
const PG_OUTAGE_CLASSES = new Set(['08', '53', '57', '58']);

export const storeCannotWrite = (error: unknown): boolean => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return false;
  return SQLITE_OUTAGE.test(code) || (/^[0-9A-Z]{5}$/.test(code) && PG_OUTAGE_CLASSES.has(code.slice(0, 2)));
};
