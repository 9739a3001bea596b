"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.holdDataDir = exports.DataDirInUse = exports.LOCK_FILE = void 0;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** Holds the pid of the process that has the data directory to itself: a running service, or a rebuild. */
exports.LOCK_FILE = 'ledger.pid';
class DataDirInUse extends Error {
    dataDir;
    pid;
    constructor(dataDir, pid) {
        super(`the data directory ${dataDir} is in use by process ${pid} (a running service or a rebuild); stop it first`);
        this.dataDir = dataDir;
        this.pid = pid;
        this.name = 'DataDirInUse';
    }
}
exports.DataDirInUse = DataDirInUse;
const holderOf = (path) => {
    try {
        const pid = Number.parseInt((0, node_fs_1.readFileSync)(path, 'utf8'), 10);
        return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
    }
    catch {
        return null;
    }
};
/** Signal 0 tests for the process without touching it; EPERM means it exists but belongs to someone else. */
const isAlive = (pid) => {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
};
/** Creates the lock file with this pid in it, atomically: a hard link fails if the file exists. */
const tryLock = (path) => {
    const draft = `${path}.${process.pid}`;
    (0, node_fs_1.writeFileSync)(draft, `${process.pid}\n`);
    try {
        (0, node_fs_1.linkSync)(draft, path);
        return true;
    }
    catch (error) {
        if (error.code === 'EEXIST')
            return false;
        throw error;
    }
    finally {
        (0, node_fs_1.rmSync)(draft, { force: true });
    }
};
/**
 * Takes the data directory for this process until the returned release is
 * called. A lock left by a process that no longer runs (kill -9, a crash) is
 * stale and taken over; one held by a live process is refused.
 */
const holdDataDir = (dataDir) => {
    const path = (0, node_path_1.join)(dataDir, exports.LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
        if (tryLock(path)) {
            return () => {
                if (holderOf(path) === process.pid)
                    (0, node_fs_1.rmSync)(path, { force: true });
            };
        }
        const holder = holderOf(path);
        if (holder !== null && isAlive(holder))
            throw new DataDirInUse(dataDir, holder);
        (0, node_fs_1.rmSync)(path, { force: true });
    }
    throw new DataDirInUse(dataDir, holderOf(path) ?? 0);
};
exports.holdDataDir = holdDataDir;
//# sourceMappingURL=data-dir-lock.js.map