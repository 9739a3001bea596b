"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RATE_COUNTERS = void 0;
exports.RATE_COUNTERS = Symbol('RateCounters');
//# sourceMappingURL=rate-counters.port.js.map