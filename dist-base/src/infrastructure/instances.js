"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sharedBy = void 0;
/**
 * Several instances run only on a PostgreSQL log (the embedded file is held by
 * one process): then what they share besides the log (keys, idempotency
 * answers, rate limit counts, webhooks) is kept in PostgreSQL too.
 */
const sharedBy = (config, pool) => config.eventStore === 'postgres' && pool !== null;
exports.sharedBy = sharedBy;
//# sourceMappingURL=instances.js.map