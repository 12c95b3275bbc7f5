import { ErrorCode } from "@slack/web-api";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { auditLog } from "../../src/db/schema";
import { createJobQueue, type JobQueue } from "../../src/jobs/queue";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { isTransient, OUTBOX_MAX_ATTEMPTS, retryDelaySeconds } from "../../src/slack/outbox";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_AND_OMAR } from "../support/rosters";
import {
  approveFirst,
  LEADS_CHANNEL,
  requestThroughForm,
  startTestSlackApp,
  type TestSlackApp,
} from "../support/slack-app";

// Slack briefly away: a note the leads should read is retried from the durable outbox until it is
// delivered, or given up on visibly. (The test app's clock is hours behind the database's, so every
// retry it plans is already due.)

describe("which Slack failures are worth retrying", () => {
  it("retries rate limits, server errors and network failures; not a missing channel", () => {
    expect(isTransient({ code: ErrorCode.RateLimitedError, retryAfter: 3 })).toBe(true);
    expect(isTransient({ code: ErrorCode.HTTPError, statusCode: 503 })).toBe(true);
    expect(isTransient({ code: ErrorCode.RequestError })).toBe(true);
    expect(isTransient({ code: ErrorCode.PlatformError, data: { error: "ratelimited" } })).toBe(true);
    expect(isTransient({ code: ErrorCode.PlatformError, data: { error: "channel_not_found" } })).toBe(false);
    expect(isTransient({ code: ErrorCode.HTTPError, statusCode: 400 })).toBe(false);
    expect(isTransient(new Error("a bug"))).toBe(false);
  });

  it("waits as long as Slack asks, else 30 s doubling", () => {
    expect(retryDelaySeconds({ retryAfter: 12 }, 3)).toBe(12);
    expect([1, 2, 3, 4].map((attempt) => retryDelaySeconds({}, attempt))).toEqual([30, 60, 120, 240]);
  });
});

const database = useTestDatabase();
let slack: TestSlackApp;
let queue: JobQueue;

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv(DANA_AND_OMAR), "test");
  queue = createJobQueue(database.handle.jobs, {
    pollingIntervalSeconds: 0.5,
    onError: (error) => {
      throw error;
    },
  });
  await queue.start();
  slack = await startTestSlackApp(database.db, { jobs: queue });
  await slack.workOutbox?.();
  const proposal = await requestThroughForm(
    slack,
    "EMEA fintech CFO to talk to Acme, call or panel",
    "U0REP",
  );
  await approveFirst(slack, proposal, "U0DANA");
  await slack.settle();
});
afterEach(async () => {
  await queue.stop();
  await slack.settle();
  await slack.stop();
});

const question = { type: "message", channel: "DU0DANA", channel_type: "im", user: "U0DANA" };
const forwarded = () =>
  slack.api
    .callsTo("chat.postMessage")
    .filter(
      (call) => call.args.channel === LEADS_CHANNEL && /Dana Whitfield wrote/.test(String(call.args.text)),
    );

describe(`the outbox on ${testEngine}`, () => {
  it("delivers a note that failed with a server error, later, once", async () => {
    slack.api.failNext("chat.postMessage", { status: 503 });
    await slack.event({ eventId: "Ev1", event: { ...question, text: "What would I need to prepare?" } });
    const delivered = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /Dana Whitfield wrote/.test(String(args.text)),
      10_000,
    );
    expect(delivered.args.thread_ts).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Two attempts reached Slack: the failed one and the delivery; the champion was thanked meanwhile.
    expect(forwarded()).toHaveLength(2);
    expect(
      slack.api.callsTo("chat.postMessage").some((call) => /passed that on/.test(String(call.args.text))),
    ).toBe(true);
  });

  it("gives up visibly after its last attempt, with an audit row naming each recipient", async () => {
    // Both the note to the leads and the thank-you to the champion keep failing.
    for (let attempt = 0; attempt < 2 * OUTBOX_MAX_ATTEMPTS; attempt++) {
      slack.api.failNext("chat.postMessage", { status: 500 });
    }
    await slack.event({ eventId: "Ev1", event: { ...question, text: "Who is the prospect?" } });
    const deadline = Date.now() + 20_000;
    let undelivered: (typeof auditLog.$inferSelect)[] = [];
    while (undelivered.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      undelivered = await database.db.select().from(auditLog).where(eq(auditLog.action, "slack.undelivered"));
    }
    expect(undelivered.map((row) => row.entityId).sort()).toEqual([LEADS_CHANNEL, "U0DANA"]);
    for (const row of undelivered) expect(row.data).toMatchObject({ attempts: OUTBOX_MAX_ATTEMPTS });
    expect(forwarded()).toHaveLength(OUTBOX_MAX_ATTEMPTS);
  });
});
