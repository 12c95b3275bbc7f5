import { ErrorCode } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { isTransient } from "../../src/slack/outbox";
import { type ThreadedGateway, threadedGateway } from "../../src/slack/web-api-thread";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_AND_OMAR } from "../support/rosters";
import { type SlackApiStandIn, startSlackApi } from "../support/slack-api";
import { approveFirst, requestThroughForm, startTestSlackApp } from "../support/slack-app";

// Production makes its Web API calls on a worker thread. The calls, their answers and their
// failures must be exactly what the client on the event loop gives: the outbox and the error
// handler read a failure's code, status, Retry-After and Slack error.

describe("the Web API on its own thread", () => {
  let api: SlackApiStandIn;
  let gateway: ThreadedGateway;

  beforeEach(async () => {
    api = await startSlackApi();
    gateway = threadedGateway("xoxb-thread", {
      slackApiUrl: api.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  });
  afterEach(async () => {
    await gateway.close();
    await api.close();
  });

  it("makes the call with the bot token and answers with what Slack returned", async () => {
    const posted = await gateway.post("C0LEADS", { text: "hello" }, "1700000000.000100");
    expect(posted.channel).toBe("C0LEADS");
    expect(posted.ts).toMatch(/^\d+\.\d+$/);
    const [call] = api.callsTo("chat.postMessage");
    expect(call?.token).toBe("xoxb-thread");
    expect(call?.args).toMatchObject({ channel: "C0LEADS", text: "hello", thread_ts: "1700000000.000100" });
    expect(
      await gateway.openView("trigger-1", {
        type: "modal",
        title: { type: "plain_text", text: "x" },
        blocks: [],
      }),
    ).toMatch(/^V/);
  });

  it("keeps what the app reads of a failure: a Slack error, a server error, a rate limit", async () => {
    api.failNext("chat.postMessage", { error: "channel_not_found" });
    const refused = await gateway.post("C0GONE", { text: "x" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).toMatchObject({ code: ErrorCode.PlatformError, data: { error: "channel_not_found" } });
    expect(isTransient(refused)).toBe(false);

    api.failNext("chat.postMessage", { status: 503 });
    const unavailable = await gateway.post("C0LEADS", { text: "x" }).catch((error: unknown) => error);
    expect(unavailable).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
    expect(isTransient(unavailable)).toBe(true);

    api.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    const limited = await gateway.post("C0LEADS", { text: "x" }).catch((error: unknown) => error);
    expect(limited).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(isTransient(limited)).toBe(true);
  });

  it("uploads a file's bytes unchanged", async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const fileId = await gateway.uploadFile("C0LEADS", { filename: "digest.png", title: "Digest", bytes });
    expect(fileId).toMatch(/^F/);
    expect(api.uploads.map((upload) => upload.bytes)).toEqual([bytes]);
  });

  it("lets calls under way finish before it closes", async () => {
    const release = api.holdNext("chat.postMessage");
    const posting = gateway.post("C0LEADS", { text: "in flight" });
    await api.waitFor("chat.postMessage");
    let closed = false;
    const closing = gateway.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    release();
    await expect(posting).resolves.toMatchObject({ channel: "C0LEADS" });
    await closing;
    expect(closed).toBe(true);
  });
});

const database = useTestDatabase();

describe(`the app with its Web API thread, on ${testEngine}`, () => {
  it("takes a request to an invitation", async () => {
    await importChampions(database.db, parseChampionsCsv(DANA_AND_OMAR), "test");
    const slack = await startTestSlackApp(database.db, { webApiThread: true });
    try {
      const proposal = await requestThroughForm(
        slack,
        "EMEA fintech CFO to talk to Acme, call or panel",
        "U0REP",
      );
      const invitation = await approveFirst(slack, proposal, "U0DANA");
      expect(String(invitation.args.text)).toMatch(/\S/);
      expect(slack.api.callsTo("chat.postMessage").map((call) => call.args.channel)).toEqual(
        expect.arrayContaining(["U0REP", "C0LEADS", "U0DANA"]),
      );
    } finally {
      await slack.stop();
    }
  });
});
