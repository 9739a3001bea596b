import type { DocumentProjection, Projection, RowProjection } from '../projections/projection';
import type { Position } from './event-store.port';

export type Checkpoint = Readonly<{ position: Position | null; version: number }>;

/** The changes one batch of events makes to one projection, and the position it reached. */
export type ProjectionChanges =
  | Readonly<{
      projection: DocumentProjection;
      upserts: ReadonlyArray<{ id: string; doc: object; position: Position }>;
      deletes: readonly string[];
      checkpoint: Position;
    }>
  | Readonly<{
      projection: RowProjection;
      rows: ReadonlyArray<Record<string, string | number | null>>;
      checkpoint: Position;
    }>;

export type ListQuery = Readonly<{
  /** Equality filters on indexed fields. */
  where: Readonly<Record<string, string>>;
  /** Indexed fields that must be at least the given value (ISO dates and instants compare as text). */
  atLeast?: Readonly<Record<string, string>>;
  /** An indexed text field that must contain every one of these words, ignoring case. */
  words?: Readonly<{ field: string; words: readonly string[] }>;
  /** Opaque cursor from a previous page. */
  after?: string;
  limit: number;
}>;

export type Page<T> = Readonly<{ items: T[]; next: string | null }>;

export interface ReadStore {
  /** Creates the tables of a projection if they are missing. */
  prepare(projection: Projection): Promise<void>;
  checkpoint(projection: string): Promise<Checkpoint>;
  load(projection: string, ids: readonly string[]): Promise<Map<string, object>>;
  /** Writes the rows and the checkpoints of every projection in one transaction. */
  commit(changes: readonly ProjectionChanges[]): Promise<void>;
  /** Drops the rows and the checkpoint of a projection. */
  reset(projection: Projection): Promise<void>;
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
