export const APP_CONFIG = Symbol('AppConfig');
export const SQLITE_DATABASE = Symbol('SqliteDatabase');
export const PROJECTIONS = Symbol('Projections');
