/** Grouped writes are committed at most this often: one commit for every delivery of every target in between. */
export const GROUP_COMMIT_MS = 10;

type Pending<W> = Readonly<{ write: W; resolve: () => void; reject: (error: unknown) => void }>;

/**
 * Writes gathered into one transaction at most every GROUP_COMMIT_MS, one
 * transaction at a time, in the order they were made: the delivery worker
 * does not wait for one write before the next delivery, and writes committed
 * apart (on separate connections) could land in any order, leaving a
 * checkpoint behind the last acknowledgement. Each write's promise settles
 * with the transaction that carried it.
 */
export class GroupedWrites<W> {
  private pending: Pending<W>[] = [];
  private committing = false;
  private scheduled = false;
  private lastCommit = 0;

  /** `commit` writes the whole group in one transaction. */
  constructor(private readonly commit: (writes: readonly W[]) => void | Promise<void>) {}

  add(write: W): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.committing || this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    const run = (): void => {
      this.scheduled = false;
      void this.commitPending();
    };
    const wait = this.lastCommit + GROUP_COMMIT_MS - performance.now();
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
  }

  private async commitPending(): Promise<void> {
    const group = this.pending;
    this.pending = [];
    this.committing = true;
    this.lastCommit = performance.now();
    try {
      await this.commit(group.map(({ write }) => write));
      for (const { resolve } of group) resolve();
    } catch (error) {
      for (const { reject } of group) reject(error);
    } finally {
      this.committing = false;
      this.schedule();
    }
  }
}
