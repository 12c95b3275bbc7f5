import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../core/errors";

// The embedded database allows one process: two PGlite instances on one folder each keep their
// own copy in memory, and the last to close overwrites the other's writes. The first process to
// open a folder holds this lock until it closes. The app, while it holds it, serves the database on
// a socket it names here, and a second process (the CLI) connects there; a holder that serves
// nothing (a CLI command) makes a second process wait its turn: it is refused with who holds the
// folder and what to do. A lock left by a process that died is taken over.

export interface DataDirLock {
  /** Names the folder of the socket this process serves the database on. */
  advertise(socketDir: string): void;
  release(): void;
}

export interface LockHolder {
  pid: number;
  command: string;
  since: string;
  socketDir?: string;
}

const LOCK_FILE = "refdesk.lock";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    if (typeof holder.pid !== "number") return null;
    return {
      pid: holder.pid,
      command: String(holder.command ?? "refdesk"),
      since: String(holder.since ?? ""),
      ...(typeof holder.socketDir === "string" ? { socketDir: holder.socketDir } : {}),
    };
  } catch {
    return null;
  }
}

/** The live process (not this one) holding the folder, if any. */
export function lockHolder(dataDir: string): LockHolder | null {
  const holder = readHolder(join(dataDir, LOCK_FILE));
  return holder && holder.pid !== process.pid && alive(holder.pid) ? holder : null;
}

/** Takes the folder's lock for this process, or refuses naming the process that holds it. */
export function lockDataDir(dataDir: string, command: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      const holder: LockHolder = { pid: process.pid, command, since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      return {
        // Written aside and renamed: a process reading the lock never sees it half written.
        advertise: (socketDir) => {
          writeFileSync(`${path}.next`, JSON.stringify({ ...holder, socketDir }));
          renameSync(`${path}.next`, path);
        },
        release: () => {
          if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(path);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) {
        throw new AppError(
          "database_in_use",
          `The embedded database in ${dataDir} is in use by another refdesk process (${holder.command}, pid ${holder.pid}, since ${holder.since}). ` +
            "Stop that process first (Ctrl-C, or kill -TERM " +
            `${holder.pid}), or set DATABASE_URL to a PostgreSQL server that several processes can share.`,
        );
      }
      // Left by a process that is gone (or unreadable): take it over.
      rmSync(path, { force: true });
    }
  }
  throw new AppError("database_in_use", `Could not lock the embedded database in ${dataDir}.`);
}
