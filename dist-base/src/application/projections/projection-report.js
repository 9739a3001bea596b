"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.storedStatuses = exports.projectionReport = exports.lagOf = void 0;
/** Positions of the log beyond a checkpoint. */
const lagOf = (head, position) => head === null ? 0 : Number(BigInt(head) - (position === null ? 0n : BigInt(position)));
exports.lagOf = lagOf;
/** Each read model's state beside the head of the log and the events it set aside. */
const projectionReport = async (store, reads, statuses) => {
    const [head, setAside] = await Promise.all([store.headPosition(), reads.setAside()]);
    return statuses.map(({ name, version, position, state, rebuild }) => ({
        name,
        version,
        position,
        head,
        lag: (0, exports.lagOf)(head, position),
        state,
        setAside: setAside.filter((event) => event.projection === name),
        ...(rebuild ? { rebuild } : {}),
    }));
};
exports.projectionReport = projectionReport;
/**
 * What the read store says of each read model, for a process that runs no
 * projections (the CLI): stuck while an event is set aside as stuck, rebuilding
 * when its stored version is not the code's (the service rebuilds it at start).
 */
const storedStatuses = async (reads, projections) => {
    const setAside = await reads.setAside();
    const statuses = [];
    for (const { name, version } of projections) {
        const checkpoint = await reads.checkpoint(name);
        const stuckAt = setAside.find((event) => event.projection === name && event.resolution === 'stuck') ?? null;
        const outdated = checkpoint.position !== null && checkpoint.version !== version;
        statuses.push({ name, version, position: checkpoint.position, state: stuckAt ? 'stuck' : outdated ? 'rebuilding' : 'running', stuckAt });
    }
    return statuses;
};
exports.storedStatuses = storedStatuses;
//# sourceMappingURL=projection-report.js.map