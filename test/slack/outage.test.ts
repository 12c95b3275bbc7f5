import { connect, createServer, type Server, type Socket } from "node:net";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/client";
import { importChampions } from "../../src/db/roster-repository";
import { invitations, referenceRequests } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { createServerDatabase } from "../support/database";
import { DANA_AND_OMAR } from "../support/rosters";
import {
  actionIds,
  hasAction,
  LEAD,
  LEADS_CHANNEL,
  startTestSlackApp,
  type TestSlackApp,
  valuesAsPrefilled,
} from "../support/slack-app";

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

  /** How long each outage lasts: a failover's few seconds, shortened. */
  const OUTAGE_MS = 1500;
  const outage = async (whileAway: () => void) => {
    await proxy.cut();
    whileAway();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await proxy.restore();
  };

  beforeAll(async () => {
    const url = new URL(server?.url ?? "");
    proxy = databaseProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.restore();
    url.host = `127.0.0.1:${proxy.port}`;
    handle = await openDatabase({ url: url.toString() });
    await importChampions(handle.db, parseChampionsCsv(DANA_AND_OMAR), "test");
    // A job whose fetch was answered while the connection was cut is lost to its worker: it runs
    // again once it expires. Seconds here, minutes in production.
    slack = await startTestSlackApp(handle, {
      jobTiming: { expireInSeconds: 4, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1 },
    });
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

  it("proposes a request stored just before the database went away, once it is back, and tells the rep nothing false", async () => {
    // What the test before left running finishes first: its messages are not this test's.
    await slack.settle();
    slack.api.reset();
    await handle.db.delete(referenceRequests);
    const form = await openForm(1);
    // The request is stored, and its propose step has begun (its first write waits on a lock held
    // beside the app) when the database goes.
    const beside = postgres(server?.url ?? "", { max: 1, onnotice: () => {} });
    try {
      await beside.begin(async (tx) => {
        await tx`lock table proposals in exclusive mode`;
        await submit(form);
        await expect
          .poll(
            async () =>
              (
                await tx`select count(*)::int as waiting from pg_locks
                where not granted and relation = 'proposals'::regclass
                and database = (select oid from pg_database where datname = current_database())`
              )[0]?.waiting,
            { timeout: 10_000 },
          )
          .toBeGreaterThan(0);
        await proxy.cut();
      });
      // Stored, not proposed: the step's transaction went with its connection.
      expect(await beside`select status, lead_thread_ts from reference_requests`).toEqual([
        { status: "request", lead_thread_ts: null },
      ]);
    } finally {
      await beside.end();
    }
    await outage(() => {});

    const proposal = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && hasAction("proposal.approve:")(args),
      30_000,
    );
    await slack.settle();
    const [stored] = await handle.db.select().from(referenceRequests);
    expect(stored).toMatchObject({ status: "proposed", leadThreadTs: expect.any(String) });
    expect(stored?.repMessageTs).toEqual(expect.any(String));
    const toRep = slack.api.callsTo("chat.postMessage").filter((call) => call.args.channel === "U0REP");
    expect(toRep.map((call) => String(call.args.text))).not.toContainEqual(
      expect.stringMatching(/unavailable/),
    );
    expect(toRep).toHaveLength(1);
    expect(actionIds(proposal).some((id) => id.startsWith("proposal.approve:"))).toBe(true);
  });

  it("sends the invitation of an approval committed just before the database went away", async () => {
    // What the test before left running finishes first: its messages are not this test's.
    await slack.settle();
    slack.api.reset();
    await handle.db.delete(referenceRequests);
    const form = await openForm(1);
    await submit(form);
    const proposal = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && hasAction("proposal.approve:")(args),
    );
    await slack.settle();
    const [approve] = actionIds(proposal).filter((id) => id.startsWith("proposal.approve:"));
    // The approval is stored; the line that tells the leads is held on its way to Slack, and the
    // database goes while it waits. The invitation does not wait on that line.
    const release = slack.api.holdNext("chat.postMessage", LEADS_CHANNEL);
    await slack.action({ userId: LEAD, actionId: approve ?? "" });
    await slack.api.waitFor("chat.postMessage", (args) => /Approved by/.test(String(args.text)));
    const dm = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === "U0DANA" && hasAction("invitation.accept:")(args),
    );
    await outage(release);

    await slack.api.waitFor(
      "chat.postMessage",
      (args) => /Invitation sent to Dana/.test(String(args.text)),
      20_000,
    );
    await slack.settle();
    const [invitation] = await handle.db.select().from(invitations);
    expect(invitation).toMatchObject({ status: "invited", channelId: "U0DANA" });
    expect(invitation?.messageTs).toEqual(expect.any(String));
    expect(dm.args.text).toMatch(/Dana/);
  });
});
