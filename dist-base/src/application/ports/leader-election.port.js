"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.READ_MODEL_ELECTION = exports.LEADER_ELECTION = void 0;
exports.LEADER_ELECTION = Symbol('LeaderElection');
/**
 * The election for the projection runner: the same as LEADER_ELECTION when
 * the read models are shared by every instance, one of its own (always won)
 * when each instance keeps its own read models.
 */
exports.READ_MODEL_ELECTION = Symbol('ReadModelElection');
//# sourceMappingURL=leader-election.port.js.map