"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fold = void 0;
const fold = (decider, events) => events.reduce(decider.evolve, decider.initialState());
exports.fold = fold;
//# sourceMappingURL=decider.js.map