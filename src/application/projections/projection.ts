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
  /**
   * Indexed fields that lists filter on together, one index for each list: a
   * list filtered on all of them (a borrower's loans on loan) then reads only
   * the documents it returns. With an index of one of the fields alone, it
   * read past every document that matched that field and not the others (all
   * the loans the borrower checked in): more with every year of history.
   */
  readonly indexedTogether?: ReadonlyArray<ReadonlyArray<keyof Doc & string>>;
  /**
   * The indexed text field lists search for words in (ListQuery.words): the
   * store keeps a word index of it, so a search for a rare word reads the
   * documents that hold it. Without one, a search read down the documents
   * newest first until a page had matched: every document for a word few of
   * them hold (400 ms at 1,000,000 titles, and more with every title).
   */
  readonly searched?: keyof Doc & string;
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
  /** Column lists to index, for the queries the read model answers: the row's columns and those its running totals carry. */
  readonly indexes: ReadonlyArray<ReadonlyArray<(keyof Row & string) | string>>;
  /**
   * Columns that identify a row: a row whose key is already stored is not
   * inserted again, so an event folded twice (two writers on one file) is
   * still counted once.
   */
  readonly unique?: ReadonlyArray<keyof Row & string>;
  /** Totals carried along the rows (the ledger's running balances), kept by the store as it appends them. */
  readonly running?: RunningTotals<Row>;
  rowsOf(event: RecordedEvent): Row[];
}

/**
 * One group a row moves: its key (one value per key column), what the row
 * adds to each of the group's sums, and the columns of the row that take the
 * group's sums once the row is counted, in the order of the sums (none: the
 * row does not keep them; null: it does not keep that sum).
 *
 * A group that keeps a state rather than a flow (whether a library holds a
 * title) is `set` to the row's values instead; a later move of the same row
 * can then add what that set changed (`add: 'change'`: a library's count of
 * titles moves only when one of its titles changes state). A move that
 * `opens` marks the row that opens its scope's day (ScopeOpenings).
 */
export type RunningMove = Readonly<
  { key: readonly string[]; into?: ReadonlyArray<string | null>; spread?: SpreadMove; opens?: true } & ({ add: readonly bigint[] | 'change' } | { set: readonly bigint[] })
>;

/**
 * A move into a group that keeps its sums per bucket as well (a lender's
 * shipments per turnaround bucket): what the row adds goes to `bucket` of
 * the group's spread too.
 */
export type SpreadMove = Readonly<{ bucket: string }>;

/**
 * The openings of a scope: the groups whose key begins with the same first
 * `scope` columns (an agreement) and whose next column is one of `holds`
 * (the fairness report's tallies). A move with `opens` (into a group of
 * that scope every row moves) marks the scope's first row of each UTC day:
 * the store then keeps, as a group of its own keyed [...scope, `as`, day,
 * '', …], what every group of the scope held before that row, its sums and
 * its spread, as the group's spread text (running-totals' Opening; past
 * OPENING_CHARS, in several such groups, keyed '', 1, 2, … after the day).
 * For a scope whose times keep log order that is what they held at the
 * day's midnight, so the whole scope as of a midnight is one seek (its
 * first opening on or after that day, or its groups as they are when it
 * has not moved since), however many groups and buckets it has.
 */
export type ScopeOpenings = Readonly<{ scope: number; holds: readonly string[]; as: string }>;

/**
 * Running totals kept with a row read model, so a sum up to any position is
 * one index seek per group instead of a scan. The store keeps a totals table
 * (`rm_<name>_totals`: the key columns, each group's first and last position,
 * the latest time seen, how many rows came earlier in time than a row before
 * them, and the sums) and fills the `carried` columns of each row as it
 * appends it, with `carryTotals` (application/projections/running-totals):
 * store-neutral arithmetic over the stored totals of the groups a batch
 * touches, read and written in the commit's transaction. A row at or before
 * a group's last position is already counted (an event folded twice) and is
 * not appended again.
 */
export type RunningTotals<Row> = Readonly<{
  key: readonly string[];
  sums: readonly string[];
  /** Column lists to index in the totals table, besides its primary key (the key columns). */
  indexes?: ReadonlyArray<readonly string[]>;
  /** Exact integer columns (INTEGER) the store adds to each row for the sums after it. */
  carried: readonly string[];
  /** The row's position in the log (rows of one event share it) and its time, whose order each group checks. */
  positionOf(row: Row): bigint;
  timeOf(row: Row): string;
  movesOf(row: Row): readonly RunningMove[];
  /**
   * Moves that depend on what movesOf carried into the row (a loan's
   * turnaround needs its request's time): called for each row once its first
   * moves are counted, with the row as carried so far. Its `labels` are set
   * on the row before its moves are counted; its groups are never movesOf's.
   */
  laterMovesOf?(row: Readonly<Record<string, bigint | string | number | null>>): LaterMoves;
  /** Text columns the store adds beside `carried`: those laterMovesOf sets on each row (the bucket its groups are keyed by). */
  labels?: readonly string[];
  /** Whether some group keeps a spread (SpreadMove) or openings: the store then keeps them, as text, in the totals table's `spread` column. */
  spreads?: boolean;
  /** The openings of each UTC day the store keeps for a scope of groups (ScopeOpenings); they need `spreads`. */
  openings?: ScopeOpenings;
  /**
   * Copies of every group's sums: the store writes one to a marks table
   * once at least `every` rows, and at least as many as its last copy had
   * groups, have been written since that copy (so a copy costs at most one
   * row per row folded), marked with the last position any group moved at.
   * Rows, not positions: an event store's positions may be far apart
   * (EventStoreDB's are byte offsets in its log). Many groups as of a past
   * cut are then the last copy at or before it and the rows after it, a
   * range as short as the copies are apart, instead of a seek per group.
   * A copy's groups are kept in the order of `key` (the key's columns, as
   * queries narrow them), so one query's groups are one range of it.
   */
  marks?: Readonly<{ every: number; key: readonly string[] }>;
}>;

/** What a row's second pass sets on it and the groups it moves. */
export type LaterMoves = Readonly<{ labels?: Readonly<Record<string, string>>; moves: readonly RunningMove[] }>;

/**
 * Any read model, whatever its document or row type: the runner and the read
 * store handle them without looking inside (`any` because a projection of a
 * narrower document type is not assignable to one over `object`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Projection = DocumentProjection<any> | RowProjection<any>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const isRowProjection = (projection: Projection): projection is RowProjection<any> => projection.kind === 'rows';

/** The field lists a document read model indexes together, each checked to be among its indexed fields (their columns). */
export const fieldsIndexedTogether = (projection: DocumentProjection): ReadonlyArray<readonly string[]> => {
  for (const fields of projection.indexedTogether ?? []) {
    const missing = fields.find((field) => !projection.indexed.includes(field));
    if (missing !== undefined) throw new Error(`the read model ${projection.name} indexes ${missing} together with other fields but not on its own`);
  }
  return projection.indexedTogether ?? [];
};

/** The field a document read model searches for words in, checked to be among its indexed fields (their columns). */
export const searchedField = (projection: DocumentProjection): string | undefined => {
  const field = projection.searched;
  if (field !== undefined && !projection.indexed.includes(field)) throw new Error(`the read model ${projection.name} searches ${field} for words but does not index it`);
  return field;
};

/**
 * The columns of a read model's tables, as every read store makes them: its
 * table's (a row read model's declared columns, those its running totals
 * carry and label; a document's id, sequence, document and a column per
 * indexed field) and, with running totals, their table's. A store checks a
 * table an older version left against them.
 */
export const tableColumns = (projection: Projection): Readonly<{ table: readonly string[]; totals: readonly string[] }> => {
  if (!isRowProjection(projection)) return { table: ['id', 'seq', 'doc', ...projection.indexed.map((field) => `ix_${field}`)], totals: [] };
  const running = projection.running;
  return {
    table: ['seq', ...Object.keys(projection.columns), ...(running?.carried ?? []), ...(running?.labels ?? [])],
    totals:
      running === undefined
        ? []
        : [...running.key, 'first_position', 'last_position', 'latest', 'disordered', ...running.sums, ...(running.spreads ? ['spread'] : [])],
  };
};

/** Where a read model is rebuilt beside the live one: the same projection under this name, switched in by ReadStore.promote. */
export const shadowName = (name: string): string => `${name}__next`;

/** The projection as its shadow: everything the same but the name, so the store keeps it in tables of their own. */
export const shadowOf = <P extends Projection>(projection: P): P => ({ ...projection, name: shadowName(projection.name) });
