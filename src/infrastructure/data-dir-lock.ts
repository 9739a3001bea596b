import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Holds the pid of the process that has the data directory to itself: a running service, or a rebuild. */
export const LOCK_FILE = 'ledger.pid';

export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the data directory ${dataDir} is in use by process ${pid} (a running service or a rebuild); stop it first`);
    this.name = 'DataDirInUse';
  }
}

const holderOf = (path: string): number | null => {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

/** Signal 0 tests for the process without touching it; EPERM means it exists but belongs to someone else. */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Creates the lock file with this pid in it, atomically: a hard link fails if the file exists. */
const tryLock = (path: string): boolean => {
  const draft = `${path}.${process.pid}`;
  writeFileSync(draft, `${process.pid}\n`);
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
};

/**
 * Takes the data directory for this process until the returned release is
 * called. A lock left by a process that no longer runs (kill -9, a crash) is
 * stale and taken over; one held by a live process is refused. Taken before
 * anything in the directory is opened (by the service, a rebuild, a
 * migration), so a process refused it has opened, made and changed nothing
 * there.
 */
export const holdDataDir = (dataDir: string): (() => void) => {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryLock(path)) {
      return () => {
        if (holderOf(path) === process.pid) rmSync(path, { force: true });
      };
    }
    const holder = holderOf(path);
    if (holder !== null && isAlive(holder)) throw new DataDirInUse(dataDir, holder);
    rmSync(path, { force: true });
  }
  throw new DataDirInUse(dataDir, holderOf(path) ?? 0);
};
