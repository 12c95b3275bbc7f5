import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { activities } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_OMAR_AND_MEI } from "../support/rosters";
import {
  actionIds,
  approveFirstCandidate,
  hasAction,
  LEAD,
  LEADS_CHANNEL,
  requestThroughForm,
  startTestSlackApp,
  type TestSlackApp,
} from "../support/slack-app";
import { type SmtpStandIn, startSmtp } from "../support/smtp";

// After the invitation email, the rest of the loop reaches a champion without Slack the same way:
// the one nudge, the reminder the day before, and the thanks once it happened. The app's clock is
// set days back, so the follow-ups it plans are already due by the database's clock.

const database = useTestDatabase();
const MEI = "mei@orbit.example";
const DAY_MS = 86_400_000;

let smtp: SmtpStandIn;
let slack: TestSlackApp;

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv(DANA_OMAR_AND_MEI), "test");
  smtp = await startSmtp();
  slack = await startTestSlackApp(database.handle, {
    smtpUrl: smtp.url,
    clock: () => new Date(Date.now() - 12 * DAY_MS),
    followUps: { nudgeAfterHours: 1, expireAfterHours: 24 * 30, dealAskAfterDays: 30 },
  });
});
afterEach(async () => {
  await slack.settle();
  await slack.stop();
  await smtp.close();
});

const toMei = (subject: RegExp) =>
  smtp.waitFor((email) => email.to.includes(MEI) && subject.test(email.subject));

/** A request only Mei fits, approved: resolves with her invitation email. */
async function inviteMei() {
  const proposal = await requestThroughForm(
    slack,
    "APAC retail CTO to talk to Acme about Analytics, reference call",
    "U0REP",
  );
  await approveFirstCandidate(slack, proposal);
  return toMei(/^Acme: would you help/);
}

describe(`email follow-through on ${testEngine}`, () => {
  it("nudges once by email, sends the calendar file, reminds the day before and thanks once it happened", async () => {
    const invitation = await inviteMei();
    const nudge = await toMei(/^Reminder: Acme: would you help with a reference call\?$/);
    expect(nudge.text).toMatch(/^Just a gentle nudge/);
    const accept = /Happy to: (http\S+)/.exec(invitation.text)?.[1] ?? "";
    expect(/Happy to: (http\S+)/.exec(nudge.text)?.[1]).toBe(accept);

    const answered = await fetch(accept, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "choice=accept",
    });
    expect(answered.status).toBe(303);
    const controls = await slack.api.waitFor("chat.postMessage", hasAction("activity.schedule:"));
    const schedule = actionIds(controls).find((id) => id.startsWith("activity.schedule:")) ?? "";
    const activityId = Number(schedule.split(":")[1]);
    const date = new Date(Date.now() - 10 * DAY_MS).toISOString().slice(0, 10);
    await slack.action({ userId: LEAD, actionId: schedule, selectedDate: date });
    // A calendar file each: Mei by email, the rep in their DM.
    const calendar = await toMei(/^Your reference call on /);
    const [ics] = calendar.attachments;
    expect(ics?.filename).toBe(`reference-call-${date}.ics`);
    expect(ics?.contentType).toBe("text/calendar");
    expect(ics?.content).toContain(`DTSTART;VALUE=DATE:${date.replaceAll("-", "")}`);
    expect(ics?.content).toContain("UID:activity-");
    const shared = await slack.api.waitFor("files.completeUploadExternal", (args) =>
      String(args.initial_comment).startsWith("For your calendar: Mei Chen's reference call"),
    );
    expect(shared.args.channel_id).toBe("DU0REP");
    const repFile = slack.api.uploads.at(-1)?.bytes.toString("utf8") ?? "";
    expect(repFile).toContain("SUMMARY:Reference call with Mei Chen for Acme");
    const reminder = await toMei(/^Reminder: your reference call is tomorrow$/);
    expect(reminder.text).toMatch(/^Hi Mei, a reminder that your reference call is tomorrow/);

    // The day after: how was it, by email; a link only preselects, the page's button rates.
    const rating = await toMei(/^How was the reference call\?$/);
    const four = /4: (http\S+)/.exec(rating.text)?.[1] ?? "";
    expect(four).toMatch(/\/answer\/[^/]+\/rating\?rating=4$/);
    const shown = await fetch(four);
    expect(await shown.text()).toContain("You chose <strong>4</strong>");
    const rated = await fetch(four, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "rating=4",
    });
    expect(await rated.text()).toContain("You rated the reference call 4 out of 5.");
    const [row] = await database.db
      .select({ rating: activities.championRating })
      .from(activities)
      .where(eq(activities.id, activityId));
    expect(row?.rating).toBe(4);

    await slack.workflow.complete({ userId: LEAD }, activityId, {
      held: true,
      championRating: 5,
      dealResult: null,
      dealValue: null,
      notes: "",
    });
    const thanks = await toMei(/^Thank you for the reference call$/);
    expect(thanks.text).toMatch(/^Thank you, Mei/);
    await slack.api.waitFor(
      "chat.postMessage",
      (args) =>
        args.channel === LEADS_CHANNEL &&
        /Thanked Mei Chen by email for the reference call/.test(String(args.text)),
    );
    await slack.settle();
    expect(smtp.received.filter((email) => /^Reminder: Acme/.test(email.subject))).toHaveLength(1);
    expect(smtp.received.filter((email) => /^Thank you/.test(email.subject))).toHaveLength(1);
  });

  it("closes an unanswered emailed invitation with a short note, and moves on", async () => {
    await slack.settle();
    await slack.stop();
    slack = await startTestSlackApp(database.handle, {
      smtpUrl: smtp.url,
      clock: () => new Date(Date.now() - 12 * DAY_MS),
      followUps: { nudgeAfterHours: 1, expireAfterHours: 1, dealAskAfterDays: 30 },
    });
    const invitation = await inviteMei();
    const closed = await toMei(/^No action needed: our invitation has closed$/);
    expect(closed.text).toContain("nothing you need to do");
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /Mei Chen didn't answer in time/.test(String(args.text)),
    );
    // The page says so too.
    const page = await fetch(/Happy to: (http\S+)/.exec(invitation.text)?.[1] ?? "");
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This invitation has closed");
  });
});
