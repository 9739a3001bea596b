import type { Database, Statement } from 'better-sqlite3';
import { fieldsIndexedTogether, isRowProjection, searchedField, shadowOf, tableColumns, type Projection, type RowProjection, type RunningTotals } from '../../application/projections/projection';
import { sqliteRefusesAnyWrite } from '../store-outage';
import { carryParts, carryTotals, groupKey, inScope, type GroupTotals } from '../../application/projections/running-totals';
import {
  type Checkpoint,
  type ListQuery,
  type Page,
  type PrepareOptions,
  type ProjectionChanges,
  type ReadStore,
  type RebuildRequest,
  type SetAsideEvent,
} from '../../application/ports/read-store.port';
import { decodeCursor, encodeCursor, indexValue } from './list-cursor';
import { unsyncedTransaction } from '../event-store/sqlite/sqlite-database';

const IDENTIFIER = /^[a-z][a-z0-9_]*$/i;
const table = (name: string) => {
  if (!IDENTIFIER.test(name)) throw new Error(`projection name ${name} is not a plain identifier`);
  return `rm_${name}`;
};
/** Where a row read model's running totals are kept (see RunningTotals). */
export const totalsTable = (name: string) => `${table(name)}_totals`;
/** Where the copies of a row read model's running totals are kept (RunningTotals.marks). */
export const marksTable = (name: string) => `${table(name)}_marks`;
/** A document read model's word index of its searched field (DocumentProjection.searched). */
const wordsTable = (name: string) => `${table(name)}_words`;
/** Every table a read model may have. */
const tablesOf = (name: string) => [table(name), totalsTable(name), marksTable(name), wordsTable(name)];
/**
 * Whether a read model's running totals are kept in a WITHOUT ROWID table,
 * the rows in their key's own b-tree: one seek for a group. Not when groups
 * keep spreads, and with them openings of a whole scope (hundreds of KB):
 * such a row spills onto overflow pages, and a search down that b-tree
 * reads the whole of every spilled row it compares its key with (0.5 ms for
 * an opening's seek at 1,000,000 events, against 4 µs with a rowid table,
 * whose key is in an index of its own).
 */
const keptWithoutRowid = (running: RunningTotals<unknown>): boolean => running.spreads !== true;
const identifier = (name: string) => {
  if (!IDENTIFIER.test(name)) throw new Error(`${name} is not a plain identifier`);
  return name;
};
const column = (field: string) => {
  if (!IDENTIFIER.test(field)) throw new Error(`indexed field ${field} is not a plain identifier`);
  return `ix_${field}`;
};

/** Rows per multi-row INSERT: one call into SQLite for many rows (SQLite allows 32,766 parameters). */
const ROWS_PER_INSERT = 64;

/** The page cache while a read model is bulk loaded (KiB, negative as SQLite wants it), and what it is otherwise. */
const BULK_CACHE_KIB = -65_536;

/**
 * The most matches a list reads through an index that finds them out of
 * order (a word index, the index of a lower bound's field), for a page of
 * `limit` among about `documents`. With more, reading down the documents
 * newest first finds a page sooner: some documents × (limit + 1) / matches
 * documents, read in order, each for about a twelfth of what a match costs
 * through the index (its document sought by rowid, on a page seldom in the
 * cache, then sorted with the others), as bench:search measured at
 * 1,000,000 titles. The two costs meet at the square root: for a page of
 * 50, 2,062 matches among 1,000,000 documents, 922 among 200,000, where the
 * dearest word search took 7.3 and 2.4 ms. (A fixed 1,000 left 1,001
 * matches at 21 ms among 1,000,000 titles; a quarter instead of a twelfth,
 * 3,571 matches at 19 ms.)
 */
export const matchesRead = (documents: number, limit: number): number => Math.ceil(Math.sqrt((documents * (limit + 1)) / 12));

/** Helper threads SQLite may use to sort for CREATE INDEX (it uses none unless told). */
const BULK_SORT_THREADS = 2;

/**
 * Read models in the same SQLite file as the events: one table per projection
 * (id, the position that created the row for stable ordering, the document,
 * and an indexed column per filterable field) and one checkpoint table.
 */
export class SqliteReadStore implements ReadStore {
  private readonly fields = new Map<string, readonly string[]>();
  /** The searched field of each document read model that has one (DocumentProjection.searched). */
  private readonly searched = new Map<string, string>();
  private readonly statements = new Map<string, Statement>();
  /**
   * The read models being bulk loaded (reset with deferIndexes). Their running
   * totals are read from the table as always, out of the larger page cache:
   * kept in memory instead, the groups of the postings alone (a partner's, a
   * pair's, per unit) took the peak RSS past 1.5 GB at 1,000,000 events.
   */
  private readonly bulkLoads = new Set<string>();
  private cacheSize?: number;

  /**
   * `collect`: called between the parts of a batch carried in parts
   * (carryParts), as the runner's between the reads of a bulk fold: the
   * openings a part writes are garbage once written (see ProjectionRunner's
   * `collect`).
   */
  constructor(
    private readonly db: Database,
    private readonly options: Readonly<{ collect?: () => void }> = {},
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, position TEXT, version INTEGER NOT NULL)`);
    db.exec(`CREATE TABLE IF NOT EXISTS projection_set_aside (
      projection TEXT NOT NULL, position TEXT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
      error TEXT NOT NULL, set_aside_at TEXT NOT NULL, resolution TEXT NOT NULL,
      PRIMARY KEY (projection, position))`);
    db.exec(`CREATE TABLE IF NOT EXISTS projection_rebuild_requests (projection TEXT PRIMARY KEY, requested_at TEXT NOT NULL)`);
  }

  refusesAnyWrite(error: unknown): boolean {
    return sqliteRefusesAnyWrite(error);
  }

  async prepare(projection: Projection, options: PrepareOptions = {}): Promise<void> {
    const indexes = !options.deferIndexes;
    if (indexes) this.endBulk(projection.name);
    this.dropStale(projection);
    if (isRowProjection(projection)) return this.prepareRows(projection, indexes);
    const name = table(projection.name);
    const columns = projection.indexed.map((f) => `, ${column(f)} TEXT`).join('');
    const searched = searchedField(projection);
    // A searched read model's documents have a key of their own that VACUUM keeps, as the word index refers to them by it.
    const key = searched === undefined ? 'id TEXT PRIMARY KEY' : 'rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE';
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${name} (${key}, seq INTEGER NOT NULL, doc TEXT NOT NULL${columns})`);
    if (indexes) {
      this.index(name, 'seq', ['seq', 'id']);
      for (const field of projection.indexed) this.index(name, column(field), [column(field), 'seq', 'id']);
      for (const fields of fieldsIndexedTogether(projection)) this.index(name, fields.map(column).join('_'), [...fields.map(column), 'seq', 'id']);
      if (searched !== undefined) this.wordIndex(projection.name, searched);
    }
    this.fields.set(projection.name, projection.indexed);
    // Searches read the word index once it is made: during a bulk load they read down the documents.
    if (indexes && searched !== undefined) this.searched.set(projection.name, searched);
    else this.searched.delete(projection.name);
  }

  /**
   * The word index of a searched field: an FTS5 table of the field's
   * trigrams by the document's rid, which keeps no copy of the text. Made
   * as the indexes are (after a bulk load, filled from the documents in one
   * statement), then written with the documents (writeDocuments).
   */
  private wordIndex(projection: string, field: string): void {
    const [words, text] = [wordsTable(projection), column(field)];
    if (this.exists(words)) return;
    this.db.transaction(() => {
      this.db.exec(`CREATE VIRTUAL TABLE ${words} USING fts5(${text}, tokenize = 'trigram', content = '', contentless_delete = 1)`);
      this.db.exec(`INSERT INTO ${words} (rowid, ${text}) SELECT rid, ${text} FROM ${table(projection)} WHERE ${text} IS NOT NULL`);
    })();
  }

  /**
   * Creates an index on `columns` unless the table has one: a table renamed
   * into place by promote keeps the indexes it was built with, under the
   * names they had, so a name is looked for only among other tables' indexes.
   */
  private index(name: string, suffix: string, columns: readonly string[], unique = false): void {
    const existing = this.db.prepare<[string], { name: string; unique: number }>('SELECT name, "unique" FROM pragma_index_list(?)').all(name);
    const wanted = columns.join(',');
    const columnsOf = this.db.prepare<[string], string>('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck();
    if (existing.some((index) => Boolean(index.unique) === unique && columnsOf.all(index.name).join(',') === wanted)) return;
    let indexName = `${name}_${suffix}`;
    for (let n = 2; this.exists(indexName); n++) indexName = `${name}_${suffix}_${n}`;
    this.db.exec(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${indexName} ON ${name} (${columns.join(', ')})`);
  }

  /** The end of a bulk load: the page cache goes back to its size once no read model is bulk loaded. */
  private endBulk(projection: string): void {
    if (!this.bulkLoads.delete(projection) || this.bulkLoads.size > 0 || this.cacheSize === undefined) return;
    this.db.pragma(`cache_size = ${this.cacheSize}`);
    this.cacheSize = undefined;
  }

  /** A bulk load: a larger page cache, and helper threads for the sorts that build the indexes at its end. */
  private startBulk(projection: Projection): void {
    this.cacheSize ??= this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${BULK_CACHE_KIB}`);
    this.db.pragma(`threads = ${BULK_SORT_THREADS}`);
    this.bulkLoads.add(projection.name);
  }

  async checkpoint(projection: string): Promise<Checkpoint> {
    return this.checkpointRow(projection) ?? { position: null, version: 0 };
  }

  private checkpointRow(projection: string): Checkpoint | undefined {
    return this.statement('SELECT position, version FROM projection_checkpoints WHERE name = ?').get(projection) as Checkpoint | undefined;
  }

  async load(projection: string, ids: readonly string[]): Promise<Map<string, object>> {
    const found = new Map<string, object>();
    // A batch none of whose events this read model handles asks for nothing: no query.
    if (ids.length === 0) return found;
    const select = this.statement(`SELECT id, doc FROM ${table(projection)} WHERE id IN (SELECT value FROM json_each(?))`);
    for (const row of select.all(JSON.stringify(ids)) as { id: string; doc: string }[]) found.set(row.id, JSON.parse(row.doc));
    return found;
  }

  /**
   * Without a sync of its own (under POST /v1/services this commit held the
   * event loop for 15% of a profile, 7.7% without its fsync): read models are
   * folded again from their checkpoints, written with them, if a power cut
   * takes their last transactions.
   */
  async commit(changes: readonly ProjectionChanges[]): Promise<void> {
    unsyncedTransaction(this.db, () => {
      for (const change of changes) this.write(change);
    });
  }

  async reset(projection: Projection, options: PrepareOptions = {}): Promise<void> {
    this.db.transaction(() => {
      for (const name of tablesOf(projection.name)) this.db.exec(`DROP TABLE IF EXISTS ${name}`);
      this.statements.clear();
      this.statement('DELETE FROM projection_checkpoints WHERE name = ?').run(projection.name);
      this.statement("DELETE FROM projection_set_aside WHERE projection = ? AND resolution = 'stuck'").run(projection.name);
    })();
    this.endBulk(projection.name);
    await this.prepare(projection, options);
    if (options.deferIndexes) this.startBulk(projection);
  }

  async promote(projection: Projection, last: ProjectionChanges | null): Promise<void> {
    const shadow = shadowOf(projection);
    this.db.transaction(() => {
      if (last !== null) this.write(last);
      const built = this.statement('SELECT position FROM projection_checkpoints WHERE name = ?').get(shadow.name) as { position: string | null } | undefined;
      for (const name of tablesOf(projection.name)) this.db.exec(`DROP TABLE IF EXISTS ${name}`);
      this.db.exec(`ALTER TABLE ${table(shadow.name)} RENAME TO ${table(projection.name)}`);
      if (isRowProjection(projection) && projection.running) this.db.exec(`ALTER TABLE ${totalsTable(shadow.name)} RENAME TO ${totalsTable(projection.name)}`);
      if (isRowProjection(projection) && projection.running?.marks !== undefined) this.db.exec(`ALTER TABLE ${marksTable(shadow.name)} RENAME TO ${marksTable(projection.name)}`);
      const searched = isRowProjection(projection) ? undefined : searchedField(projection);
      if (searched !== undefined) {
        if (this.exists(wordsTable(shadow.name))) this.db.exec(`ALTER TABLE ${wordsTable(shadow.name)} RENAME TO ${wordsTable(projection.name)}`);
        this.wordIndex(projection.name, searched);
        this.searched.set(projection.name, searched);
        this.searched.delete(shadow.name);
      }
      this.statement('DELETE FROM projection_checkpoints WHERE name = ?').run(shadow.name);
      this.statement('DELETE FROM projection_rebuild_requests WHERE projection = ?').run(projection.name);
      this.saveCheckpoint(projection, built?.position ?? null);
    })();
    // Statements prepared on the dropped tables would be prepared again by SQLite; these are dropped so none lingers.
    this.statements.clear();
    this.endBulk(shadow.name);
  }

  async requestRebuild({ projection, requestedAt }: RebuildRequest): Promise<void> {
    this.statement('INSERT INTO projection_rebuild_requests (projection, requested_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(projection, requestedAt);
  }

  async rebuildRequests(): Promise<RebuildRequest[]> {
    return this.statement('SELECT projection, requested_at AS requestedAt FROM projection_rebuild_requests ORDER BY requested_at, projection').all() as RebuildRequest[];
  }

  async dropRebuildRequest(projection: string): Promise<void> {
    this.statement('DELETE FROM projection_rebuild_requests WHERE projection = ?').run(projection);
  }

  async setAside(): Promise<SetAsideEvent[]> {
    const select = this.statement(
      `SELECT projection, position, event_id AS eventId, type, error, set_aside_at AS setAsideAt, resolution
       FROM projection_set_aside ORDER BY projection, CAST(position AS INTEGER)`,
    );
    return select.all() as SetAsideEvent[];
  }

  async retrySetAside(projection: string): Promise<boolean> {
    return this.statement("DELETE FROM projection_set_aside WHERE projection = ? AND resolution = 'stuck'").run(projection).changes > 0;
  }

  async skipSetAside(projection: string, position: string): Promise<boolean> {
    const skip = this.statement(
      "UPDATE projection_set_aside SET resolution = 'skipped' WHERE projection = ? AND position = ? AND resolution = 'stuck'",
    );
    return skip.run(projection, position).changes > 0;
  }

  async get<T>(projection: string, id: string): Promise<T | null> {
    const row = this.statement(`SELECT doc FROM ${table(projection)} WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  /** Newest first; the cursor is the (seq, id) of the last row of the page. */
  async list<T>(projection: string, query: ListQuery): Promise<Page<T>> {
    const known = this.fields.get(projection) ?? [];
    const clauses: string[] = [];
    const params: (string | number)[] = [];
    const indexedColumn = (field: string) => {
      if (!known.includes(field)) throw new Error(`${field} is not an indexed field of ${projection}`);
      return column(field);
    };
    for (const [field, value] of Object.entries(query.where)) {
      clauses.push(`${indexedColumn(field)} = ?`);
      params.push(value);
    }
    for (const [field, value] of Object.entries(query.atLeast ?? {})) {
      clauses.push(`${indexedColumn(field)} >= ?`);
      params.push(value);
    }
    for (const word of query.words?.words ?? []) {
      clauses.push(`${indexedColumn(query.words!.field)} LIKE ? ESCAPE '\\'`);
      params.push(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const matches = this.fewMatches(projection, query);
    if (matches !== undefined) {
      clauses.push('rowid IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(matches));
    }
    if (query.after !== undefined) {
      const [seq, id] = decodeCursor(query.after);
      clauses.push('(seq < ? OR (seq = ? AND id < ?))');
      params.push(seq, seq, id);
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this
      .statement(`SELECT id, seq, doc FROM ${table(projection)} ${where} ORDER BY seq DESC, id DESC LIMIT ?`)
      .all(...params, query.limit + 1) as { id: string; seq: number; doc: string }[];
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => JSON.parse(row.doc) as T),
      next: rows.length > query.limit && last ? encodeCursor(last.seq, last.id) : null,
    };
  }

  /** Whether the file has a table or an index of this name (they share one namespace). */
  private exists(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name) !== undefined;
  }

  /**
   * The rowids of the documents a list may return, when an index finds at
   * most matchesRead of them out of order: the list then reads those only,
   * sorted, and its clauses check them as before. Otherwise (or with neither
   * words nor a lower bound) undefined, and the list reads down the
   * documents newest first, which finds a page of common matches soon but
   * reads every document newer than the last of a few.
   *
   * - Words: the documents whose searched field holds every word of three
   *   letters or more (a trigram index has nothing to look up a shorter one
   *   by) and no NUL. The index folds the case of letters beyond ASCII too, so it finds
   *   all LIKE finds and maybe more.
   * - A lower bound (the new acquisitions since an instant): the documents
   *   at or above it in its field's index. Since an instant after the last
   *   acquisition, the list read all 1,000,000 titles to find none (396 ms
   *   in bench:search, 0.04 ms now).
   */
  private fewMatches(projection: string, query: ListQuery): number[] | undefined {
    const most = () => {
      // The highest rowid: how many documents there are, give or take those deleted.
      const documents = (this.statement(`SELECT max(rowid) FROM ${table(projection)}`).pluck().get() as number | null) ?? 0;
      return matchesRead(documents, query.limit);
    };
    const few = (found: number[], limit: number) => (found.length > limit ? undefined : found);
    // FTS5 reads its query as C text: a NUL would end it mid-phrase.
    const phrases = (query.words?.words ?? []).filter((word) => [...word].length >= 3 && !word.includes('\0')).map((word) => `"${word.replaceAll('"', '""')}"`);
    if (phrases.length > 0 && this.searched.get(projection) === query.words!.field) {
      const index = wordsTable(projection);
      const limit = most();
      return few(this.statement(`SELECT rowid FROM ${index} WHERE ${index} MATCH ? LIMIT ?`).pluck().all(phrases.join(' '), limit + 1) as number[], limit);
    }
    const [bound] = Object.entries(query.atLeast ?? {});
    if (bound !== undefined) {
      const [field, value] = bound;
      const limit = most();
      return few(this.statement(`SELECT rowid FROM ${table(projection)} WHERE ${column(field)} >= ? LIMIT ?`).pluck().all(value, limit + 1) as number[], limit);
    }
    return undefined;
  }

  /** Prepared statements are reused; a dropped table invalidates them, so reset clears the cache. */
  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Tables an older version of the read model left in another shape (a
   * column this one declares is missing, or totals kept with or without
   * rowids as this one does not: keptWithoutRowid) with nothing folded into them: on
   * an empty log no checkpoint says which version made them, so the runner
   * cannot tell. They are dropped, to be made as declared. Tables with a
   * checkpoint at a position are the runner's (it resets them when the
   * version changes).
   */
  private dropStale(projection: Projection): void {
    if ((this.checkpointRow(projection.name)?.position ?? null) !== null) return;
    const columns = tableColumns(projection);
    const lacks = (name: string, wanted: readonly string[]) => {
      const found = new Set(this.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(name) as string[]);
      return found.size > 0 && wanted.some((c) => !found.has(c));
    };
    const totals = totalsTable(projection.name);
    const shaped = (running: RunningTotals<unknown>) =>
      (this.db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').pluck().get(totals) ?? Number(keptWithoutRowid(running))) === Number(keptWithoutRowid(running));
    // A searched read model's documents also have their rid (see prepare).
    const keys = !isRowProjection(projection) && searchedField(projection) !== undefined ? ['rid'] : [];
    const stale =
      lacks(table(projection.name), [...keys, ...columns.table]) ||
      (isRowProjection(projection) && projection.running !== undefined && (lacks(totals, columns.totals) || !shaped(projection.running)));
    if (!stale) return;
    for (const name of tablesOf(projection.name)) this.db.exec(`DROP TABLE IF EXISTS ${name}`);
    this.statements.clear();
  }

  /** Row read models: one table of the declared columns plus the position, indexed as declared. */
  private prepareRows(projection: RowProjection, indexes: boolean): void {
    const name = table(projection.name);
    const carried = [
      ...(projection.running?.carried ?? []).map((c) => `, ${identifier(c)} INTEGER`),
      ...(projection.running?.labels ?? []).map((c) => `, ${identifier(c)} TEXT`),
    ].join('');
    const columns = Object.entries(projection.columns).map(([c, type]) => `, ${identifier(c)} ${type}`).join('');
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${name} (seq INTEGER PRIMARY KEY AUTOINCREMENT${columns}${carried})`);
    if (projection.running) this.prepareTotals(projection.name, projection.running, indexes);
    if (!indexes) return;
    for (const index of projection.indexes) {
      const cols = index.map(identifier);
      this.index(name, cols.join('_'), cols);
    }
    if (projection.unique) this.index(name, 'key', projection.unique.map(identifier), true);
  }

  /** One row per group: its key, first and last position, latest time, rows out of time order, and sums. */
  private prepareTotals(projection: string, running: RunningTotals<unknown>, indexes: boolean): void {
    const name = totalsTable(projection);
    const keys = running.key.map(identifier);
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${name} (${keys.map((k) => `${k} TEXT NOT NULL`).join(', ')},
      first_position INTEGER NOT NULL, last_position INTEGER NOT NULL, latest TEXT NOT NULL, disordered INTEGER NOT NULL
      ${running.sums.map((sum) => `, ${identifier(sum)} INTEGER NOT NULL`).join('')}${running.spreads ? ', spread TEXT' : ''},
      PRIMARY KEY (${keys.join(', ')}))${keptWithoutRowid(running) ? ' WITHOUT ROWID' : ''}`);
    // A copy's rows lead with its position, so the copy at or before a cut is one seek and its groups one range. Each
    // row also says how many rows of the read model (its last seq) and groups the copy saw, which say when the next is due.
    if (running.marks !== undefined) {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${marksTable(projection)} (mark INTEGER NOT NULL, seq INTEGER NOT NULL, groups INTEGER NOT NULL,
        ${keys.map((k) => `${k} TEXT NOT NULL`).join(', ')}${running.sums.map((sum) => `, ${identifier(sum)} INTEGER NOT NULL`).join('')},
        PRIMARY KEY (mark, ${running.marks.key.map(identifier).join(', ')})) WITHOUT ROWID`);
    }
    if (!indexes) return;
    for (const index of running.indexes ?? []) {
      const cols = index.map(identifier);
      this.index(name, cols.join('_'), cols);
    }
  }

  private write(change: ProjectionChanges): void {
    if ('rows' in change && change.projection.running) this.appendCarrying(change.projection, change.projection.running, change.rows);
    else if ('rows' in change) this.appendRows(change.projection, change.rows);
    else this.writeDocuments(change);
    this.saveCheckpoint(change.projection, change.checkpoint);
    for (const event of change.setAside ?? []) this.saveSetAside(event);
  }

  /**
   * Rows with running totals: the totals of the groups the batch moves are
   * read in this transaction, carried through the rows (carryTotals), and the
   * rows and the groups' new totals written with it. A group is only moved
   * forward, never back to an older fold's totals.
   */
  private appendCarrying(projection: RowProjection, running: RunningTotals<Record<string, unknown>>, rows: ReadonlyArray<Record<string, string | number | null>>): void {
    if (rows.length === 0) return;
    const name = totalsTable(projection.name);
    const keys = running.key.map(identifier);
    const sums = running.sums.map(identifier);
    const stored = `first_position, last_position, latest, disordered, ${running.spreads ? 'spread' : 'NULL'}${sums.map((s) => `, ${s}`).join('')}`;
    const select = this.statement(`SELECT ${stored} FROM ${name} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}`).safeIntegers(true).raw(true);
    const groupOf = (key: readonly string[], [first, last, latest, disordered, spread, ...values]: [bigint, bigint, string, bigint, string | null, ...bigint[]]): GroupTotals =>
      ({ key, first, last, latest, disordered, sums: values as bigint[], ...(spread === null ? {} : { spread }) });
    const load = (groups: ReadonlyArray<readonly string[]>) => {
      const found = new Map<string, GroupTotals>();
      for (const key of groups) {
        const row = select.get(...key) as Parameters<typeof groupOf>[1] | undefined;
        if (row !== undefined) found.set(groupKey(key), groupOf(key, row));
      }
      return found;
    };
    const { openings } = running;
    // A scope's groups (ScopeOpenings): a seek down the primary key for each value of the column after the scope's.
    const readScope = openings && ((prefix: readonly string[]) => {
      const scoped = this.statement(
        `SELECT ${keys.join(', ')}, ${stored} FROM ${name}
         WHERE ${keys.slice(0, openings.scope).map((k) => `${k} = ? AND `).join('')}${keys[openings.scope]} IN (SELECT value FROM json_each(?))`,
      ).safeIntegers(true).raw(true);
      const found = new Map<string, GroupTotals>();
      for (const row of scoped.all(...prefix, JSON.stringify(openings.holds)) as string[][]) {
        const key = row.slice(0, keys.length);
        found.set(groupKey(key), groupOf(key, row.slice(keys.length) as unknown as Parameters<typeof groupOf>[1]));
      }
      return found;
    });
    /**
     * Each scope read once a write, then kept as the upserts below leave it:
     * read again for every part (DAYS_PER_CARRY), the scopes were 7% of a
     * bulk rebuild's CPU in a profile, and 12% of what it allocated.
     */
    const scopes = new Map<string, Map<string, GroupTotals>>();
    const loadScope = readScope && ((prefix: readonly string[]) => {
      const id = groupKey(prefix);
      let scope = scopes.get(id);
      if (scope === undefined) scopes.set(id, (scope = readScope(prefix)));
      return scope;
    });
    const keepScoped = (group: GroupTotals) => {
      const prefix = group.key.slice(0, openings!.scope);
      if (inScope(openings!, prefix, group.key)) scopes.get(groupKey(prefix))?.set(groupKey(group.key), group);
    };
    // A spread is kept after the sums, in the totals of running totals that keep them.
    const kept = [...sums, ...(running.spreads ? ['spread'] : [])];
    const columns = [...keys, 'first_position', 'last_position', 'latest', 'disordered', ...kept];
    const upsert = this.statement(
      `INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET last_position = excluded.last_position, latest = excluded.latest,
         disordered = excluded.disordered${kept.map((s) => `, ${s} = excluded.${s}`).join('')}
       WHERE excluded.last_position > ${name}.last_position`,
    );
    const mark = running.marks === undefined ? undefined : this.markStatements(projection.name, running);
    for (const [i, part] of carryParts(running, rows).entries()) {
      if (i > 0 && openings) this.options.collect?.();
      const carried = carryTotals(running, part, load, loadScope);
      this.appendRows(projection, carried.rows, [...Object.keys(projection.columns), ...running.carried, ...(running.labels ?? [])]);
      for (const group of carried.totals) {
        upsert.run(...group.key, group.first, group.last, group.latest, group.disordered, ...group.sums, ...(running.spreads ? [group.spread ?? null] : []));
        if (openings) keepScoped(group);
      }
      if (mark !== undefined && Number(mark.due.get(running.marks!.every)) === 1) mark.copy.run();
    }
  }

  /**
   * Whether a copy of the totals is due (RunningTotals.marks: `every` rows,
   * and as many as the last copy had groups, written since it; asked apart,
   * since SQLite would scan the totals for a condition in the copy's own
   * WHERE), and the copy: every group's sums, marked with the last position
   * any group has moved at, as of which every sum in it stands. As on
   * PostgreSQL (PgReadStore.mark).
   */
  private markStatements(projection: string, running: RunningTotals<Record<string, unknown>>): { due: Statement; copy: Statement } {
    const marks = marksTable(projection);
    const columns = [...running.key, ...running.sums].map(identifier).join(', ');
    const seq = `(SELECT coalesce(max(seq), 0) FROM ${table(projection)})`;
    return {
      due: this.statement(
        `SELECT ${seq} - coalesce(max(seq), 0) >= max(?, coalesce(max(groups), 0)) FROM (SELECT seq, groups FROM ${marks} ORDER BY mark DESC LIMIT 1)`,
      ).pluck(),
      copy: this.statement(
        `INSERT INTO ${marks} (mark, seq, groups, ${columns})
         SELECT max(last_position) OVER (), ${seq}, count(*) OVER (), ${columns} FROM ${totalsTable(projection)} WHERE true
         ON CONFLICT DO NOTHING`,
      ),
    };
  }

  private appendRows(
    projection: RowProjection,
    rows: ReadonlyArray<Record<string, bigint | string | number | null>>,
    columns: readonly string[] = Object.keys(projection.columns),
  ): void {
    if (rows.length === 0) return;
    const insert = (count: number) =>
      this.statement(
        `INSERT INTO ${table(projection.name)} (${columns.map(identifier).join(', ')}) VALUES ` +
          Array.from({ length: count }, () => `(${columns.map(() => '?').join(', ')})`).join(', ') +
          (projection.unique ? ' ON CONFLICT DO NOTHING' : ''),
      );
    const width = columns.length;
    const many = insert(ROWS_PER_INSERT);
    const values = new Array<bigint | string | number | null>(width * ROWS_PER_INSERT);
    let r = 0;
    for (; r + ROWS_PER_INSERT <= rows.length; r += ROWS_PER_INSERT) {
      for (let i = 0; i < ROWS_PER_INSERT; i++) {
        const row = rows[r + i];
        for (let c = 0; c < width; c++) values[i * width + c] = row[columns[c]] ?? null;
      }
      many.run(values);
    }
    if (r === rows.length) return;
    const one = insert(1);
    for (; r < rows.length; r++) one.run(columns.map((c) => rows[r][c] ?? null));
  }

  private writeDocuments({ projection, upserts, deletes }: Extract<ProjectionChanges, { upserts: unknown }>): void {
    const name = table(projection.name);
    const cols = projection.indexed.map(column);
    const upsert = this.statement(
      `INSERT INTO ${name} (id, seq, doc${cols.map((c) => `, ${c}`).join('')})
       VALUES (?, ?, ?${cols.map(() => ', ?').join('')})
       ON CONFLICT (id) DO UPDATE SET doc = excluded.doc${cols.map((c) => `, ${c} = excluded.${c}`).join('')}`,
    );
    const words = this.wordWrites(projection.name);
    for (const { id, doc, position } of upserts) {
      const before = words?.before(id);
      const { lastInsertRowid } = upsert.run(id, Number(position), JSON.stringify(doc), ...projection.indexed.map((f) => indexValue(doc, f)));
      // No document before: the upsert inserted one, under a new rid.
      words?.after(before ?? { rid: Number(lastInsertRowid), text: null }, indexValue(doc, words.field));
    }
    const remove = this.statement(`DELETE FROM ${name} WHERE id = ?`);
    for (const id of deletes) {
      const before = words?.before(id);
      if (before !== undefined) words?.after(before, null);
      remove.run(id);
    }
  }

  /**
   * How writeDocuments keeps a searched read model's word index in step,
   * once it is made: a document's rid and text before a write, then the
   * text after it (null: none, or deleted), which replaces the old in the
   * index when it differs. (Triggers did it first: FTS5 writes out what it
   * holds at each trigger's statement, which made a holdings event of
   * 10,000 new titles take 0.5 s to fold, against 0.07 s without the index.)
   */
  private wordWrites(projection: string) {
    const field = this.searched.get(projection);
    if (field === undefined) return undefined;
    const [words, text] = [wordsTable(projection), column(field)];
    const before = this.statement(`SELECT rid, ${text} AS text FROM ${table(projection)} WHERE id = ?`);
    const add = this.statement(`INSERT INTO ${words} (rowid, ${text}) VALUES (?, ?)`);
    const remove = this.statement(`DELETE FROM ${words} WHERE rowid = ?`);
    return {
      field,
      before: (id: string) => before.get(id) as { rid: number; text: string | null } | undefined,
      after: ({ rid, text: was }: { rid: number; text: string | null }, text: string | null) => {
        if (text === was) return;
        if (was !== null) remove.run(rid);
        if (text !== null) add.run(rid, text);
      },
    };
  }

  private saveCheckpoint(projection: Projection, checkpoint: string | null): void {
    this
      .statement(
        `INSERT INTO projection_checkpoints (name, position, version) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, version = excluded.version`,
      )
      .run(projection.name, checkpoint, projection.version);
  }

  private saveSetAside(event: SetAsideEvent): void {
    this
      .statement(
        `INSERT INTO projection_set_aside (projection, position, event_id, type, error, set_aside_at, resolution)
         VALUES (@projection, @position, @eventId, @type, @error, @setAsideAt, @resolution)
         ON CONFLICT (projection, position) DO UPDATE SET error = excluded.error, set_aside_at = excluded.set_aside_at,
           resolution = excluded.resolution`,
      )
      .run(event);
  }
}
