import type { ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import { request } from "node:http";
import { resolve } from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type DatabaseOptions, openDatabase } from "../../src/db/client";
import { importChampions } from "../../src/db/roster-repository";
import { referenceRequests } from "../../src/db/schema";
import { createJobQueue, jobIdFor } from "../../src/jobs/queue";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { DIGEST_JOB } from "../../src/slack/digest";
import { OUTBOX_JOB } from "../../src/slack/outbox";
import { useTempDir } from "../support/cli";
import { createServerDatabase, testEngine } from "../support/database";
import { freePort, refuses, startRunning } from "../support/processes";
import { DANA_AND_OMAR } from "../support/rosters";
import { type SlackApiStandIn, startSlackApi } from "../support/slack-api";
import {
  hasAction,
  LEAD,
  LEADS_CHANNEL,
  requestFormSubmitted,
  SIGNING_SECRET,
  signedHeaders,
} from "../support/slack-app";

// The app as production runs it (src/main.ts in its own process, HTTP mode) gets SIGTERM while a
// request, or a job, is half done: held on a Web API call by the stand-in. It must stop taking
// requests at once, finish that work, exit 0, and leave a database the next start opens cleanly.

const root = resolve(import.meta.dirname, "../..");
const REP = "U0REP";
const DIGEST_KEY = "shutdown-test";

/** A signed request as Slack sends it, on a connection of its own (no keep-alive pool). */
function post(port: number, body: string): Promise<number> {
  return new Promise((done, fail) => {
    const sent = request(
      {
        host: "127.0.0.1",
        port,
        path: "/slack/events",
        method: "POST",
        agent: false,
        headers: signedHeaders(body, "application/x-www-form-urlencoded"),
      },
      (response) => {
        response.resume().on("end", () => done(response.statusCode ?? 0));
      },
    );
    sent.on("error", fail);
    sent.end(body);
  });
}

const referenceCommand = (triggerId: string) =>
  new URLSearchParams({
    command: "/reference",
    text: "EMEA fintech CFO to talk to Acme, call or panel",
    user_id: REP,
    channel_id: "C0SALES",
    team_id: "T0001",
    trigger_id: triggerId,
  }).toString();

type OpenedView = { private_metadata: string; blocks: unknown[] };

const formSubmitted = (view: OpenedView) => requestFormSubmitted(view, REP);

/** src/main.ts started as `npm start` would, resolved once it says it is running. */
async function startMain(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; exited: Promise<unknown> }> {
  return startRunning(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: root, env });
}

/** The exit code, or a failure if the process is still running after `ms`. */
async function exitCode(child: ChildProcess, exited: Promise<unknown>, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`still running ${ms} ms after its work was let go`)), ms);
  });
  try {
    await Promise.race([exited, late]);
  } finally {
    clearTimeout(timer);
  }
  return child.exitCode;
}

const engines = testEngine === "postgres" ? (["pglite", "postgres"] as const) : (["pglite"] as const);

describe.each(engines)("SIGTERM on %s", (engine) => {
  const dir = useTempDir("refdesk-shutdown-");
  let where: DatabaseOptions;
  let drop: (() => Promise<void>) | undefined;
  let api: SlackApiStandIn;

  // A new database is the slow part: once for the file, with a roster to propose from.
  beforeAll(async () => {
    const server = engine === "postgres" ? await createServerDatabase() : null;
    drop = server?.drop;
    where = server ? { url: server.url } : { dataDir: dir.path };
    const seed = await openDatabase(where);
    await importChampions(seed.db, parseChampionsCsv(DANA_AND_OMAR), "test");
    await seed.close();
  });
  beforeEach(async () => {
    api = await startSlackApi();
  });
  afterEach(async () => {
    await api.close();
  });
  afterAll(async () => {
    await drop?.();
    await rm(dir.path, { recursive: true, force: true });
  });

  /** src/main.ts on this file's database, talking to this test's stand-in. */
  async function startApp(digestCron: string, extra: Record<string, string> = {}) {
    const port = await freePort();
    const started = await startMain({
      PATH: process.env.PATH ?? "",
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url,
      ADVOCACY_CHANNEL: LEADS_CHANNEL,
      ADVOCACY_LEADS: LEAD,
      PORT: String(port),
      DATA_DIR: dir.path,
      // Blank rather than absent: blank counts as unset, and a developer's .env cannot fill it in.
      DATABASE_URL: where.url ?? "",
      SLACK_APP_TOKEN: "",
      OPENAI_API_KEY: "",
      DIGEST_CRON: digestCron,
      LOG_LEVEL: "error",
      ...extra,
    });
    return { port, ...started };
  }

  /** SIGTERM, then: connections refused at once, while the process is still finishing its work. */
  async function terminate(child: ChildProcess, port: number): Promise<void> {
    child.kill("SIGTERM");
    await expect.poll(() => refuses(port), { timeout: 5_000 }).toBe(true);
    expect(child.exitCode).toBeNull();
  }

  it("finishes the work under way at SIGTERM, takes no new request, exits 0, and does the rest after a restart", {
    timeout: 90_000,
  }, async () => {
    const releaseRepNote = api.holdNext("chat.postMessage", REP);
    const { child, exited, port } = await startApp("off");
    try {
      // A rep asks; the form is stored and acknowledged, and the note telling the rep of its
      // proposal is held.
      expect(await post(port, referenceCommand("trigger-1"))).toBe(200);
      const opened = await api.waitFor("views.open");
      expect(await post(port, formSubmitted(opened.args.view as OpenedView))).toBe(200);
      await api.waitFor("chat.postMessage", (args) => args.channel === REP);

      await terminate(child, port);
      await expect(post(port, referenceCommand("trigger-2"))).rejects.toMatchObject({ code: "ECONNREFUSED" });
      // A second signal (SIGTERM, then Ctrl-C) changes nothing: the shutdown under way goes on.
      child.kill("SIGINT");

      // The note under way goes out, and only then does the process exit, cleanly.
      releaseRepNote();
      expect(await exitCode(child, exited, 20_000)).toBe(0);
      // The refused /reference never reached the app.
      expect(api.callsTo("views.open")).toHaveLength(1);
    } finally {
      releaseRepNote();
      if (child.exitCode === null) child.kill("SIGKILL");
    }

    // The next start opens the database (no lock left behind, migrations in place) and does what
    // the request still needed, if anything (its stop waits for that): the leads get its proposal
    // once, the rep their note once.
    const restarted = await startApp("off");
    try {
      await api.waitFor(
        "chat.postMessage",
        (args) => args.channel === LEADS_CHANNEL && hasAction("proposal.approve:")(args),
        30_000,
      );
    } finally {
      restarted.child.kill("SIGTERM");
      expect(await exitCode(restarted.child, restarted.exited, 30_000)).toBe(0);
    }
    const posted = (channel: string) =>
      api.callsTo("chat.postMessage").filter((call) => call.args.channel === channel && !call.args.thread_ts);
    expect(posted(LEADS_CHANNEL)).toHaveLength(1);
    expect(posted(REP)).toHaveLength(1);
    const after = await openDatabase(where);
    try {
      expect(await after.db.select().from(referenceRequests)).toEqual([
        expect.objectContaining({
          requestedBy: REP,
          status: "proposed",
          repChannelId: REP,
          repMessageTs: expect.any(String),
          leadChannelId: LEADS_CHANNEL,
          leadThreadTs: expect.any(String),
        }),
      ]);
    } finally {
      await after.close();
    }
  });

  it("lets a job running at SIGTERM finish, records it completed, and exits 0", {
    timeout: 60_000,
  }, async () => {
    // The weekly digest, due before the app starts: its worker takes it at once.
    const seed = await openDatabase(where);
    const queue = createJobQueue(seed.jobs, {
      onError: (error) => {
        throw error;
      },
    });
    await queue.start();
    await queue.send(DIGEST_JOB, {}, { key: DIGEST_KEY });
    await queue.stop();
    await seed.close();

    const releaseDigest = api.holdNext("files.completeUploadExternal");
    // The worker runs; the cron (1 January) adds no job of its own meanwhile.
    const { child, exited, port } = await startApp("0 0 1 1 *");
    try {
      await api.waitFor("files.completeUploadExternal", undefined, 30_000);
      await terminate(child, port);
      releaseDigest();
      expect(await exitCode(child, exited, 20_000)).toBe(0);
    } finally {
      releaseDigest();
      if (child.exitCode === null) child.kill("SIGKILL");
    }

    const after = await openDatabase(where);
    try {
      const rows = async (query: SQL) => {
        const result = await after.db.execute(query);
        return Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
      };
      expect(
        await rows(
          sql`select state from refdesk_jobs.job where id = ${jobIdFor(`${DIGEST_JOB}:${DIGEST_KEY}`)}`,
        ),
      ).toEqual([{ state: "completed" }]);
      // The job queued its one message: posted before the exit, else waiting for the next start.
      const posted = api
        .callsTo("chat.postMessage")
        .filter((call) => String(call.args.text).startsWith("Weekly reference digest"));
      const waiting = await rows(
        sql`select id from refdesk_jobs.job where name = ${OUTBOX_JOB} and state = 'created'
            and data->>'text' like 'Weekly reference digest%'`,
      );
      expect(posted.length + waiting.length).toBe(1);
    } finally {
      await after.close();
    }
  });

  it("keeps what a request still needs when Slack is too slow to answer before SIGTERM, and does it after a restart", {
    timeout: 90_000,
  }, async () => {
    // Slack takes its time: every message the app posts is held for longer than the app waits.
    const held = Array.from({ length: 6 }, () => api.holdNext("chat.postMessage"));
    const { child, exited, port } = await startApp("off", { SLACK_TIMEOUT_SECONDS: "2" });
    let requestId: number | undefined;
    try {
      expect(await post(port, referenceCommand("trigger-slow"))).toBe(200);
      const opened = await api.waitFor("views.open");
      expect(await post(port, formSubmitted(opened.args.view as OpenedView))).toBe(200);
      await api.waitFor("chat.postMessage", (args) => args.channel === REP);

      // Stops in bounded time though its calls to Slack never came back.
      const signalled = Date.now();
      await terminate(child, port);
      expect(await exitCode(child, exited, 30_000)).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(25_000);
    } finally {
      for (const release of held) release();
      if (child.exitCode === null) child.kill("SIGKILL");
    }

    // Nothing promised was lost: the request was proposed, and what is still to tell waits queued.
    const between = await openDatabase(where);
    try {
      const stored = (await between.db.select().from(referenceRequests).orderBy(referenceRequests.id)).at(-1);
      requestId = stored?.id;
      expect(stored?.status).toBe("proposed");
      const result = await between.db.execute(
        sql`select data from refdesk_jobs.job where name = 'slack_outbox' and state in ('created', 'retry')`,
      );
      const waiting = (Array.isArray(result) ? result : (result as { rows: { data: unknown }[] }).rows) as {
        data: { channel: string };
      }[];
      expect(waiting.map((job) => job.data.channel)).toContain(LEADS_CHANNEL);
      // Time passes: the retries fall due.
      await between.db.execute(
        sql`update refdesk_jobs.job set start_after = now() where state in ('created', 'retry')`,
      );
    } finally {
      await between.close();
    }

    // Restarted, the app finishes the work: the leads' proposal and the rep's status are each
    // delivered and recorded (watched from beside the running app, as the CLI would).
    const restarted = await startApp("off");
    const watching = await openDatabase(where);
    try {
      await expect
        .poll(
          async () => {
            const rows = await watching.db.select().from(referenceRequests);
            const request = rows.find((row) => row.id === requestId);
            return Boolean(request?.leadThreadTs && request.repMessageTs);
          },
          { timeout: 30_000 },
        )
        .toBe(true);
      expect(
        api
          .callsTo("chat.postMessage")
          .filter((call) => call.args.channel === LEADS_CHANNEL && hasAction("proposal.approve:")(call.args))
          .length,
      ).toBeGreaterThanOrEqual(1);
    } finally {
      await watching.close();
      restarted.child.kill("SIGTERM");
      await exitCode(restarted.child, restarted.exited, 30_000);
    }
  });
});
