/**
 * The errors with which a read store refuses a write whatever it holds
 * (ReadStore.refusesAnyWrite). Such a refusal says nothing of the event being
 * folded: set aside, it would stop its read model (or, where it may skip,
 * lose the event in every later rebuild) after the store is back.
 */
const codeOf = (error: unknown): string | undefined => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/** SQLite: out of space, read-only, failing its I/O, busy or locked, the file not opened, out of memory. */
const SQLITE_OUTAGE = /^SQLITE_(FULL|IOERR|READONLY|BUSY|LOCKED|CANTOPEN|NOMEM)/;
export const sqliteRefusesAnyWrite = (error: unknown): boolean => SQLITE_OUTAGE.test(codeOf(error) ?? '');

/** PostgreSQL: the classes of SQLSTATE for a lost connection, insufficient resources (disk full), operator intervention and system errors. */
const PG_OUTAGE_CLASSES = new Set(['08', '53', '57', '58']);
export const pgRefusesAnyWrite = (error: unknown): boolean => {
  const code = codeOf(error);
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code) && PG_OUTAGE_CLASSES.has(code.slice(0, 2));
};
