import type { DocumentProjection, Projection, RowProjection } from '../projections/projection';
import type { Position } from './event-store.port';

export type Checkpoint = Readonly<{ position: Position | null; version: number }>;

/**
 * An event a projection could not fold, kept for the operator: `stuck` when
 * the projection stopped at it (it folds nothing further until the event is
 * retried or skipped), `skipped` when the projection went on without it (and
 * will again on every rebuild, so a rebuild gives the same read model).
 */
export type SetAsideEvent = Readonly<{
  projection: string;
  position: Position;
  eventId: string;
  type: string;
  error: string;
  setAsideAt: string;
  resolution: 'stuck' | 'skipped';
}>;

/** The changes one batch of events makes to one projection, and the position it reached. */
export type ProjectionChanges =
  | Readonly<{
      projection: DocumentProjection;
      upserts: ReadonlyArray<{ id: string; doc: object; position: Position }>;
      deletes: readonly string[];
      checkpoint: Position;
      setAside?: readonly SetAsideEvent[];
      /** The checkpoint the batch was folded from: a store several instances share refuses the batch if it has moved since. */
      from?: Position | null;
    }>
  | Readonly<{
      projection: RowProjection;
      rows: ReadonlyArray<Record<string, string | number | null>>;
      checkpoint: Position;
      setAside?: readonly SetAsideEvent[];
      from?: Position | null;
    }>;

export type ListQuery = Readonly<{
  /** Equality filters on indexed fields. */
  where: Readonly<Record<string, string>>;
  /** Indexed fields that must be at least the given value (ISO dates and instants compare as text). */
  atLeast?: Readonly<Record<string, string>>;
  /**
   * An indexed text field that must contain every one of these words, the
   * case of ASCII letters ignored; read through the field's word index when
   * the read model has one (DocumentProjection.searched).
   */
  words?: Readonly<{ field: string; words: readonly string[] }>;
  /** Opaque cursor from a previous page. */
  after?: string;
  limit: number;
}>;

export type Page<T> = Readonly<{ items: T[]; next: string | null }>;

/**
 * `deferIndexes`: a bulk load follows (the tables are empty and one writer
 * fills them from the start of the log): only the tables and their keys are
 * made, and the store may set itself up for the load (SQLite: a larger page
 * cache, sort threads) until `prepare` is called again without it, which
 * builds the indexes once over the loaded rows.
 */
export type PrepareOptions = Readonly<{ deferIndexes?: boolean }>;

/** A request to rebuild one read model beside the one that serves (`projection_rebuild_requests`). */
export type RebuildRequest = Readonly<{ projection: string; requestedAt: string }>;

export interface ReadStore {
  /**
   * Whether a refused write says the store takes no write at all for now (out
   * of space, read-only, failing its I/O, busy, unreachable) rather than
   * anything of what was written: the batch is then tried again, and no event
   * is set aside for it.
   */
  refusesAnyWrite(error: unknown): boolean;
  /** Creates the tables of a projection if they are missing (with deferIndexes: without their indexes, for a bulk load). */
  prepare(projection: Projection, options?: PrepareOptions): Promise<void>;
  checkpoint(projection: string): Promise<Checkpoint>;
  load(projection: string, ids: readonly string[]): Promise<Map<string, object>>;
  /** Writes the rows, the checkpoints and the events set aside of every projection in one transaction. */
  commit(changes: readonly ProjectionChanges[]): Promise<void>;
  /** Drops the rows and the checkpoint of a projection, and the event it was stuck at (it is folded again). */
  reset(projection: Projection, options?: PrepareOptions): Promise<void>;
  /**
   * Switches in a read model built beside the live one (`shadow`, the same
   * projection under shadowName): in one transaction, writes the shadow's last
   * changes, drops the live tables (and its running totals), renames the
   * shadow's to the live names, and moves the shadow's checkpoint to the
   * live name. A reader sees the old read model or the new, never a mix.
   */
  promote(projection: Projection, last: ProjectionChanges | null): Promise<void>;
  /** Asks the instance that folds the read models to rebuild one beside the live one; a request already pending is kept. */
  requestRebuild(request: RebuildRequest): Promise<void>;
  rebuildRequests(): Promise<RebuildRequest[]>;
  /** Forgets a request (done, or given up). */
  dropRebuildRequest(projection: string): Promise<void>;
  /** Every event set aside, by projection and position. */
  setAside(): Promise<SetAsideEvent[]>;
  /** Forgets the event a projection is stuck at, so the projection folds it again; false when it is stuck at none. */
  retrySetAside(projection: string): Promise<boolean>;
  /** Marks the event a projection is stuck at as skipped; false when it is not stuck at that position. */
  skipSetAside(projection: string, position: Position): Promise<boolean>;
  get<T>(projection: string, id: string): Promise<T | null>;
  list<T>(projection: string, query: ListQuery): Promise<Page<T>>;
}

export const READ_STORE = Symbol('ReadStore');

export class InvalidCursor extends Error {
  constructor() {
    super('the cursor is not one this service gave out');
    this.name = 'InvalidCursor';
  }
}
