"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SYSTEM = exports.COORDINATOR = exports.librarian = exports.decideAll = void 0;
/**
 * Writing a realistic log for a benchmark: commands run through the domain's
 * own deciders, so every event is one the service could have written.
 */
const node_crypto_1 = require("node:crypto");
/** Runs commands through a decider as the command loop would, keeping each event's time and actor. */
const decideAll = (decider, steps) => {
    let state = decider.initialState();
    const out = [];
    const correlationId = (0, node_crypto_1.randomUUID)();
    for (const { command, actor, at } of steps) {
        const now = new Date(at);
        const events = decider.decide({ ...command, metadata: { now, actor } }, state);
        for (const event of events) {
            state = decider.evolve(state, event);
            out.push({
                eventId: (0, node_crypto_1.randomUUID)(),
                type: event.type,
                data: event.data,
                metadata: { actor: { ...actor, keyId: `key-${actor.library ?? actor.role}` }, correlationId, causationId: (0, node_crypto_1.randomUUID)(), recordedAt: now.toISOString() },
            });
        }
    }
    return out;
};
exports.decideAll = decideAll;
const librarian = (library) => ({ role: 'librarian', library });
exports.librarian = librarian;
exports.COORDINATOR = { role: 'coordinator' };
exports.SYSTEM = { role: 'system' };
//# sourceMappingURL=decide-all.js.map