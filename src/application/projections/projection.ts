import type { RecordedEvent } from '../ports/event-store.port';

/**
 * A read model kept as one JSON document per key. `evolve` is a pure fold:
 * everything it needs is in the event (STYLE.md), so it never looks anything up.
 * Returning null deletes the document.
 */
export interface DocumentProjection<Doc extends object = object> {
  readonly kind?: 'documents';
  readonly name: string;
  /** Bump when evolve or the document shape changes: the read model is then rebuilt at start. */
  readonly version: number;
  readonly handles: ReadonlySet<string>;
  /** Document fields that lists filter on; each gets an indexed column. */
  readonly indexed: ReadonlyArray<keyof Doc & string>;
  keyOf(event: RecordedEvent): string;
  /** For an event that touches several documents (a batch of holdings): all their keys. */
  keysOf?(event: RecordedEvent): readonly string[];
  /** `key` is the document being evolved, for events that touch several. */
  evolve(doc: Doc | null, event: RecordedEvent, key: string): Doc | null;
}

export type ColumnType = 'TEXT' | 'INTEGER' | 'REAL';

/**
 * A read model kept as rows appended in log order, never updated: the ledger's
 * postings, facts for reports. `rowsOf` is pure. Rows carry the position of
 * the event that made them, so any query can be cut at a position.
 */
export interface RowProjection<Row extends Record<string, string | number | null> = Record<string, string | number | null>> {
  readonly kind: 'rows';
  readonly name: string;
  readonly version: number;
  readonly handles: ReadonlySet<string>;
  readonly columns: Readonly<Record<keyof Row & string, ColumnType>>;
  /** Column lists to index, for the queries the read model answers. */
  readonly indexes: ReadonlyArray<ReadonlyArray<keyof Row & string>>;
  /**
   * Columns that identify a row: a row whose key is already stored is not
   * inserted again, so an event folded twice (two writers on one file) is
   * still counted once.
   */
  readonly unique?: ReadonlyArray<keyof Row & string>;
  rowsOf(event: RecordedEvent): Row[];
}

/**
 * Any read model, whatever its document or row type: the runner and the read
 * store handle them without looking inside (`any` because a projection of a
 * narrower document type is not assignable to one over `object`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Projection = DocumentProjection<any> | RowProjection<any>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const isRowProjection = (projection: Projection): projection is RowProjection<any> => projection.kind === 'rows';
