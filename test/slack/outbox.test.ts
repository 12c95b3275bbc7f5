import { ErrorCode } from "@slack/web-api";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { activities, auditLog, gives, invitations, referenceRequests } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { FOLLOW_UP_JOBS } from "../../src/slack/follow-ups";
import { isTransient, OUTBOX_JOB, OUTBOX_MAX_ATTEMPTS, retryDelaySeconds } from "../../src/slack/outbox";
import { NOW } from "../support/builders";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_AND_OMAR } from "../support/rosters";
import type { Failure } from "../support/slack-api";
import {
  actionIds,
  approveFirst,
  hasAction,
  LEAD,
  LEADS_CHANNEL,
  requestThroughForm,
  startTestSlackApp,
  type TestSlackApp,
} from "../support/slack-app";

// Slack briefly away: a message is retried from the durable outbox until it is delivered, or given
// up on visibly; a message whose place is needed later has it recorded on whichever attempt
// succeeds. (The test app's clock is hours behind the database's, so every retry it plans is
// already due.)

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
const HOUR_MS = 3_600_000;
const REQUEST = "EMEA fintech CFO to talk to Acme, call or panel";
let slack: TestSlackApp;
/** The app's clock: NOW, unless a test moves it on. */
let now: Date;

beforeEach(async () => {
  now = NOW;
  await importChampions(database.db, parseChampionsCsv(DANA_AND_OMAR), "test");
  // Follow-ups are planned (tests read when) but not worked: the app's clock is days behind.
  slack = await startTestSlackApp(database.handle, {
    clock: () => now,
    followUps: { nudgeAfterHours: 48, expireAfterHours: 48, dealAskAfterDays: 30 },
    followUpWorkers: false,
  });
});
afterEach(async () => {
  await slack.settle();
  await slack.stop();
});

/** Polls until `read` gives a value: retries run on the job queue's own time. */
async function eventually<T>(read: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const posts = (channel: string, pattern: RegExp = /./) =>
  slack.api
    .callsTo("chat.postMessage")
    .filter((call) => call.args.channel === channel && pattern.test(String(call.args.text)));

const invitationsTo = (champion: string) =>
  posts(champion).filter((call) => hasAction("invitation.")(call.args));

const undelivered = () => database.db.select().from(auditLog).where(eq(auditLog.action, "slack.undelivered"));

/** When pg-boss will run the named jobs (its own table, as the app's database sees it). */
async function jobs(name: string): Promise<{ startAfter: Date; data: object }[]> {
  const result = await database.db.execute(
    sql`select start_after, data from refdesk_jobs.job where name = ${name} order by created_on`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    start_after: Date;
    data: object;
  }[];
  return rows.map((row) => ({ startAfter: new Date(row.start_after), data: row.data }));
}

const storedInvitation = async () => (await database.db.select().from(invitations))[0];

const FAILURES: [string, Failure][] = [
  ["a rate limit (429 with Retry-After)", { status: 429, retryAfter: 1 }],
  ["a server error (503)", { status: 503 }],
  ["a cut connection", { disconnect: true }],
];

describe(`the outbox on ${testEngine}`, () => {
  beforeEach(async () => {
    await approveFirst(slack, await requestThroughForm(slack, REQUEST, "U0REP"), "U0DANA");
    await slack.settle();
  });

  const question = { type: "message", channel: "DU0DANA", channel_type: "im", user: "U0DANA" };
  const forwarded = () => posts(LEADS_CHANNEL, /Dana Whitfield wrote/);

  it("delivers a note that failed with a server error, later, once", async () => {
    slack.api.failNext("chat.postMessage", { status: 503, channel: LEADS_CHANNEL });
    await slack.event({ eventId: "Ev1", event: { ...question, text: "What would I need to prepare?" } });
    const delivered = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /Dana Whitfield wrote/.test(String(args.text)),
      10_000,
    );
    expect(delivered.args.thread_ts).toBeTruthy();
    await slack.settle();
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
    let rows: (typeof auditLog.$inferSelect)[] = [];
    while (rows.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      rows = await undelivered();
    }
    expect(rows.map((row) => row.entityId).sort()).toEqual([LEADS_CHANNEL, "U0DANA"]);
    for (const row of rows) expect(row.data).toMatchObject({ attempts: OUTBOX_MAX_ATTEMPTS });
    expect(forwarded()).toHaveLength(OUTBOX_MAX_ATTEMPTS);
    expect(slack.takeErrors(/slack_undelivered: message to (U0DANA|C0LEADS) after 8 attempt/)).toHaveLength(
      2,
    );
  });
});

describe(`messages whose place is recorded, on ${testEngine}`, () => {
  it.each(FAILURES)(
    "a new request's proposal reaches the leads after %s; its thread is recorded and approving works there",
    async (_name, failure) => {
      slack.api.failNext("chat.postMessage", { ...failure, channel: LEADS_CHANNEL });
      const proposal = await requestThroughForm(slack, REQUEST, "U0REP");
      const thread = await eventually(
        async () => (await database.db.select().from(referenceRequests))[0]?.leadThreadTs,
      );
      // The failed attempt and the delivery, rendered once as it stands, as the rep's status was.
      expect(posts(LEADS_CHANNEL).filter((call) => hasAction("proposal.approve:")(call.args))).toHaveLength(
        2,
      );
      await slack.settle();
      expect(posts("U0REP", /found a match/)).toHaveLength(1);
      expect(slack.api.callsTo("chat.update")).toEqual([]);

      await approveFirst(slack, proposal, "U0DANA");
      const approved = await slack.api.waitFor("chat.postMessage", (args) =>
        /Approved by/.test(String(args.text)),
      );
      expect(approved.args).toMatchObject({ channel: LEADS_CHANNEL, thread_ts: thread });
      const sent = await slack.api.waitFor("chat.postMessage", (args) =>
        /Invitation sent to Dana Whitfield/.test(String(args.text)),
      );
      expect(sent.args.thread_ts).toBe(thread);
    },
  );

  it.each(FAILURES)(
    "an invitation reaches the champion after %s; its DM is recorded, answerable, and followed up from delivery",
    async (_name, failure) => {
      const proposal = await requestThroughForm(slack, REQUEST, "U0REP");
      // On the database's own clock from here, so the retry waits: Slack is away for a while.
      now = new Date();
      slack.api.failNext("chat.postMessage", {
        ...failure,
        ...(failure.retryAfter ? { retryAfter: 600 } : {}),
        channel: "U0DANA",
      });
      await approveFirst(slack, proposal, "U0DANA");
      await slack.settle();
      // Not delivered yet: the pitch is kept, nothing is planned.
      const waiting = await storedInvitation();
      expect(waiting?.message).toMatch(/Dana/);
      expect(waiting?.messageTs).toBeNull();
      expect(await jobs(FOLLOW_UP_JOBS.nudge)).toEqual([]);
      expect(posts(LEADS_CHANNEL, /Invitation sent/)).toEqual([]);

      // An hour later Slack is back, and the retry falls due.
      now = new Date(now.getTime() + HOUR_MS);
      await database.db.execute(
        sql`update refdesk_jobs.job set start_after = now() where name = ${OUTBOX_JOB} and state in ('created', 'retry')`,
      );
      const stored = await eventually(async () => {
        const row = await storedInvitation();
        return row?.messageTs ? row : null;
      });
      // Sent when Dana could first read it, not at approval.
      expect(stored.sentAt).toEqual(now);
      const [failed, delivered] = invitationsTo("U0DANA");
      expect(invitationsTo("U0DANA")).toHaveLength(2);
      expect(delivered?.args.text).toBe(failed?.args.text);
      await slack.api.waitFor("chat.postMessage", (args) =>
        /Invitation sent to Dana/.test(String(args.text)),
      );
      const [nudge] = await jobs(FOLLOW_UP_JOBS.nudge);
      expect(nudge?.startAfter.getTime()).toBeGreaterThanOrEqual(now.getTime() + 48 * HOUR_MS);
      expect(await jobs(FOLLOW_UP_JOBS.expire)).toHaveLength(1);

      // Dana answers it: the DM that was recorded shows her answer, and the leads hear it.
      const [accept] = actionIds(delivered ?? { args: {} });
      await slack.action({ userId: "U0DANA", actionId: accept ?? "", channelId: "DU0DANA" });
      await slack.api.waitFor("chat.postMessage", (args) =>
        /Dana Whitfield accepted/.test(String(args.text)),
      );
      const answered = await slack.api.waitFor("chat.update", (args) => args.ts === stored.messageTs);
      expect(answered.args.channel).toBe(stored.channelId);
      expect(actionIds(answered)).toEqual([]);
    },
  );

  it("posts the rep's status once, with the proposal, and brings it up to date when the request moved on before Slack took it", async () => {
    const release = slack.api.holdNext("chat.postMessage", "U0REP");
    const proposal = await requestThroughForm(slack, REQUEST, "U0REP");
    await approveFirst(slack, proposal, "U0DANA");
    await eventually(async () => (await storedInvitation())?.messageTs);
    release();
    const updated = await slack.api.waitFor("chat.update", (args) => args.channel === "U0REP");
    expect(String(updated.args.text)).toMatch(/has been invited/);
    await slack.settle();
    expect(posts("U0REP").map((call) => String(call.args.text))).toEqual([
      expect.stringMatching(/found a match/),
    ]);
  });

  it("does not record a delivery twice when its job runs again after it went through", async () => {
    const proposal = await requestThroughForm(slack, REQUEST, "U0REP");
    slack.api.failNext("chat.postMessage", { status: 503, channel: "U0DANA" });
    await approveFirst(slack, proposal, "U0DANA");
    const first = await eventually(async () => (await storedInvitation())?.messageTs);
    await slack.api.waitFor("chat.postMessage", (args) => /Invitation sent to Dana/.test(String(args.text)));

    // The job that delivered it runs once more (as pg-boss may after a crash before completing it).
    const job = (await jobs(OUTBOX_JOB))
      .filter((queued) => (queued.data as { receipt?: { kind: string } }).receipt?.kind === "invitation")
      .at(-1);
    await slack.jobs.send(OUTBOX_JOB, job?.data ?? {}, { key: "replayed" });
    const removed = await slack.api.waitFor("chat.delete", () => true, 10_000);
    await slack.settle();
    expect(invitationsTo("U0DANA")).toHaveLength(3);
    expect(removed.args.channel).toBe("U0DANA");
    expect(removed.args.ts).not.toBe(first);
    expect((await storedInvitation())?.messageTs).toBe(first);
    expect(posts(LEADS_CHANNEL, /Invitation sent/)).toHaveLength(1);
    expect(await jobs(FOLLOW_UP_JOBS.nudge)).toHaveLength(1);
  });

  it("gives up on an invitation Slack refuses for good, visibly: it closes, the leads hear why, the next champion is proposed", async () => {
    const proposal = await requestThroughForm(slack, REQUEST, "U0REP");
    slack.api.failNext("chat.postMessage", { error: "channel_not_found", channel: "U0DANA" });
    await approveFirst(slack, proposal, "U0DANA");
    const [row] = await eventually(async () => {
      const rows = await undelivered();
      return rows.length > 0 ? rows : null;
    });
    // The audit row is written as the outbox gives up; the invitation closes just after it.
    const invitation = await eventually(async () => {
      const stored = await storedInvitation();
      return stored?.status === "undelivered" ? stored : null;
    });
    expect(row).toMatchObject({
      entityId: "U0DANA",
      data: {
        attempts: 1,
        reason: "channel_not_found",
        receipt: { kind: "invitation", invitationId: invitation?.id },
      },
    });
    expect(slack.takeErrors(/slack_undelivered: invitation to U0DANA/)).toHaveLength(1);

    // Dana never saw it: not an open ask on her, no follow-ups, and the request moves on.
    expect(invitation).toMatchObject({ status: "undelivered", messageTs: null });
    const [closed] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "invitation.undelivered"));
    expect(closed).toMatchObject({ toStatus: "undelivered", data: { reason: "channel_not_found" } });
    const thread = (await database.db.select().from(referenceRequests))[0]?.leadThreadTs;
    const told = await slack.api.waitFor("chat.postMessage", (args) =>
      /could not be delivered on Slack \(`channel_not_found`\)/.test(String(args.text)),
    );
    expect(told.args).toMatchObject({ channel: LEADS_CHANNEL, thread_ts: thread });
    expect(told.args.text).toMatch(/Dana Whitfield/);
    await slack.api.waitFor("chat.postMessage", (args) =>
      /New proposal:|Nobody else fits/.test(String(args.text)),
    );
    await slack.settle();
    const [request] = await database.db.select().from(referenceRequests);
    expect(request?.status).toBe("proposed");
    const leadView = slack.api
      .callsTo("chat.update")
      .filter((call) => call.args.channel === LEADS_CHANNEL && call.args.ts === thread)
      .at(-1);
    expect(JSON.stringify(leadView?.args.blocks)).toMatch(/couldn't be reached on Slack/);
    expect(slack.api.callsTo("chat.postEphemeral")).toEqual([]);
    expect(invitationsTo("U0DANA")).toHaveLength(1);
    expect(await jobs(FOLLOW_UP_JOBS.nudge)).toEqual([]);
  });
});

describe(`a leads' channel that refuses the app, on ${testEngine}`, () => {
  it("sends the proposal to each lead's DM with what to fix, and approving there works", async () => {
    slack.api.failNext("chat.postMessage", { error: "not_in_channel", channel: LEADS_CHANNEL });
    await requestThroughForm(slack, REQUEST, "U0REP");
    const dm = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEAD && hasAction("proposal.approve:")(args),
    );
    expect(dm.args.text).toMatch(
      new RegExp(`couldn't post request #\\d+ to <#${LEADS_CHANNEL}> \\(\`not_in_channel\`\\)`),
    );
    expect(await undelivered()).toHaveLength(1);
    expect(
      slack.takeErrors(/slack_undelivered: lead_thread to C0LEADS after 1 attempt\(s\): not_in_channel/),
    ).toHaveLength(1);

    const invitation = await approveFirst(slack, dm, "U0DANA");
    expect(hasAction("invitation.")(invitation.args)).toBe(true);
    const told = await slack.api.waitFor("chat.postEphemeral", (args) => args.user === LEAD);
    expect(told.args.text).toMatch(/Approved: the invitation is on its way/);
    const [request] = await database.db.select().from(referenceRequests);
    expect(request).toMatchObject({ status: "invited", leadThreadTs: null });
  });
});

describe(`a champion's own settings, on ${testEngine}`, () => {
  it("retries the answer to a change a champion makes in their DM", async () => {
    slack.api.failNext("chat.postMessage", { status: 503, channel: "U0DANA" });
    await slack.event({
      eventId: "EvOptOut",
      event: {
        type: "message",
        channel: "DU0DANA",
        channel_type: "im",
        user: "U0DANA",
        text: "no more webinars please",
      },
    });
    const answers = await eventually(async () => {
      const sent = posts("U0DANA");
      return sent.length === 2 ? sent : null;
    });
    expect(answers[0]?.args.text).toMatch(/webinar/);
    expect(answers[1]?.args.text).toBe(answers[0]?.args.text);
  });
});

describe(`thanks and activity steps on ${testEngine}`, () => {
  /** Dana said yes to the request's activity, and it is scheduled; returns it. */
  async function scheduled(): Promise<{ activityId: number; date: string }> {
    const invitation = await approveFirst(slack, await requestThroughForm(slack, REQUEST, "U0REP"), "U0DANA");
    const [accept] = actionIds(invitation);
    await slack.action({ userId: "U0DANA", actionId: accept ?? "", channelId: "DU0DANA" });
    const activityId = await eventually(async () => (await database.db.select().from(activities))[0]?.id);
    const date = "2026-12-03";
    await slack.workflow.schedule({ userId: LEAD }, activityId, date);
    await slack.settle();
    return { activityId, date };
  }

  it("retries the champion's thank-you, and records the give once", async () => {
    const { activityId } = await scheduled();
    const before = posts("U0DANA").length;
    slack.api.failNext("chat.postMessage", { status: 503, channel: "U0DANA" });
    await slack.workflow.complete({ userId: LEAD }, activityId, {
      held: true,
      championRating: null,
      dealResult: null,
      dealValue: null,
      notes: "",
    });
    await slack.api.waitFor("chat.postMessage", (args) => /Thanked Dana Whitfield/.test(String(args.text)));
    const thanks = await eventually(async () => {
      const sent = posts("U0DANA").slice(before);
      return sent.length === 2 ? sent : null;
    });
    expect(thanks[1]?.args.text).toBe(thanks[0]?.args.text);
    expect(await database.db.select().from(gives)).toHaveLength(1);
  });

  it("retries a reminder before the activity", async () => {
    const { activityId, date } = await scheduled();
    slack.api.failNext("chat.postMessage", { status: 429, retryAfter: 1, channel: "U0REP" });
    await slack.steps.remind(activityId, date);
    const reminders = await eventually(async () => {
      const sent = posts("U0REP", /Reminder:/);
      return sent.length === 2 ? sent : null;
    });
    expect(reminders[1]?.args.text).toBe(reminders[0]?.args.text);
    expect(posts("U0DANA", /a reminder that your/)).toHaveLength(1);
  });
});
