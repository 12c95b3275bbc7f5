import { WebClient } from "@slack/web-api";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { loadRequestView } from "../../src/db/requests-repository";
import { importChampions } from "../../src/db/roster-repository";
import { activities, champions, gives } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { webGateway } from "../../src/slack/gateway";
import { createImpact } from "../../src/slack/impact";
import { createOutbox } from "../../src/slack/outbox";
import { NOW } from "../support/builders";
import { testEngine, useTestDatabase } from "../support/database";
import {
  actionIds,
  hasAction,
  LEAD,
  LEADS_CHANNEL,
  startTestSlackApp,
  type TestSlackApp,
  valuesAsPrefilled,
} from "../support/slack-app";

const database = useTestDatabase();

// Dana loves the stage, Omar wants a task done and counted, Mei (no Slack ID) wants to learn.
const ROSTER = `name,email,slack_user_id,company,title,industry,region,timezone,products,motivations,activities
Dana Whitfield,dana@northwind.example,U0DANA,Northwind Pay,Chief Financial Officer,Fintech,EMEA,Europe/London,Payments API,spotlight,reference_call
Omar Haddad,omar@cedar.example,U0OMAR,Cedar Bank,VP Finance,Banking,EMEA,Europe/Berlin,Payments API,duty,reference_call
Mei Chen,mei@orbit.example,,Orbit Retail,CTO,Retail,APAC,Asia/Singapore,Analytics,mastery,reference_call
`;
const REP = "U0REP";
const SHOUTOUTS = "C0SHOUT";
const PROSPECT = "Acme";
const DEAL_VALUE = "120000";

let slack: TestSlackApp;

afterEach(async () => {
  await slack.settle();
  await slack.stop();
});

async function start(options: { consent: boolean; shoutoutChannel?: string }) {
  await importChampions(database.db, parseChampionsCsv(ROSTER), "test");
  await database.db.update(champions).set({ publicThanks: options.consent });
  slack = await startTestSlackApp(database.handle, {
    ...(options.shoutoutChannel ? { shoutoutChannel: options.shoutoutChannel } : {}),
  });
}

/**
 * A rep asks, the lead approves `championName`, the champion accepts (or the lead records it for a
 * champion without Slack), and the lead records the outcome through the form. Returns the activity.
 */
async function helpedAndRecorded(
  text: string,
  championName: string,
  outcome: { held: "yes" | "no"; deal: "won" | "open" },
): Promise<number> {
  await slack.command({ command: "/reference", text, userId: REP });
  const opened = await slack.api.waitFor("views.open");
  const form = opened.args.view as { private_metadata: string; blocks: unknown[] };
  await slack.submitView({
    userId: REP,
    callbackId: "request.submit",
    values: valuesAsPrefilled(form),
    privateMetadata: form.private_metadata,
  });
  await slack.api.waitFor("chat.postMessage", (args) => hasAction("proposal.approve:")(args));
  const proposed = await loadRequestView(database.db, 1);
  const candidate = proposed?.proposal?.candidates.find((c) => c.championName === championName);
  expect(candidate).toBeDefined();
  await slack.action({ userId: LEAD, actionId: `proposal.approve:${candidate?.id}` });

  if (candidate?.championSlackId) {
    const invitation = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === candidate.championSlackId && hasAction("invitation.accept:")(args),
    );
    const [accept] = actionIds(invitation);
    await slack.action({ userId: candidate.championSlackId, actionId: accept ?? "", channelId: "D0DM" });
  } else {
    const reachOut = await slack.api.waitFor("chat.postMessage", hasAction("invitation.record:"));
    const record = actionIds(reachOut).find((id) => id.startsWith("invitation.record:")) ?? "";
    await slack.action({ userId: LEAD, actionId: record, selectedOption: "accepted" });
  }

  const controls = await slack.api.waitFor("chat.postMessage", hasAction("activity.complete:"));
  const complete = actionIds(controls).find((id) => id.startsWith("activity.complete:")) ?? "";
  await slack.action({ userId: LEAD, actionId: complete });
  const modal = await slack.api.waitFor(
    "views.open",
    (args) => (args.view as { callback_id?: string }).callback_id === "activity.outcome",
  );
  await slack.submitView({
    userId: LEAD,
    callbackId: "activity.outcome",
    privateMetadata: (modal.args.view as { private_metadata: string }).private_metadata,
    values: {
      held: { held: { type: "radio_buttons", selected_option: { value: outcome.held } } },
      rating: { rating: { type: "static_select", selected_option: { value: "5" } } },
      deal: { deal: { type: "static_select", selected_option: { value: outcome.deal } } },
      value: { value: { type: "number_input", value: DEAL_VALUE } },
      notes: { notes: { type: "plain_text_input", value: "Great call" } },
    },
  });
  await slack.api.waitFor("chat.postMessage", (args) => /Outcome recorded/.test(String(args.text)));
  return Number(complete.split(":")[1]);
}

const messagesTo = (channel: string) =>
  slack.api.callsTo("chat.postMessage").filter((call) => call.args.channel === channel);

const givesRecorded = () =>
  database.db
    .select({
      kind: gives.kind,
      trigger: gives.trigger,
      description: gives.description,
      givenBy: gives.givenBy,
    })
    .from(gives)
    .orderBy(gives.id);

describe(`the impact loop on ${testEngine}`, () => {
  it("thanks a spotlight champion who agreed to it in public, and again (once) when the deal is won", async () => {
    await start({ consent: true, shoutoutChannel: SHOUTOUTS });
    const activityId = await helpedAndRecorded(
      "Need an EMEA fintech CFO to talk to Acme about Payments API, reference call",
      "Dana Whitfield",
      { held: "yes", deal: "open" },
    );

    const dm = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === "U0DANA" && /went down really well/.test(String(args.text)),
    );
    expect(dm.args.text).toMatch(/public shout-out for it/);
    const shoutout = await slack.api.waitFor("chat.postMessage", (args) => args.channel === SHOUTOUTS);
    expect(shoutout.args.text).toBe(
      "Shout-out to <@U0DANA> for sharing their story with a prospective customer (reference call). Thank you!",
    );
    await slack.api.waitFor(
      "chat.postMessage",
      (args) =>
        args.channel === LEADS_CHANNEL &&
        String(args.text) ===
          `Thanked Dana Whitfield for the reference call, with a shout-out in <#${SHOUTOUTS}>.`,
    );
    expect(await givesRecorded()).toEqual([
      {
        kind: "recognition",
        trigger: "completed",
        description: "a public shout-out for your reference call",
        givenBy: "refdesk",
      },
    ]);

    // Weeks later the rep reports the deal won: the exposed flow thanks once, however often it runs.
    await slack.settle();
    await database.db.update(activities).set({ dealResult: "won" }).where(eq(activities.id, activityId));
    // Its messages are queued on the app's own queue, and delivered by the app's workers.
    const impact = createImpact({
      db: database.db,
      jobs: slack.jobs,
      outbox: createOutbox({
        queue: slack.jobs,
        gateway: webGateway(new WebClient("xoxb-test", { slackApiUrl: slack.api.url })),
        db: database.db,
        clock: () => NOW,
        log: console,
        onDelivered: async () => {},
        onGivenUp: async () => {},
      }),
      shoutoutChannel: SHOUTOUTS,
    });
    const runs = await Promise.all([
      impact.thank(activityId, "deal_won"),
      impact.thank(activityId, "deal_won"),
    ]);
    expect(runs.filter(Boolean)).toHaveLength(1);
    expect(await impact.thank(activityId, "completed")).toBe(false);
    await slack.settle();
    const dms = messagesTo("U0DANA").filter((call) => !actionIds(call).length);
    expect(dms.map((call) => call.args.text)).toEqual([
      dm.args.text,
      "Great news, Dana: the fintech team you spoke with has signed with us, and your reference call was a big part of why. We've given you a public shout-out for it.",
    ]);
    expect(messagesTo(SHOUTOUTS).map((call) => call.args.text)).toEqual([
      shoutout.args.text,
      "Shout-out to <@U0DANA>: their reference call helped a new customer decide to join us. Thank you!",
    ]);
    expect((await givesRecorded()).map((give) => give.trigger)).toEqual(["completed", "deal_won"]);

    // Nothing public, nor anything Dana reads, names the prospect or the deal's value.
    for (const call of [...messagesTo(SHOUTOUTS), ...dms]) {
      expect(String(call.args.text)).not.toContain(PROSPECT);
      expect(String(call.args.text)).not.toMatch(/120/);
    }
  });

  it("keeps the thanks private without consent, crediting the champion by name", async () => {
    await start({ consent: false, shoutoutChannel: SHOUTOUTS });
    await helpedAndRecorded(
      "Need an EMEA fintech CFO to talk to Acme about Payments API, reference call",
      "Dana Whitfield",
      { held: "yes", deal: "open" },
    );
    const dm = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === "U0DANA" && /went down really well/.test(String(args.text)),
    );
    expect(dm.args.text).toBe(
      "Thank you, Dana! Your reference call went down really well. Everyone on the team knows it was you who made it happen. If you'd like a public shout-out next time, just reply here and say so.",
    );
    await slack.settle();
    expect(messagesTo(SHOUTOUTS)).toHaveLength(0);
    expect(await givesRecorded()).toMatchObject([{ kind: "thanks", trigger: "completed" }]);
  });

  it("tells a duty champion crisply that it's done and counted when the outcome says the deal was won", async () => {
    await start({ consent: true });
    await helpedAndRecorded(
      "Need an EMEA banking VP Finance to talk to Acme about Payments API, reference call",
      "Omar Haddad",
      { held: "yes", deal: "won" },
    );
    const dm = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === "U0OMAR" && /Done and counted/.test(String(args.text)),
    );
    expect(dm.args.text).toBe(
      "Done and counted: the deal your reference call supported has closed. Thank you, Omar.",
    );
    await slack.settle();
    expect(
      messagesTo("U0OMAR").filter((call) => /Done and counted/.test(String(call.args.text))),
    ).toHaveLength(1);
    expect(await givesRecorded()).toMatchObject([{ kind: "thanks", trigger: "deal_won" }]);
  });

  it("asks the lead to pass the thanks on to a champion without Slack", async () => {
    await start({ consent: false });
    await helpedAndRecorded(
      "Need an APAC retail CTO to talk to Acme about Analytics, reference call",
      "Mei Chen",
      { held: "yes", deal: "open" },
    );
    const relay = await slack.api.waitFor("chat.postMessage", (args) =>
      /Mei Chen has no Slack ID: please thank them for the reference call yourself/.test(String(args.text)),
    );
    expect(relay.args.channel).toBe(LEADS_CHANNEL);
    expect(relay.args.thread_ts).toBeTruthy();
    expect(relay.args.text).toMatch(/deep-dive with our product experts/);
    expect(await givesRecorded()).toMatchObject([{ kind: "learning", trigger: "completed" }]);
  });

  it("thanks nobody for an activity that did not happen", async () => {
    await start({ consent: true, shoutoutChannel: SHOUTOUTS });
    await helpedAndRecorded(
      "Need an EMEA fintech CFO to talk to Acme about Payments API, reference call",
      "Dana Whitfield",
      { held: "no", deal: "open" },
    );
    await slack.settle();
    expect(messagesTo("U0DANA").filter((call) => actionIds(call).length === 0)).toHaveLength(0);
    expect(messagesTo(SHOUTOUTS)).toHaveLength(0);
    expect(await givesRecorded()).toHaveLength(0);
  });
});
