import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { invitations } from "../../src/db/schema";
import { createJobQueue, type JobQueue } from "../../src/jobs/queue";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { FOLLOW_UP_JOBS, queuedFollowUps, workFollowUps } from "../../src/slack/follow-ups";
import { testEngine, useTestDatabase } from "../support/database";
import {
  actionIds,
  LEAD,
  LEADS_CHANNEL,
  startTestSlackApp,
  type TestSlackApp,
  valuesAsPrefilled,
} from "../support/slack-app";

// Timed follow-ups through the real job queue. The app's clock is set days back, so the steps it
// plans from "now" are already due by the database's own clock, or not yet, as each test needs.

const database = useTestDatabase();
const ROSTER = `name,email,slack_user_id,company,title,industry,region,timezone,products,motivations,activities
Dana Whitfield,dana@northwind.example,U0DANA,Northwind Pay,Chief Financial Officer,Fintech,EMEA,Europe/London,Payments API,spotlight,panel;reference_call
Omar Haddad,omar@cedar.example,U0OMAR,Cedar Bank,VP Finance,Banking,EMEA,Europe/Berlin,Payments API,duty,
`;
const DAY_MS = 86_400_000;

let slack: TestSlackApp;
let queue: JobQueue;

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv(ROSTER), "test");
});
afterEach(async () => {
  await queue.stop();
  await slack.settle();
  await slack.stop();
});

async function start(daysBack: number, policy: { nudgeAfterHours: number; expireAfterHours: number }) {
  const clock = () => new Date(Date.now() - daysBack * DAY_MS);
  queue = createJobQueue(database.handle.jobs, {
    pollingIntervalSeconds: 0.5,
    onError: (error) => {
      throw error;
    },
  });
  await queue.start();
  slack = await startTestSlackApp(database.db, { clock, followUps: queuedFollowUps(queue, policy) });
  return clock;
}

async function inviteDana() {
  await slack.command({
    command: "/reference",
    text: "EMEA fintech CFO to talk to Acme, call or panel",
    userId: "U0REP",
  });
  const form = await slack.api.waitFor("views.open");
  const view = form.args.view as { private_metadata: string; blocks: unknown[] };
  await slack.submitView({
    userId: "U0REP",
    callbackId: "request.submit",
    values: valuesAsPrefilled(view),
    privateMetadata: view.private_metadata,
  });
  const proposal = await slack.api.waitFor("chat.postMessage", (args) => args.channel === LEADS_CHANNEL);
  const [approveDana] = actionIds(proposal).filter((id) => id.startsWith("proposal.approve:"));
  await slack.action({ userId: LEAD, actionId: approveDana ?? "" });
  const invitation = await slack.api.waitFor("chat.postMessage", (args) => args.channel === "U0DANA");
  await slack.settle();
  return invitation;
}

/** When pg-boss will run the named job (its own table, read as the app's database sees it). */
async function plannedAt(name: string): Promise<Date[]> {
  const result = await database.db.execute(
    sql`select start_after from refdesk_jobs.job where name = ${name}`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    start_after: Date;
  }[];
  return rows.map((row) => new Date(row.start_after));
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
  it("plans one nudge in the champion's working hours and sends it once, in the invitation's thread", async () => {
    await start(6, { nudgeAfterHours: 48, expireAfterHours: 24 * 30 });
    const invitation = await inviteDana();
    const [planned] = await plannedAt(FOLLOW_UP_JOBS.nudge);
    const local = localTime(planned ?? new Date(Number.NaN), "Europe/London");
    expect(local.hour).toBeGreaterThanOrEqual(9);
    expect(local.hour).toBeLessThan(17);
    expect(["Sat", "Sun"]).not.toContain(local.weekday);
    expect(await plannedAt(FOLLOW_UP_JOBS.expire)).toHaveLength(1);

    await workFollowUps(queue, slack.desk);
    const nudge = await slack.api.waitFor("chat.postMessage", (args) =>
      /gentle nudge/.test(String(args.text)),
    );
    const [stored] = await database.db.select().from(invitations);
    expect(nudge.args).toMatchObject({ channel: stored?.channelId, thread_ts: stored?.messageTs });
    expect(actionIds(nudge)).toEqual(actionIds(invitation));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(
      slack.api.callsTo("chat.postMessage").filter((c) => /gentle nudge/.test(String(c.args.text))),
    ).toHaveLength(1);
  });
});

describe(`unanswered invitations on ${testEngine}`, () => {
  it("close when due, and the request moves on to the next champion", async () => {
    await start(10, { nudgeAfterHours: 1, expireAfterHours: 1 });
    await inviteDana();
    await workFollowUps(queue, slack.desk);
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /didn't answer in time/.test(String(args.text)),
    );
    const next = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /New proposal \(v2\)/.test(String(args.text)),
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
    await workFollowUps(queue, slack.desk);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const texts = slack.api.callsTo("chat.postMessage").map((call) => String(call.args.text));
    expect(texts.filter((text) => /gentle nudge|didn't answer/.test(text))).toEqual([]);
    const [stored] = await database.db.select().from(invitations);
    expect(stored?.status).toBe("accepted");
  });
});
