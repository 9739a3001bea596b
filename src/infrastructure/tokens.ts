export const APP_CONFIG = Symbol('AppConfig');
export const SQLITE_DATABASE = Symbol('SqliteDatabase');
export const PROJECTIONS = Symbol('Projections');
/** The PostgreSQL pool of the stores beside the log (keys, idempotency answers, rate limits); null off PostgreSQL. */
export const PG_POOL = Symbol('PgPool');
