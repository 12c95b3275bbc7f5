import { createHash } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// The embedded database allows one process (two PGlite instances on one folder each keep their own
// copy, and the last to close wins). So the running app serves its PGlite on a Unix socket in the
// data folder and the CLI connects there, as to a PostgreSQL server, instead of opening the files.
//
// PGlite has one session. The app's own calls and a socket client's take turns: a turn is one call
// of the app's (a whole transaction included), or a socket client's messages until its session is
// idle again (ReadyForQuery outside a transaction), so neither ever runs inside the other's
// transaction or between the messages of the other's extended-protocol query.

/** Whose turn it is on the one session: first come, first served. */
export class SessionTurns {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when it is this caller's turn, with the function that ends it. */
  take(): Promise<() => void> {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    const turn = this.tail.then(() => end);
    this.tail = this.tail.then(() => ended);
    return turn;
  }

  async during<T>(work: () => Promise<T>): Promise<T> {
    const end = await this.take();
    try {
      return await work();
    } finally {
      end();
    }
  }
}

/** The PGlite the app itself uses: each call waits for its turn. Transactions hold the turn throughout. */
export function takingTurns(client: PGlite, turns: SessionTurns): PGlite {
  const wrapped = new Set(["query", "exec", "sql", "transaction", "listen", "unlisten"]);
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (typeof property === "string" && wrapped.has(property)) {
        return (...args: unknown[]) => turns.during(() => value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}

// ReadyForQuery ('Z', length 5) with status 'I': the session is idle, outside any transaction.
const READY_IDLE = [0x5a, 0, 0, 0, 5, 0x49];
// Sync ('S', length 4): ends an extended-protocol exchange a client left half way.
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * What the socket server is given for a database: PGlite, seen through the turns. A socket client
 * takes a turn at its first message and ends it when a reply leaves the session idle.
 */
function socketSide(client: PGlite, turns: SessionTurns) {
  let endTurn: (() => void) | null = null;
  let idle = true;
  const release = () => {
    endTurn?.();
    endTurn = null;
  };
  return {
    get waitReady() {
      return client.waitReady;
    },
    // Also read by the server to keep serving the client whose session is busy before any other.
    isInTransaction: () => !idle,
    async runExclusive<T>(work: () => Promise<T>): Promise<T> {
      endTurn ??= await turns.take();
      try {
        return await client.runExclusive(work);
      } finally {
        if (idle) release();
      }
    },
    async execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }) {
      const tail: number[] = [];
      await client.execProtocolRawStream(message, {
        onRawData: (data) => {
          for (const byte of data.subarray(Math.max(0, data.length - READY_IDLE.length))) tail.push(byte);
          tail.splice(0, Math.max(0, tail.length - READY_IDLE.length));
          options.onRawData(data);
        },
      });
      idle = tail.length === READY_IDLE.length && tail.every((byte, i) => byte === READY_IDLE[i]);
    },
    // The server calls this when a client leaves with its session busy.
    async exec(_rollback: string) {
      try {
        await client.runExclusive(() => client.execProtocolRaw(SYNC));
        if (client.isInTransaction()) await client.exec("rollback");
      } finally {
        idle = true;
        release();
      }
    },
  };
}

export interface SharedDatabase {
  /** The folder holding the socket, as node-postgres and postgres.js name a Unix socket's place. */
  readonly socketDir: string;
  stop(): Promise<void>;
}

/** A Unix socket's path must stay under about 100 bytes; a deep data folder gets one in the temp folder. */
function socketDirFor(dataDir: string): string {
  const inFolder = resolve(dataDir);
  if (join(inFolder, SOCKET_FILE).length < 100) return inFolder;
  const hash = createHash("sha256").update(inFolder).digest("hex").slice(0, 12);
  return join(tmpdir(), `refdesk-${hash}`);
}

export const SOCKET_FILE = ".s.PGSQL.5432";

/** Serves `client` on a Unix socket for other refdesk processes (the CLI) while this one runs. */
export async function shareDatabase(
  client: PGlite,
  turns: SessionTurns,
  dataDir: string,
): Promise<SharedDatabase> {
  const socketDir = socketDirFor(dataDir);
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  const path = join(socketDir, SOCKET_FILE);
  // Left by a process that died: this one holds the folder's lock, so the socket is its to make.
  rmSync(path, { force: true });
  const server = new PGLiteSocketServer({
    db: socketSide(client, turns) as unknown as PGlite,
    path,
    // One CLI command uses one connection; a few may run at once.
    maxConnections: 8,
    // A client that holds the session and says nothing for a minute is let go (its transaction rolled back).
    idleTimeout: 60_000,
  });
  await server.start();
  return { socketDir, stop: () => server.stop() };
}
