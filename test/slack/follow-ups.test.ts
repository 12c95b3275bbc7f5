import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { activities, invitations } from "../../src/db/schema";
import { createJobQueue } from "../../src/jobs/queue";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { FOLLOW_UP_JOBS, workFollowUps } from "../../src/slack/follow-ups";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_AND_OMAR } from "../support/rosters";
import {
  actionIds,
  approveFirst,
  LEAD,
  LEADS_CHANNEL,
  requestThroughForm,
  startTestSlackApp,
  type TestSlackApp,
} from "../support/slack-app";

// Timed follow-ups through the real job queue. The app's clock is set days back, so the steps it
// plans from "now" are already due by the database's own clock, or not yet, as each test needs.

const database = useTestDatabase();
const ROSTER = DANA_AND_OMAR;
const DAY_MS = 86_400_000;

let slack: TestSlackApp;

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv(ROSTER), "test");
});
afterEach(async () => {
  await slack.settle();
  await slack.stop();
});

async function start(
  daysBack: number,
  policy: { nudgeAfterHours: number; expireAfterHours: number; dealAskAfterDays?: number },
) {
  const clock = () => new Date(Date.now() - daysBack * DAY_MS);
  slack = await startTestSlackApp(database.handle, {
    clock,
    followUps: { dealAskAfterDays: 30, ...policy },
    followUpWorkers: false,
  });
  return clock;
}

async function inviteDana() {
  const invitation = await approveFirst(
    slack,
    await requestThroughForm(slack, "EMEA fintech CFO to talk to Acme, call or panel", "U0REP"),
    "U0DANA",
  );
  await slack.settle();
  return invitation;
}

/** The named jobs as pg-boss holds them (its own table, read as the app's database sees it). */
async function jobsNamed(name: string): Promise<{ start_after: Date; state: string }[]> {
  const result = await database.db.execute(
    sql`select start_after, state from refdesk_jobs.job where name = ${name}`,
  );
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    start_after: Date;
    state: string;
  }[];
}

/** When pg-boss will run the named job. */
async function plannedAt(name: string): Promise<Date[]> {
  return (await jobsNamed(name)).map((row) => new Date(row.start_after));
}

/** Weekday and hour on the champion's clock. */
function localTime(at: Date, timeZone: string): { weekday: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    hour: "numeric",
    hourCycle: "h23",
  }).formatToParts(at);
  return {
    weekday: parts.find((part) => part.type === "weekday")?.value ?? "",
    hour: Number(parts.find((part) => part.type === "hour")?.value),
  };
}

describe(`invitation follow-ups on ${testEngine}`, () => {
  it("plans one nudge in the champion's working hours and sends it once, after a restart, with two workers", async () => {
    await start(6, { nudgeAfterHours: 48, expireAfterHours: 24 * 30 });
    const invitation = await inviteDana();
    const [planned] = await plannedAt(FOLLOW_UP_JOBS.nudge);
    const local = localTime(planned ?? new Date(Number.NaN), "Europe/London");
    expect(local.hour).toBeGreaterThanOrEqual(9);
    expect(local.hour).toBeLessThan(17);
    expect(["Sat", "Sun"]).not.toContain(local.weekday);
    expect(await plannedAt(FOLLOW_UP_JOBS.expire)).toHaveLength(1);

    // A restart: the queue that planned the nudge stops; two new workers on the same database (as
    // two app instances would run) find it, and it is sent once.
    const newQueue = () =>
      createJobQueue(database.handle.jobs, {
        pollingIntervalSeconds: 0.5,
        onError: (error) => {
          throw error;
        },
      });
    const [first, second] = [newQueue(), newQueue()];
    await first.start();
    await second.start();
    await workFollowUps(first, slack.workflow, slack.steps);
    await workFollowUps(second, slack.workflow, slack.steps);
    const nudge = await slack.api.waitFor("chat.postMessage", (args) =>
      /gentle nudge/.test(String(args.text)),
    );
    const [stored] = await database.db.select().from(invitations);
    expect(nudge.args).toMatchObject({ channel: stored?.channelId, thread_ts: stored?.messageTs });
    expect(actionIds(nudge)).toEqual(actionIds(invitation));
    // Once the nudge's job is done, no worker can take it again.
    await slack.settle({ followUps: true });
    expect(
      slack.api.callsTo("chat.postMessage").filter((c) => /gentle nudge/.test(String(c.args.text))),
    ).toHaveLength(1);
    await first.stop();
    await second.stop();
  });
});

describe(`unanswered invitations on ${testEngine}`, () => {
  it("close when due, and the request moves on to the next champion", async () => {
    await start(10, { nudgeAfterHours: 1, expireAfterHours: 1 });
    await inviteDana();
    await workFollowUps(slack.jobs, slack.workflow, slack.steps);
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /didn't answer in time/.test(String(args.text)),
    );
    const next = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /New proposal:/.test(String(args.text)),
    );
    expect(next.args.text).not.toContain("Dana");
    const [stored] = await database.db.select().from(invitations);
    expect(stored?.status).toBe("expired");
  });

  it("do nothing once the champion has answered", async () => {
    await start(10, { nudgeAfterHours: 1, expireAfterHours: 1 });
    const invitation = await inviteDana();
    const [accept] = actionIds(invitation) as [string];
    await slack.action({ userId: "U0DANA", actionId: accept, channelId: "DU0DANA" });
    await slack.api.waitFor("chat.postMessage", (args) => /Dana Whitfield accepted/.test(String(args.text)));
    await workFollowUps(slack.jobs, slack.workflow, slack.steps);
    // The nudge and the expiry have run (and found the answer) once nothing is due.
    await slack.settle({ followUps: true });
    for (const job of [FOLLOW_UP_JOBS.nudge, FOLLOW_UP_JOBS.expire]) {
      expect((await jobsNamed(job)).map((row) => row.state)).toEqual(["completed"]);
    }
    const texts = slack.api.callsTo("chat.postMessage").map((call) => String(call.args.text));
    expect(texts.filter((text) => /gentle nudge|didn't answer/.test(text))).toEqual([]);
    const [stored] = await database.db.select().from(invitations);
    expect(stored?.status).toBe("accepted");
  });
});

describe(`around an accepted activity on ${testEngine}`, () => {
  it("reminds both, asks each their question once, and records the answers from the right people only", async () => {
    await start(12, { nudgeAfterHours: 24 * 30, expireAfterHours: 24 * 30, dealAskAfterDays: 1 });
    const invitation = await inviteDana();
    const [accept] = actionIds(invitation) as [string];
    await slack.action({ userId: "U0DANA", actionId: accept, channelId: "DU0DANA" });
    const controls = await slack.api.waitFor("chat.postMessage", (args) =>
      actionIds({ args } as never).some((id) => id.startsWith("activity.schedule:")),
    );
    const schedule = actionIds(controls).find((id) => id.startsWith("activity.schedule:")) ?? "";
    const activityId = Number(schedule.split(":")[1]);
    const date = new Date(Date.now() - 10 * DAY_MS).toISOString().slice(0, 10);
    await slack.action({ userId: LEAD, actionId: schedule, selectedDate: date });
    await slack.api.waitFor("chat.postMessage", (args) => /Scheduled for/.test(String(args.text)));
    await slack.settle();

    await workFollowUps(slack.jobs, slack.workflow, slack.steps);
    const posted = (pattern: RegExp, channel: string) =>
      slack.api.waitFor(
        "chat.postMessage",
        (args) => args.channel === channel && pattern.test(String(args.text)),
      );
    // Scheduled: each gets a calendar file in their DM.
    for (const dm of ["DU0DANA", "DU0REP"])
      await slack.api.waitFor(
        "files.completeUploadExternal",
        (args) => args.channel_id === dm && /^For your calendar:/.test(String(args.initial_comment)),
      );
    await posted(/a reminder that your/, "U0DANA");
    await posted(/Reminder: Dana Whitfield's/, "U0REP");
    const happened = await posted(/Did the .* happen\?/, "U0REP");
    const rating = await posted(/How was the/, "U0DANA");
    const deal = await posted(/How did the deal go/, "U0REP");
    await slack.settle({ followUps: true });
    for (const pattern of [
      /a reminder that your/,
      /Did the .* happen\?/,
      /How was the/,
      /How did the deal go/,
    ]) {
      expect(
        slack.api.callsTo("chat.postMessage").filter((c) => pattern.test(String(c.args.text))),
      ).toHaveLength(1);
    }

    // Someone else's rating is refused; the champion's counts.
    const [, , , four] = actionIds(rating) as string[];
    await slack.action({ userId: "U0OMAR", actionId: four ?? "", value: "4", channelId: "DU0OMAR" });
    await slack.api.waitFor("chat.postEphemeral", (args) => /Only the champion/.test(String(args.text)));
    await slack.action({
      userId: "U0DANA",
      actionId: four ?? "",
      value: "4",
      channelId: "DU0DANA",
      messageTs: "9.1",
    });
    await slack.api.waitFor("chat.update", (args) => /rated it 4 out of 5/.test(String(args.text)));

    const [yes] = actionIds(happened) as [string];
    await slack.action({
      userId: "U0REP",
      actionId: yes,
      value: "yes",
      channelId: "DU0REP",
      messageTs: "9.2",
    });
    await slack.api.waitFor("chat.update", (args) => /recorded that it happened/.test(String(args.text)));
    const [won, lost, open] = actionIds(deal) as [string, string, string];
    await slack.action({ userId: "U0OMAR", actionId: lost, value: "lost", channelId: "DU0OMAR" });
    await slack.api.waitFor("chat.postEphemeral", (args) => /Only the rep who asked/.test(String(args.text)));
    await slack.action({
      userId: "U0REP",
      actionId: open,
      value: "open",
      channelId: "DU0REP",
      messageTs: "9.3",
    });
    await slack.api.waitFor("chat.update", (args) => /still open/.test(String(args.text)));

    // Later it is won: the value goes in a form, and the champion hears what their help made possible.
    await slack.action({ userId: "U0REP", actionId: won, value: "won", channelId: "DU0REP" });
    const form = await slack.api.waitFor("views.open", (args) =>
      JSON.stringify(args.view).includes("deal.submit"),
    );
    await slack.submitView({
      userId: "U0REP",
      callbackId: "deal.submit",
      privateMetadata: (form.args.view as { private_metadata: string }).private_metadata,
      values: { value: { value: { type: "number_input", value: "120000" } } },
    });
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === "U0REP" && /Recorded: won/.test(String(args.text)),
    );
    // Dana is spotlight-driven: thanked for the activity when it happened, and again for the win.
    const thanks = await slack.api.waitFor(
      "chat.postMessage",
      (args) =>
        args.channel === "U0DANA" && /Great news, Dana: .* has signed with us/.test(String(args.text)),
    );
    expect(String(thanks.args.text)).not.toMatch(/120,?000/);
    const [stored] = await database.db.select().from(activities).where(eq(activities.id, activityId));
    expect(stored).toMatchObject({ outcome: "completed", held: true, championRating: 4, dealResult: "won" });
    expect(Number(stored?.dealValue)).toBe(120000);
  });
});
