"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.unsyncedTransaction = exports.withoutSync = exports.openSqliteDatabase = void 0;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const better_sqlite3_1 = __importDefault(require("better-sqlite3"));
const IN_MEMORY = ':memory:';
/**
 * Opens the one connection the embedded deployment uses, for the event store
 * and the read models alike. WAL lets readers run beside the writer.
 */
const openSqliteDatabase = (file, options = {}) => {
    if (file !== IN_MEMORY)
        (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)((0, node_path_1.resolve)(file)), { recursive: true });
    const synchronous = options.synchronous ?? 'FULL';
    if (synchronous !== 'FULL' && synchronous !== 'NORMAL')
        throw new RangeError(`synchronous must be FULL or NORMAL, got ${String(synchronous)}`);
    const db = new better_sqlite3_1.default(file);
    try {
        const mode = db.pragma('journal_mode = WAL', { simple: true });
        if (file !== IN_MEMORY && mode !== 'wal')
            throw new Error(`could not put ${file} in WAL mode (got ${String(mode)})`);
        db.pragma(`synchronous = ${synchronous}`);
        db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
        db.pragma('foreign_keys = ON');
    }
    catch (error) {
        db.close();
        throw error;
    }
    return db;
};
exports.openSqliteDatabase = openSqliteDatabase;
/**
 * Runs `work` with the connection's commits not syncing the WAL, then puts
 * the connection's setting back. The event store commits its batches so and
 * syncs the WAL itself, off the event loop, before it acknowledges them.
 * NORMAL keeps SQLite's other syncs: the WAL before a checkpoint copies it
 * into the database file, that file after, and the WAL's header when the WAL
 * starts over.
 */
const withoutSync = (db, work) => {
    const { read, set } = synchronousStatements(db);
    const synchronous = read.get();
    if (synchronous === NORMAL)
        return work();
    set(NORMAL);
    try {
        return work();
    }
    finally {
        set(synchronous);
    }
};
exports.withoutSync = withoutSync;
/** PRAGMA synchronous's level NORMAL, as the pragma reads it. */
const NORMAL = 1;
const preparedFor = new WeakMap();
/**
 * The statements withoutSync runs, prepared once per connection: `db.pragma`
 * prepares its statement on every call, three per transaction (1.2% of the
 * service's main thread at 1,000 commands/s in a CPU profile).
 */
const synchronousStatements = (db) => {
    let statements = preparedFor.get(db);
    if (statements === undefined) {
        const levels = new Map();
        const set = (level) => {
            let statement = levels.get(level);
            if (statement === undefined)
                levels.set(level, (statement = db.prepare(`PRAGMA synchronous = ${Math.trunc(level)}`)));
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
const unsyncedTransaction = (db, work) => (0, exports.withoutSync)(db, () => db.transaction(work)());
exports.unsyncedTransaction = unsyncedTransaction;
//# sourceMappingURL=sqlite-database.js.map