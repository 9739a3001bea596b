"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WalCheckpoints = exports.WAL_CHECKPOINT_MS = void 0;
const node_worker_threads_1 = require("node:worker_threads");
/** How often the thread copies the WAL into the database file. */
exports.WAL_CHECKPOINT_MS = 250;
/** SQLite's own default: the commit that takes the WAL past this many pages checkpoints it. */
const AUTOCHECKPOINT_PAGES = 1000;
/**
 * A checkpoint copies what was in the WAL when it started; under steady
 * writes more comes meanwhile. The thread checkpoints again, at most this
 * many times in all, until fewer than ROUND_PAGES pages came during the
 * last: what is left for the connection's own (see WalCheckpoints) is then
 * what came during one short checkpoint.
 */
const ROUNDS = 4;
const ROUND_PAGES = 64;
/**
 * What runs in the checkpointing thread: a connection of its own on the
 * same file, and every `intervalMs` PASSIVE checkpoints (each copies what no
 * reader still needs and waits for no one), in rounds; then it reports the
 * last one.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const run = () => {
  let [last] = checkpoint.all();
  for (let round = 1; round < workerData.rounds && last.busy === 0; round++) {
    const [next] = checkpoint.all();
    const came = next.log - last.log;
    last = next;
    if (came < workerData.roundPages) break;
  }
  parentPort.postMessage({ busy: last.busy, log: last.log, checkpointed: last.checkpointed });
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;
/**
 * Checkpoints the WAL of a database file from a thread of its own, while
 * the connection given stops checkpointing inside its commits
 * (`wal_autocheckpoint = 0`). SQLite otherwise checkpoints inside the commit
 * that takes the WAL past 1,000 pages: it copies them into the database
 * file and syncs the WAL and the file, on the event loop. At 1,000 commands
 * a second that was several times a second, each holding the loop some
 * milliseconds.
 *
 * The WAL starts over only when a commit begins with every page of it
 * copied; under steady writes the thread never gets there, since pages
 * come while it copies. So, once the thread has copied what it could, the
 * connection copies the rest itself (a few pages, and the two syncs), and
 * its next commit starts the WAL over. Without that the WAL grew by 40 MB a
 * second at 1,000 commands a second. A copy that comes while the thread is
 * at its next checkpoint finds it busy and copies nothing; the next report
 * tries again.
 *
 * Should the thread or the connection's part fail, the connection
 * checkpoints inside its commits again, as SQLite does by default.
 */
class WalCheckpoints {
    db;
    options;
    worker;
    rest;
    stopping;
    failed = false;
    constructor(db, file, options = {}) {
        this.db = db;
        this.options = options;
        this.rest = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
        const synchronous = db.pragma('synchronous', { simple: true });
        db.pragma('wal_autocheckpoint = 0');
        this.worker = new node_worker_threads_1.Worker(WORKER_SOURCE, {
            eval: true,
            workerData: {
                driver: require.resolve('better-sqlite3'),
                file,
                synchronous,
                intervalMs: options.intervalMs ?? exports.WAL_CHECKPOINT_MS,
                rounds: ROUNDS,
                roundPages: ROUND_PAGES,
            },
        });
        this.worker.on('message', (report) => this.copyRest(report));
        this.worker.on('error', (error) => this.fail(error));
        this.worker.on('exit', (code) => {
            if (this.stopping === undefined)
                this.fail(new Error(`the WAL checkpoint thread stopped (exit code ${code})`));
        });
        // After the listeners: a 'message' listener added later would hold the process open again.
        this.worker.unref();
    }
    /** Stops the thread and waits for it; the connection checkpoints inside its commits again. */
    stop() {
        this.stopping ??= (this.failed
            ? Promise.resolve()
            : new Promise((resolve) => {
                // Held until it has stopped: an unreferenced thread would let the process exit before it closes.
                this.worker.ref();
                this.worker.once('exit', () => resolve());
                this.worker.postMessage('stop');
            })).then(() => this.inline());
        return this.stopping;
    }
    copyRest(report) {
        if (this.stopping !== undefined || this.failed || !this.db.open)
            return;
        try {
            const [rest] = this.rest.all();
            this.options.onCheckpoint?.(rest ?? report);
        }
        catch (error) {
            this.fail(error instanceof Error ? error : new Error(String(error)));
        }
    }
    fail(error) {
        if (this.failed || this.stopping !== undefined)
            return;
        this.failed = true;
        this.inline();
        void this.worker.terminate();
        this.options.onError?.(error);
    }
    inline() {
        if (this.db.open)
            this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    }
}
exports.WalCheckpoints = WalCheckpoints;
//# sourceMappingURL=wal-checkpoints.js.map