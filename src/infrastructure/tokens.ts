export const APP_CONFIG = Symbol('AppConfig');
export const SQLITE_DATABASE = Symbol('SqliteDatabase');
/** Gives back the data directory this process took to itself before it opened anything there (see holdDataDir). */
export const DATA_DIR_RELEASE = Symbol('DataDirRelease');
export const PROJECTIONS = Symbol('Projections');
/** The service's PostgreSQL pool, or null when nothing is kept there. */
export const PG_POOL = Symbol('PgPool');
