import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, type DatabaseHandle, openDatabase } from "../../src/db/client";
import { SOCKET_FILE } from "../../src/db/pglite-share";

// The app serves its embedded database on a socket; a second process (here a second handle in this
// one, which finds the folder's lock held) connects there. Each side's transactions and
// parameterised queries run whole, never inside or between the other's.

let dataDir: string;
let opened: DatabaseHandle[];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "refdesk-shared-"));
  opened = [];
});
afterEach(async () => {
  for (const handle of opened.reverse()) await handle.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(share: boolean): Promise<DatabaseHandle> {
  const handle = await openDatabase({ dataDir, share, purpose: share ? "refdesk app" : "refdesk cli" });
  opened.push(handle);
  return handle;
}

const rowsOf = (result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];

async function names(db: Database, prefix: string): Promise<string[]> {
  const result = await db.execute(
    sql`select name from champions where name like ${`${prefix}%`} order by name`,
  );
  return rowsOf(result).map((row) => String(row.name));
}

const insert = (db: Database, name: string) =>
  db.execute(
    sql`insert into champions (name, company, email) values (${name}, 'Acme', ${`${name}@acme.example`})`,
  );

describe("the embedded database shared by the running app", () => {
  it("is reached by a second process through the app's socket, and what it writes outlives both", async () => {
    const app = await open(true);
    const lock = JSON.parse(readFileSync(join(dataDir, "refdesk.lock"), "utf8"));
    expect(lock).toMatchObject({ pid: process.pid, command: "refdesk app" });
    expect(existsSync(join(lock.socketDir, SOCKET_FILE))).toBe(true);

    const cli = await open(false);
    expect(cli.engine).toBe("postgres");
    await insert(cli.db, "cli-one");
    expect(await names(app.db, "cli-")).toEqual(["cli-one"]);
    await insert(app.db, "app-one");
    expect(await names(cli.db, "app-")).toEqual(["app-one"]);

    await cli.close();
    await app.close();
    opened = [];
    expect(existsSync(join(lock.socketDir, SOCKET_FILE))).toBe(false);
    // With the app gone, the next process opens the files itself and finds both writes.
    const after = await open(false);
    expect(after.engine).toBe("pglite");
    expect(await names(after.db, "")).toEqual(["app-one", "cli-one"]);
  });

  it("runs each side's transactions whole while the other side works", async () => {
    const app = await open(true);
    const cli = await open(false);
    const ROUNDS = 25;
    const appSide = (async () => {
      for (let round = 0; round < ROUNDS; round++) {
        // Rolled back every time: a statement of the other side's run inside it would vanish too.
        await app.db
          .transaction(async (tx) => {
            await insert(tx as unknown as Database, `app-${round}`);
            await new Promise((resolve) => setImmediate(resolve));
            throw new Error("roll back");
          })
          .catch(() => {});
      }
    })();
    const cliSide = (async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await cli.db.transaction(async (tx) => {
          await insert(tx as unknown as Database, `cli-${String(round).padStart(2, "0")}`);
          await new Promise((resolve) => setImmediate(resolve));
        });
      }
    })();
    // Parameterised reads from both sides meanwhile: each gets its own answer.
    const reads = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? app : cli).db
        .execute(sql`select ${i}::int as echoed`)
        .then((result) => rowsOf(result)[0]?.echoed),
    );
    await Promise.all([appSide, cliSide]);
    expect(await Promise.all(reads)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(await names(app.db, "app-")).toEqual([]);
    expect(await names(app.db, "cli-")).toEqual(
      Array.from({ length: ROUNDS }, (_, round) => `cli-${String(round).padStart(2, "0")}`),
    );
  });

  it.each([
    [
      "in the middle of a transaction",
      query("begin; insert into champions (name, company, email) values ('gone', 'x', 'gone@x')"),
      Buffer.from([0x5a, 0, 0, 0, 5, 0x54]), // ReadyForQuery, in a transaction
    ],
    [
      "half way through a parameterised query",
      Buffer.concat([message("P", "\0select 1\0\0\0"), message("H", "")]),
      Buffer.from([0x31, 0, 0, 0, 4]), // ParseComplete, and no Sync
    ],
  ])("gives the app its database back when a client leaves %s", async (_, sent, answered) => {
    const app = await open(true);
    const holder = JSON.parse(readFileSync(join(dataDir, "refdesk.lock"), "utf8"));
    const socket = createConnection(join(holder.socketDir, SOCKET_FILE));
    await once(socket, "connect");
    const replies: Buffer[] = [];
    socket.on("data", (data) => replies.push(data));
    socket.write(startup());
    await expect.poll(() => Buffer.concat(replies).includes(READY_IDLE)).toBe(true);
    socket.write(sent);
    // Answered: the client holds the session (the app now waits its turn). Then it is gone.
    await expect.poll(() => Buffer.concat(replies).includes(answered)).toBe(true);
    socket.destroy();
    await insert(app.db, "app-after");
    expect(await names(app.db, "")).toEqual(["app-after"]);
  });
});

// Just enough of the PostgreSQL wire protocol to be a client that walks away.
const READY_IDLE = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);

function startup(): Buffer {
  const body = Buffer.from("user\0refdesk\0database\0postgres\0\0");
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
}

function message(type: string, body: string): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(4 + Buffer.byteLength(body), 1);
  return Buffer.concat([head, Buffer.from(body)]);
}

function query(text: string): Buffer {
  return message("Q", `${text}\0`);
}
