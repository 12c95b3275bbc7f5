import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../core/errors";

// The embedded database allows one process: two PGlite instances on one folder each keep their
// own copy in memory, and the last to close overwrites the other's writes. The first process to
// open a folder holds this lock until it closes; a second one (the CLI while the app runs) is
// refused with who holds it and what to do. A lock left by a process that died is taken over.

export interface DataDirLock {
  release(): void;
}

interface Holder {
  pid: number;
  command: string;
  since: string;
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

function readHolder(path: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(path, "utf8")) as Partial<Holder>;
    return typeof holder.pid === "number"
      ? { pid: holder.pid, command: String(holder.command ?? "refdesk"), since: String(holder.since ?? "") }
      : null;
  } catch {
    return null;
  }
}

/** Takes the folder's lock for this process, or refuses naming the process that holds it. */
export function lockDataDir(dataDir: string, command: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      const holder: Holder = { pid: process.pid, command, since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      return {
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
