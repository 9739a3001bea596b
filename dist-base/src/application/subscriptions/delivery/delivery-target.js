"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.retryDelay = exports.DELIVERY_TARGET_STORE = void 0;
exports.DELIVERY_TARGET_STORE = Symbol('DeliveryTargetStore');
/** Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of many targets spread out. */
const retryDelay = (attempt, policy, random = Math.random) => {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};
exports.retryDelay = retryDelay;
//# sourceMappingURL=delivery-target.js.map