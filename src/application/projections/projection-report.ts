import type { EventStore, Position } from '../ports/event-store.port';
import type { ReadStore, SetAsideEvent } from '../ports/read-store.port';
import type { Projection } from './projection';
import type { ProjectionState, ProjectionStatus, RebuildProgress } from './projection-runner';

/** One read model as a coordinator or an auditor sees it (GET /v1/projections, `cli projections`). */
export type ProjectionReport = Readonly<{
  name: string;
  version: number;
  position: Position | null;
  head: Position | null;
  /** Positions of the log beyond the read model's checkpoint. */
  lag: number;
  state: ProjectionState;
  setAside: readonly SetAsideEvent[];
  /** A new read model being built beside this one (POST /v1/projections/{name}/rebuild): when asked for, how far it has folded. */
  rebuild?: RebuildProgress;
}>;

/** Positions of the log beyond a checkpoint. */
export const lagOf = (head: Position | null, position: Position | null): number =>
  head === null ? 0 : Number(BigInt(head) - (position === null ? 0n : BigInt(position)));

/** Each read model's state beside the head of the log and the events it set aside. */
export const projectionReport = async (
  store: EventStore,
  reads: ReadStore,
  statuses: readonly ProjectionStatus[],
): Promise<ProjectionReport[]> => {
  const [head, setAside] = await Promise.all([store.headPosition(), reads.setAside()]);
  return statuses.map(({ name, version, position, state, rebuild }) => ({
    name,
    version,
    position,
    head,
    lag: lagOf(head, position),
    state,
    setAside: setAside.filter((event) => event.projection === name),
    ...(rebuild ? { rebuild } : {}),
  }));
};

/**
 * What the read store says of each read model, for a process that runs no
 * projections (the CLI): stuck while an event is set aside as stuck, rebuilding
 * when its stored version is not the code's (the service rebuilds it at start).
 */
export const storedStatuses = async (reads: ReadStore, projections: readonly Projection[]): Promise<ProjectionStatus[]> => {
  const setAside = await reads.setAside();
  const statuses: ProjectionStatus[] = [];
  for (const { name, version } of projections) {
    const checkpoint = await reads.checkpoint(name);
    const stuckAt = setAside.find((event) => event.projection === name && event.resolution === 'stuck') ?? null;
    const outdated = checkpoint.position !== null && checkpoint.version !== version;
    statuses.push({ name, version, position: checkpoint.position, state: stuckAt ? 'stuck' : outdated ? 'rebuilding' : 'running', stuckAt });
  }
  return statuses;
};
