"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PG_POOL = exports.PROJECTIONS = exports.SQLITE_DATABASE = exports.APP_CONFIG = void 0;
exports.APP_CONFIG = Symbol('AppConfig');
exports.SQLITE_DATABASE = Symbol('SqliteDatabase');
exports.PROJECTIONS = Symbol('Projections');
/** The service's PostgreSQL pool, or null when nothing is kept there. */
exports.PG_POOL = Symbol('PgPool');
//# sourceMappingURL=tokens.js.map