import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/client";
import { importChampions } from "../../src/db/roster-repository";
import { referenceRequests } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { createServerDatabase } from "../support/database";
import { DANA_AND_OMAR } from "../support/rosters";
import { LEADS_CHANNEL, startTestSlackApp, type TestSlackApp, valuesAsPrefilled } from "../support/slack-app";

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
    slack = await startTestSlackApp(handle);
  });
  afterAll(async () => {
    await slack?.stop();
    await handle?.close();
    await proxy?.cut();
    await server?.drop();
  });

  const openForm = async (count: number) => {
    const response = await slack.command({
      command: "/reference",
      text: "fintech CFO for Acme",
      userId: "U0REP",
    });
    expect(response.status).toBe(200);
    await slack.api.waitFor("views.open", () => slack.api.callsTo("views.open").length === count);
    return slack.api.callsTo("views.open")[count - 1]?.args.view as { private_metadata: string; blocks: [] };
  };
  const submit = (form: { private_metadata: string; blocks: [] }) =>
    slack.submitView({
      userId: "U0REP",
      callbackId: "request.submit",
      values: valuesAsPrefilled(form),
      privateMetadata: form.private_metadata,
    });

  it("answers 'temporarily unavailable' while it is away, and recovers by itself when it returns", async () => {
    await openForm(1);

    await proxy.cut();
    // The form opens from the roster held in memory; storing the request needs the database.
    const form = await openForm(2);
    await submit(form);
    const answer = await slack.api.waitFor("chat.postMessage", (args) => args.channel === "U0REP");
    expect(answer.args.text).toMatch(/database is temporarily unavailable, so nothing was changed/);
    expect(slack.api.callsTo("chat.postMessage")).toHaveLength(1);

    await proxy.restore();
    await submit(form);
    await slack.api.waitFor("chat.postMessage", (args) => args.channel === LEADS_CHANNEL);
    const stored = await handle.db.select().from(referenceRequests);
    expect(stored).toHaveLength(1);
  });
});
