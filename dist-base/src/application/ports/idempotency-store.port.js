"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IDEMPOTENCY_STORE = void 0;
exports.IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
//# sourceMappingURL=idempotency-store.port.js.map