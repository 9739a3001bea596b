export const APP_CONFIG = Symbol('AppConfig');
export const SQLITE_DATABASE = Symbol('SqliteDatabase');
export const PROJECTIONS = Symbol('Projections');
/** The service's PostgreSQL pool, or null when nothing is kept there. */
export const PG_POOL = Symbol('PgPool');
