import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ActivityType } from "../../src/core/domain";
import { SURVEY } from "../../src/core/self-service";
import { createRosterSnapshotSource } from "../../src/db/roster-snapshot";
import { auditLog, champions, invitations } from "../../src/db/schema";
import { createMatcher, deterministicParser } from "../../src/services/matcher";
import { NOW, request } from "../support/builders";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_AND_OMAR } from "../support/rosters";
import type { RecordedCall } from "../support/slack-api";
import {
  actionIds,
  approveFirst,
  LEADS_CHANNEL,
  requestThroughForm,
  useSlackApp,
} from "../support/slack-app";

// A champion changing their own settings by DM, through the real app: the roster row changes (with
// its audit entry), the answer says what changed, and the next match sees it.

const database = useTestDatabase();

const ROSTER = DANA_AND_OMAR;
const REP = "U0REP";

const slack = useSlackApp(database, ROSTER);
let events = 0;

/** A DM from `user` to the app, as Slack delivers it. */
async function dm(user: string, text: string): Promise<void> {
  events += 1;
  await slack.event({
    eventId: `EvSelf${events}`,
    event: { type: "message", channel: `D${user}`, channel_type: "im", user, text },
  });
}

/** The app's next DM to `user` whose text matches. */
const answerTo = (user: string, pattern: RegExp): Promise<RecordedCall> =>
  slack.api.waitFor("chat.postMessage", (args) => args.channel === user && pattern.test(String(args.text)));

async function omar() {
  const [row] = await database.db.select().from(champions).where(eq(champions.slackUserId, "U0OMAR"));
  if (!row) throw new Error("Omar vanished");
  return row;
}

/** Matching as the app and the CLI run it: one long-lived snapshot source, checked by revision. */
const matcher = () =>
  createMatcher({
    snapshots: createRosterSnapshotSource(database.db, () => NOW),
    parser: deterministicParser,
    clock: () => NOW,
    defaultCapacity: 4,
  });
const bankingAsk = (activities: ActivityType[]) =>
  request({ industry: "Banking", region: "EMEA", activities });
const omarIn = (proposal: Awaited<ReturnType<ReturnType<typeof matcher>["propose"]>>) =>
  proposal.candidates.find((candidate) => candidate.email === "omar@cedar.example");

/** Answers the survey by clicking the option given for each question, as the buttons carry it. */
async function answerSurvey(user: string, choices: Record<string, string>): Promise<void> {
  for (const [index, question] of SURVEY.entries()) {
    const asked = await slack.api.waitFor(
      "chat.postMessage",
      (args) =>
        args.channel === user &&
        actionIds({ args }).some((id) => id.startsWith(`survey.answer:${question.id}:`)),
    );
    const buttons = (asked.args.blocks as { elements?: { action_id: string; value?: string }[] }[]).flatMap(
      (block) => block.elements ?? [],
    );
    const actionId = `survey.answer:${question.id}:${choices[question.id]}`;
    const button = buttons.find((element) => element.action_id === actionId);
    expect(button, actionId).toBeDefined();
    await slack.action({
      userId: user,
      actionId,
      ...(button?.value ? { value: button.value } : {}),
      channelId: user,
      messageTs: `9.00${index}`,
    });
  }
}

describe(`champion self-service in DM, on ${testEngine}`, () => {
  it("opts out of an activity type, and back in, saying what it means", async () => {
    await dm("U0OMAR", "no more reference calls");
    const answer = await answerTo("U0OMAR", /won't suggest you for reference calls/);
    expect(answer.args.text).toContain("reference calls again");
    // An empty list meant every type: now it is every type but that one.
    expect((await omar()).activities).toHaveLength(10);
    expect((await omar()).activities).not.toContain("reference_call");

    await dm("U0OMAR", "reference calls again");
    await answerTo("U0OMAR", /suggest you for reference calls again/);
    expect((await omar()).activities).toEqual([]);

    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "champion"), eq(auditLog.actor, "U0OMAR")));
    expect(audits).toHaveLength(2);
    expect(audits[0]?.data).toMatchObject({ source: "slack self-service" });
  });

  it("records consent to public thanks, and its withdrawal, only from the champion themselves", async () => {
    const consent = async () =>
      (await database.db.select().from(champions).where(eq(champions.slackUserId, "U0OMAR")))[0]
        ?.publicThanks;
    expect(await consent()).toBe(false);
    await dm("U0OMAR", "a shout-out is fine");
    await answerTo("U0OMAR", /may thank you publicly/);
    expect(await consent()).toBe(true);
    await dm("U0OMAR", "keep it private");
    await answerTo("U0OMAR", /thank you privately, never in public/);
    expect(await consent()).toBe(false);
  });

  it("pauses until a date and comes back, changes the cap, and shows where they stand", async () => {
    await dm("U0OMAR", "pause until March 3");
    await answerTo("U0OMAR", /until 3 Mar 2027/);
    expect(await omar()).toMatchObject({ status: "active", restUntil: "2027-03-03" });

    await dm("U0OMAR", "I'm back");
    await answerTo("U0OMAR", /Welcome back/);
    expect((await omar()).restUntil).toBeNull();

    await dm("U0OMAR", "max 2 asks a quarter");
    await answerTo("U0OMAR", /about 2 asks a quarter at most/);
    expect((await omar()).maxAsksPerQuarter).toBe(2);

    await dm("U0OMAR", "reset my cap");
    await answerTo("U0OMAR", /usual 4 asks a quarter/);
    expect((await omar()).maxAsksPerQuarter).toBeNull();

    await dm("U0OMAR", "help");
    const help = await answerTo("U0OMAR", /what you can tell me/);
    expect(JSON.stringify(help.args.blocks)).toContain("Right now");
    expect(JSON.stringify(help.args.blocks)).toContain("every kind of ask");
  });

  it("tells someone who is not a champion politely, and changes nothing", async () => {
    await dm("U0STRANGER", "no more webinars");
    await answerTo("U0STRANGER", /only keep preferences for champions/);
    // Not a command: the desk's usual answer.
    await dm("U0STRANGER", "hello there");
    await answerTo("U0STRANGER", /Nothing is waiting for your answer/);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.actor, "U0STRANGER"));
    expect(audits).toHaveLength(0);
  });

  it("runs the survey one question at a time and saves the motivations it finds", async () => {
    await dm("U0OMAR", "preferences");
    await answerSurvey("U0OMAR", {
      enjoy: "shape",
      first_yes: "board",
      why: "believe",
      shape_of_ask: "stretch",
      afterwards: "roadmap",
    });
    const summary = await answerTo("U0OMAR", /Thank you! What you care about most/);
    expect(summary.args.text).toContain(
      "a say in the product, helping a peer and learning from other experts",
    );
    expect(summary.args.text).toContain("advisory board seats");
    expect((await omar()).motivations).toEqual(["voice", "altruism", "mastery"]);
    // Each answered question keeps its choice and loses its buttons.
    const updates = slack.api.callsTo("chat.update").filter((call) => call.args.channel === "U0OMAR");
    expect(updates).toHaveLength(5);
    expect(actionIds(updates[0] as RecordedCall)).toEqual([]);
    expect(JSON.stringify(updates[0]?.args.blocks)).toContain("Shaping where the product goes");
  });

  it("changes what matching proposes: opted out, resting, and a new activity after the survey", async () => {
    const match = matcher();
    const calls = bankingAsk(["reference_call"]);
    expect(omarIn(await match.propose(calls, 5))?.activity).toBe("reference_call");

    await dm("U0OMAR", "no more reference calls");
    await answerTo("U0OMAR", /won't suggest you/);
    const optedOut = await match.propose(calls, 5);
    expect(omarIn(optedOut)).toBeUndefined();
    expect(optedOut.excluded.opted_out).toBe(1);

    await dm("U0OMAR", "reference calls again");
    // Not /again/: the opt-out's own answer says how to undo it with that word.
    await answerTo("U0OMAR", /suggest you for reference calls again/);
    const either = bankingAsk(["reference_call", "product_feedback"]);
    // Duty-driven: the time-boxed call.
    expect(omarIn(await match.propose(either, 5))?.activity).toBe("reference_call");

    await dm("U0OMAR", "pause until March 3");
    await answerTo("U0OMAR", /until 3 Mar 2027/);
    const resting = await match.propose(either, 5);
    expect(omarIn(resting)).toBeUndefined();
    expect(resting.excluded.resting).toBe(1);

    await dm("U0OMAR", "I'm back");
    await answerTo("U0OMAR", /Welcome back/);
    await dm("U0OMAR", "preferences");
    await answerSurvey("U0OMAR", {
      enjoy: "shape",
      first_yes: "board",
      why: "believe",
      shape_of_ask: "stretch",
      afterwards: "roadmap",
    });
    await answerTo("U0OMAR", /Thank you!/);
    // Wanting a say in the product: the feedback session now fits him better than the call.
    expect(omarIn(await match.propose(either, 5))?.activity).toBe("product_feedback");
  });
});

describe(`self-service while an invitation waits, on ${testEngine}`, () => {
  async function inviteDana() {
    await approveFirst(
      slack,
      await requestThroughForm(slack, "EMEA fintech CFO to talk to Acme, call or panel", REP),
      "U0DANA",
    );
  }

  it("a pause also answers the invitation not now until that day, and the request moves on", async () => {
    await inviteDana();
    await dm("U0DANA", "pause until March 3");
    const answer = await answerTo("U0DANA", /until 3 Mar 2027/);
    expect(answer.args.text).toContain("not now");
    await slack.api.waitFor(
      "chat.postMessage",
      (args) =>
        args.channel === LEADS_CHANNEL && /said not now \(resting until 3 Mar 2027\)/.test(String(args.text)),
    );
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /New proposal:/.test(String(args.text)),
    );
    const [stored] = await database.db.select().from(invitations);
    expect(stored).toMatchObject({ status: "declined", answer: "later" });
    const [dana] = await database.db.select().from(champions).where(eq(champions.slackUserId, "U0DANA"));
    expect(dana?.restUntil).toBe("2027-03-03");
  });

  /** Dana's invitation's kind of activity, and her other one, in words. */
  async function kinds(): Promise<{ asked: string; other: string }> {
    const [invited] = await database.db.select().from(invitations);
    return invited?.activityType === "panel"
      ? { asked: "panels", other: "reference calls" }
      : { asked: "reference calls", other: "panels" };
  }

  it("opting out of the invitation's kind of activity declines it, in their words, and the request moves on", async () => {
    await inviteDana();
    const { asked } = await kinds();
    await dm("U0DANA", `no more ${asked} please`);
    const answer = await answerTo("U0DANA", new RegExp(`won't suggest you for ${asked}`));
    expect(answer.args.text).toContain("I've also declined the invitation waiting for you");
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /Dana Whitfield declined/.test(String(args.text)),
    );
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /New proposal:|Nobody else fits/.test(String(args.text)),
    );
    const [stored] = await database.db.select().from(invitations);
    expect(stored).toMatchObject({
      status: "declined",
      answer: "declined",
      answerText: `no more ${asked} please`,
    });
  });

  it("opting out of another kind of activity leaves the invitation waiting and says so", async () => {
    await inviteDana();
    const { other } = await kinds();
    await dm("U0DANA", `no more ${other} please`);
    const answer = await answerTo("U0DANA", new RegExp(`won't suggest you for ${other}`));
    expect(answer.args.text).toContain("still waiting for your answer");
    expect((await database.db.select().from(invitations))[0]?.status).toBe("invited");
  });

  it("any other command leaves the invitation waiting and says so", async () => {
    await inviteDana();
    await dm("U0DANA", "max 2 asks a quarter");
    const answer = await answerTo("U0DANA", /about 2 asks a quarter/);
    expect(answer.args.text).toContain("still waiting for your answer");
    const [stored] = await database.db.select().from(invitations);
    expect(stored?.status).toBe("invited");
    // An answer in words is still read as one.
    await dm("U0DANA", "sure, Tuesday works");
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /Dana Whitfield accepted/.test(String(args.text)),
    );
  });
});
