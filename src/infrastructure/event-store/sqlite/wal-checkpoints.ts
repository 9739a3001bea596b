import type { Database, Statement } from 'better-sqlite3';
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** How often the thread copies the WAL into the database file. */
export const WAL_CHECKPOINT_MS = 250;

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

/** How long held appends wait for the thread to finish a checkpoint before they go on regardless (see WalCheckpoints). */
export const FINISH_WAIT_MS = 50;

/**
 * What runs in the checkpointing thread: a connection of its own on the
 * same file, and every `intervalMs` PASSIVE checkpoints (each copies what no
 * reader still needs and waits for no one), in rounds; then it reports the
 * last one. Told to finish, it checkpoints once more and reports that.
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
  parentPort.postMessage({ kind: 'rounds', busy: last.busy, log: last.log, checkpointed: last.checkpointed });
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'finish') {
    const [last] = checkpoint.all();
    parentPort.postMessage({ kind: 'finished', busy: last.busy, log: last.log, checkpointed: last.checkpointed });
    return;
  }
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** What a PASSIVE checkpoint returns: whether it could not run, the pages in the WAL, and how many of them are in the database file. */
type PassiveCheckpoint = Readonly<{ busy: number; log: number; checkpointed: number }>;

/** A checkpoint of the WAL, and who copied its last pages: the thread while appends waited, or the connection. */
export type CheckpointReport = PassiveCheckpoint & Readonly<{ by: 'thread' | 'connection' }>;

/** The thread's message: its rounds every interval, or the checkpoint it was told to finish. */
type ThreadMessage = PassiveCheckpoint & Readonly<{ kind: 'rounds' | 'finished' }>;

/**
 * The WAL header's checkpoint sequence number (bytes 12–15, big-endian),
 * which SQLite increments each time the WAL starts over; undefined when the
 * file is missing or shorter than its header.
 */
const walSequence = (walFile: string): number | undefined => {
  try {
    const fd = openSync(walFile, 'r');
    try {
      const bytes = Buffer.alloc(4);
      return readSync(fd, bytes, 0, 4, 12) === 4 ? bytes.readUInt32BE(0) : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
};

export type WalCheckpointsOptions = Readonly<{
  /** WAL_CHECKPOINT_MS unless a test gives its own. */
  intervalMs?: number;
  /** Told of each checkpoint, once the thread (appends held) or the connection has copied the rest. */
  onCheckpoint?: (report: CheckpointReport) => void;
  /**
   * Holds the connection's appends (they wait, queued, and commit once let
   * go) and returns what lets them go. The event store gives it; without it
   * the connection copies the rest itself after every round.
   */
  hold?: () => () => void;
  /** Told when checkpointing off the event loop failed: the connection then checkpoints inside its commits again. */
  onError?: (error: Error) => void;
}>;

/**
 * Checkpoints the WAL of a database file from a thread of its own, while
 * the connection given stops checkpointing inside its commits
 * (`wal_autocheckpoint = 0`). SQLite otherwise checkpoints inside the commit
 * that takes the WAL past 1,000 pages: it copies them into the database
 * file and syncs the WAL and the file, on the event loop. At 1,000 commands
 * a second that was several times a second, each holding the loop some
 * milliseconds.
 *
 * The WAL starts over only when a write begins with every page of it
 * copied; under steady writes the thread never gets there, since pages
 * come while it copies. So, once the thread has copied what it could, the
 * event store's appends are held (queued, the event loop free) while the
 * thread checkpoints once more: the few pages that came meanwhile, and the
 * two syncs. Then they go on, and the next commit starts the WAL over.
 * Without that the WAL grew by 40 MB a second at 1,000 commands a second;
 * when the connection copied those pages itself, its checkpoint and syncs
 * held the event loop 2–3 ms at the median, 10–13 ms at the 90th
 * percentile, four times a second.
 *
 * A write the hold does not stop (a read model's fold on the same
 * connection) can still come while the thread copies: the WAL then does not
 * start over. The WAL's header says so (its checkpoint sequence has not
 * moved by the next round), and the connection then copies the rest itself,
 * as it does without a hold, and as it does when the thread could not copy
 * everything. Appends wait at most FINISH_WAIT_MS; a copy that comes while
 * the thread is at its next checkpoint finds it busy and copies nothing,
 * and the next round tries again.
 *
 * Should the thread or the connection's part fail, the connection
 * checkpoints inside its commits again, as SQLite does by default.
 */
export class WalCheckpoints {
  private readonly worker: Worker;
  private readonly rest: Statement;
  private readonly walFile: string;
  private stopping: Promise<void> | undefined;
  private failed = false;
  /** Lets the held appends go, while the thread finishes a checkpoint. */
  private release: (() => void) | undefined;
  private releaseTimer: NodeJS.Timeout | undefined;
  /** The thread was told to finish and has not answered yet. */
  private finishing = false;
  /** Set when the thread last finished copying all of the WAL: the WAL's checkpoint sequence then (undefined if unread). */
  private lastFinish: { sequence: number | undefined } | undefined;

  constructor(
    private readonly db: Database,
    file: string,
    private readonly options: WalCheckpointsOptions = {},
  ) {
    this.rest = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
    this.walFile = `${file}-wal`;
    const synchronous = db.pragma('synchronous', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        file,
        synchronous,
        intervalMs: options.intervalMs ?? WAL_CHECKPOINT_MS,
        rounds: ROUNDS,
        roundPages: ROUND_PAGES,
      },
    });
    this.worker.on('message', (message: ThreadMessage) => (message.kind === 'finished' ? this.finished(message) : this.afterRounds(message)));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (this.stopping === undefined) this.fail(new Error(`the WAL checkpoint thread stopped (exit code ${code})`));
    });
    // After the listeners: a 'message' listener added later would hold the process open again.
    this.worker.unref();
  }

  /** Stops the thread and waits for it; the connection checkpoints inside its commits again. */
  stop(): Promise<void> {
    this.letGo();
    this.stopping ??= (this.failed
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          // Held until it has stopped: an unreferenced thread would let the process exit before it closes.
          this.worker.ref();
          this.worker.once('exit', () => resolve());
          this.worker.postMessage('stop');
        })
    ).then(() => this.inline());
    return this.stopping;
  }

  /**
   * After the thread's rounds: the appends are held while it finishes,
   * unless the last finish did not start the WAL over (its sequence has not
   * moved), there is nothing to hold, or a finish is still out.
   */
  private afterRounds(rounds: PassiveCheckpoint): void {
    if (this.stopping !== undefined || this.failed || !this.db.open || this.finishing) return;
    const hold = this.options.hold;
    const lastFinish = this.lastFinish;
    this.lastFinish = undefined;
    if (hold === undefined || (lastFinish !== undefined && (lastFinish.sequence === undefined || lastFinish.sequence === walSequence(this.walFile)))) {
      this.copyRest(rounds);
      return;
    }
    this.finishing = true;
    this.release = hold();
    this.releaseTimer = setTimeout(() => this.letGo(), FINISH_WAIT_MS);
    this.worker.postMessage('finish');
  }

  /** The thread's last checkpoint with the appends held: all of the WAL copied, or the connection copies the rest. */
  private finished(checkpoint: PassiveCheckpoint): void {
    this.finishing = false;
    try {
      if (this.stopping !== undefined || this.failed || !this.db.open) return;
      if (checkpoint.busy === 0 && checkpoint.checkpointed === checkpoint.log) {
        this.lastFinish = { sequence: walSequence(this.walFile) };
        this.options.onCheckpoint?.({ ...checkpoint, by: 'thread' });
      } else {
        this.copyRest(checkpoint);
      }
    } finally {
      this.letGo();
    }
  }

  private copyRest(checkpoint: PassiveCheckpoint): void {
    try {
      const [rest] = this.rest.all() as PassiveCheckpoint[];
      this.options.onCheckpoint?.({ ...(rest ?? checkpoint), by: 'connection' });
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private letGo(): void {
    const release = this.release;
    if (release === undefined) return;
    this.release = undefined;
    clearTimeout(this.releaseTimer);
    release();
  }

  private fail(error: unknown): void {
    if (this.failed || this.stopping !== undefined) return;
    this.failed = true;
    this.letGo();
    this.inline();
    void this.worker.terminate();
    // What the thread threw comes back cloned, not always as an Error with its message (a full disk's came as none).
    this.options.onError?.(error instanceof Error && error.message !== undefined && error.message !== '' ? error : new Error(`the WAL checkpoint thread failed: ${describe(error)}`, { cause: error }));
  }

  private inline(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}

/** A thrown value, said in words whatever it is. */
const describe = (value: unknown): string => {
  if (typeof value !== 'object' || value === null) return String(value);
  const { code, message } = value as { code?: unknown; message?: unknown };
  return [code, message].filter((part) => typeof part === 'string' && part !== '').join(': ') || Object.prototype.toString.call(value);
};
