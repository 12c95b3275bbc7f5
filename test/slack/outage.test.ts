import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/client";
import { importChampions } from "../../src/db/roster-repository";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { createServerDatabase } from "../support/database";
import { DANA_AND_OMAR } from "../support/rosters";
import { startTestSlackApp, type TestSlackApp } from "../support/slack-app";

// The database goes away mid-run and comes back. Only a server can go away: the app reaches it
// through a local TCP proxy that the test cuts and restores. (The embedded engine lives in-process.)

/** A TCP proxy to the Postgres server that can be cut (every connection dropped) and restored. */
function databaseProxy(target: { host: string; port: number }) {
  let server: Server | null = null;
  let port = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };
  return {
    get port() {
      return port;
    },
    async restore(): Promise<void> {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        track(client);
        track(upstream);
        client.on("error", () => upstream.destroy());
        upstream.on("error", () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server?.listen(port, "127.0.0.1", resolve));
      port = (server.address() as { port: number }).port;
    },
    async cut(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
  };
}

const server = await createServerDatabase();

describe.skipIf(!server)("a database outage, on the server", () => {
  let proxy: ReturnType<typeof databaseProxy>;
  let handle: DatabaseHandle;
  let slack: TestSlackApp;

  beforeAll(async () => {
    const url = new URL(server?.url ?? "");
    proxy = databaseProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.restore();
    url.host = `127.0.0.1:${proxy.port}`;
    handle = await openDatabase({ url: url.toString() });
    await importChampions(handle.db, parseChampionsCsv(DANA_AND_OMAR), "test");
    slack = await startTestSlackApp(handle.db);
  });
  afterAll(async () => {
    await slack?.stop();
    await handle?.close();
    await proxy?.cut();
    await server?.drop();
  });

  const askForReference = async () => {
    const response = await slack.command({
      command: "/reference",
      text: "fintech CFO for Acme",
      userId: "U0REP",
    });
    expect(response.status).toBe(200);
  };
  const formsOpened = (count: number) =>
    slack.api.waitFor("views.open", () => slack.api.callsTo("views.open").length === count);

  it("answers 'temporarily unavailable' while it is away, and recovers by itself when it returns", async () => {
    await askForReference();
    await formsOpened(1);

    await proxy.cut();
    await askForReference();
    const answer = await slack.api.waitFor("chat.postEphemeral", (args) => args.user === "U0REP");
    expect(answer.args.text).toMatch(/database is temporarily unavailable, so nothing was changed/);
    expect(slack.api.callsTo("views.open")).toHaveLength(1);

    await proxy.restore();
    await askForReference();
    await formsOpened(2);
  });
});
