"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.commandIds = void 0;
const uuid_1 = require("uuid");
/** Namespace of the ids derived from idempotency keys (a fixed, random UUID). */
const NAMESPACE = '3c1f9a52-5d8e-4b7a-9f0e-6b2d8c4a1e77';
const commandIds = (source, idempotencySeed) => idempotencySeed === undefined
    ? { aggregateId: () => source.next(), eventId: () => source.next(), deterministic: false }
    : {
        aggregateId: () => (0, uuid_1.v5)(`${idempotencySeed}\naggregate`, NAMESPACE),
        eventId: (index) => (0, uuid_1.v5)(`${idempotencySeed}\nevent\n${index}`, NAMESPACE),
        deterministic: true,
    };
exports.commandIds = commandIds;
//# sourceMappingURL=command-ids.js.map