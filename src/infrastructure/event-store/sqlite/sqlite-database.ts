import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';

export type SqliteDatabaseOptions = Readonly<{
  /**
   * FULL (the default): nothing acknowledged is lost, even on power loss.
   * Appends are synced to disk before they are acknowledged (the event store
   * does it off the event loop, see SqliteEventStore); other writes sync the
   * WAL at their commit. NORMAL never syncs at a commit: it survives a crash
   * of the process but may lose the last commits on power loss.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}>;

const IN_MEMORY = ':memory:';

/**
 * Opens the one connection the embedded deployment uses, for the event store
 * and the read models alike. WAL lets readers run beside the writer.
 */
export const openSqliteDatabase = (file: string, options: SqliteDatabaseOptions = {}): Database => {
  if (file !== IN_MEMORY) mkdirSync(dirname(resolve(file)), { recursive: true });
  const synchronous = options.synchronous ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') throw new RangeError(`synchronous must be FULL or NORMAL, got ${String(synchronous)}`);
  const db = new BetterSqlite3(file);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (file !== IN_MEMORY && mode !== 'wal') throw new Error(`could not put ${file} in WAL mode (got ${String(mode)})`);
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
};

/** The service's embedded connection, for a part that lives there: none is opened when nothing does (see usesSqlite). */
export const embedded = (db: Database | null): Database => {
  if (db === null) throw new Error('nothing lives in the embedded file with EVENT_STORE=postgres and READ_STORE=postgres');
  return db;
};

/**
 * Runs `work` with the connection's commits not syncing the WAL, then puts
 * the connection's setting back. The event store commits its batches so and
 * syncs the WAL itself, off the event loop, before it acknowledges them.
 * NORMAL keeps SQLite's other syncs: the WAL before a checkpoint copies it
 * into the database file, that file after, and the WAL's header when the WAL
 * starts over.
 */
export const withoutSync = <T>(db: Database, work: () => T): T => {
  const { read, set } = synchronousStatements(db);
  const synchronous = read.get() as number;
  if (synchronous === NORMAL) return work();
  set(NORMAL);
  try {
    return work();
  } finally {
    set(synchronous);
  }
};

/** PRAGMA synchronous's level NORMAL, as the pragma reads it. */
const NORMAL = 1;

type SynchronousStatements = Readonly<{ read: Statement; set: (level: number) => void }>;
const preparedFor = new WeakMap<Database, SynchronousStatements>();

/**
 * The statements withoutSync runs, prepared once per connection: `db.pragma`
 * prepares its statement on every call, three per transaction (1.2% of the
 * service's main thread at 1,000 commands/s in a CPU profile).
 */
const synchronousStatements = (db: Database): SynchronousStatements => {
  let statements = preparedFor.get(db);
  if (statements === undefined) {
    const levels = new Map<number, Statement>();
    const set = (level: number) => {
      let statement = levels.get(level);
      if (statement === undefined) levels.set(level, (statement = db.prepare(`PRAGMA synchronous = ${Math.trunc(level)}`)));
      statement.run();
    };
    statements = { read: db.prepare('PRAGMA synchronous').pluck(), set };
    preparedFor.set(db, statements);
  }
  return statements;
};

/**
 * Runs `work` in one transaction whose commit does not sync the WAL. For what
 * can be derived again (read models, subscribers' checkpoints): the event
 * store syncs the WAL file after every append it acknowledges (under FULL),
 * and one sync of the file covers every frame written before it, so the next
 * append makes this transaction durable too. A power cut before that sync
 * loses this transaction whole, never a part of it and never without the
 * events it came after: WAL frames carry a running checksum, and recovery
 * stops at the first frame that did not reach the disk.
 */
export const unsyncedTransaction = <T>(db: Database, work: () => T): T => withoutSync(db, () => db.transaction(work)());
