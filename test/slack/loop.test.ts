import { describe, expect, it } from "vitest";
import { loadRequestView } from "../../src/db/requests-repository";
import { auditLog } from "../../src/db/schema";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_OMAR_AND_MEI } from "../support/rosters";
import {
  actionIds,
  hasAction,
  LEAD,
  LEADS_CHANNEL,
  useSlackApp,
  valuesAsPrefilled,
} from "../support/slack-app";

const database = useTestDatabase();

const ROSTER = DANA_OMAR_AND_MEI;
const REP = "U0REP";

const slack = useSlackApp(database, ROSTER);

async function requestThroughModal(text: string) {
  const response = await slack.command({ command: "/reference", text, userId: REP });
  expect(response.status).toBe(200);
  const opened = await slack.api.waitFor("views.open");
  const view = opened.args.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
  expect(view.callback_id).toBe("request.submit");
  const submitted = await slack.submitView({
    userId: REP,
    callbackId: "request.submit",
    values: valuesAsPrefilled(view),
    privateMetadata: view.private_metadata,
  });
  expect(submitted.status).toBe(200);
  return view;
}

describe(`the Slack loop on ${testEngine}`, () => {
  it("runs from /reference to a completed outcome, through a decline, unauthorized clicks and a double click", async () => {
    const view = await requestThroughModal(
      "Need an EMEA fintech CFO to talk to Acme about Payments API, call or panel",
    );
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"Acme"');

    // The rep hears at once; the leads get the proposal with its buttons.
    await slack.api.waitFor("chat.postMessage", (args) => args.channel === REP);
    const proposal = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && hasAction("proposal.approve:")(args),
    );
    const approveIds = actionIds(proposal).filter((id) => id.startsWith("proposal.approve:"));
    expect(approveIds).toHaveLength(3);
    expect(actionIds(proposal)).toContainEqual(expect.stringMatching(/^proposal\.reject:\d+$/));
    expect(String(proposal.args.text)).not.toContain("@northwind.example");
    const [approveDana, approveOmar] = approveIds as [string, string];

    // Someone who is not a lead clicks Approve: told so privately, nothing changes.
    await slack.action({ userId: REP, actionId: approveDana, messageTs: "root" });
    const refusal = await slack.api.waitFor("chat.postEphemeral", (args) => args.user === REP);
    expect(refusal.args.text).toMatch(/Only advocacy leads can approve/);
    expect(slack.api.callsTo("chat.postMessage").filter((c) => c.args.channel === "U0DANA")).toHaveLength(0);

    // The lead approves Dana; a double click (the same payload twice) sends one invitation.
    await slack.action({ userId: LEAD, actionId: approveDana });
    const invitation = await slack.api.waitFor("chat.postMessage", (args) => args.channel === "U0DANA");
    await slack.action({ userId: LEAD, actionId: approveDana });
    await slack.api.waitFor(
      "chat.postEphemeral",
      (args) => args.user === LEAD && /already been handled/.test(String(args.text)),
    );
    expect(slack.api.callsTo("chat.postMessage").filter((c) => c.args.channel === "U0DANA")).toHaveLength(1);
    const invitationActions = actionIds(invitation);
    expect(invitationActions).toEqual([
      expect.stringMatching(/^invitation\.accept:\d+$/),
      expect.stringMatching(/^invitation\.later:\d+$/),
      expect.stringMatching(/^invitation\.decline:\d+$/),
    ]);
    const [, laterDana] = invitationActions as [string, string, string];

    // Only the invited champion's click counts.
    await slack.action({ userId: "U0OMAR", actionId: laterDana, channelId: "DU0OMAR" });
    await slack.api.waitFor(
      "chat.postEphemeral",
      (args) => args.user === "U0OMAR" && /someone else/.test(String(args.text)),
    );

    // Dana says not now: the next candidate is proposed in the thread, Dana is not among them.
    await slack.action({ userId: "U0DANA", actionId: laterDana, channelId: "DU0DANA" });
    const moved = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /New proposal:/.test(String(args.text)),
    );
    expect(moved.args.text).not.toContain("Dana");
    expect(moved.args.thread_ts).toBeTruthy();
    const rootUpdate = await slack.api.waitFor(
      "chat.update",
      (args) => hasAction("proposal.approve:")(args) && !JSON.stringify(args.blocks).includes(approveOmar),
    );
    const [approveNext] = actionIds(rootUpdate).filter((id) => id.startsWith("proposal.approve:"));
    expect(approveNext).toBeDefined();

    // The old proposal's buttons are stale now.
    await slack.action({ userId: LEAD, actionId: approveOmar });
    await slack.api.waitFor(
      "chat.postEphemeral",
      (args) =>
        args.user === LEAD &&
        /already been handled/.test(String(args.text)) &&
        slack.api.callsTo("chat.postEphemeral").filter((c) => c.args.user === LEAD).length >= 2,
    );

    await slack.action({ userId: LEAD, actionId: approveNext ?? "" });
    const omarInvite = await slack.api.waitFor("chat.postMessage", (args) => args.channel === "U0OMAR");
    const [acceptOmar] = actionIds(omarInvite) as [string];
    await slack.action({ userId: "U0OMAR", actionId: acceptOmar, channelId: "DU0OMAR" });

    // Accepted: the rep's status names the champion now; the thread gets the lead's controls.
    await slack.api.waitFor(
      "chat.update",
      (args) => args.channel === REP && String(args.text).includes("Omar"),
    );
    const controls = await slack.api.waitFor("chat.postMessage", (args) =>
      hasAction("activity.schedule:")(args),
    );
    const schedule = actionIds(controls).find((id) => id.startsWith("activity.schedule:")) ?? "";
    const complete = actionIds(controls).find((id) => id.startsWith("activity.complete:")) ?? "";

    await slack.action({ userId: LEAD, actionId: schedule, selectedDate: "2026-12-03" });
    await slack.api.waitFor("chat.postMessage", (args) => /Scheduled for 3 Dec 2026/.test(String(args.text)));

    await slack.action({ userId: LEAD, actionId: complete });
    const outcomeModal = await slack.api.waitFor(
      "views.open",
      (args) => (args.view as { callback_id?: string }).callback_id === "activity.outcome",
    );
    const outcomeView = outcomeModal.args.view as { private_metadata: string };
    await slack.submitView({
      userId: LEAD,
      callbackId: "activity.outcome",
      privateMetadata: outcomeView.private_metadata,
      values: {
        held: { held: { type: "radio_buttons", selected_option: { value: "yes" } } },
        rating: { rating: { type: "static_select", selected_option: { value: "5" } } },
        deal: { deal: { type: "static_select", selected_option: { value: "won" } } },
        value: { value: { type: "number_input", value: "120000" } },
        notes: { notes: { type: "plain_text_input", value: "Great call" } },
      },
    });
    await slack.api.waitFor("chat.postMessage", (args) => /Outcome recorded/.test(String(args.text)));

    const requestId = 1;
    expect(await loadRequestView(database.db, requestId)).toMatchObject({
      status: "completed",
      invitation: { championName: "Omar Haddad", status: "accepted" },
      activity: {
        outcome: "completed",
        held: true,
        championRating: 5,
        dealResult: "won",
        date: "2026-12-03",
      },
    });
    const transitions = (await database.db.select().from(auditLog))
      .filter((row) => row.entityType === "request")
      .map((row) => row.toStatus);
    expect(transitions).toEqual([
      "request",
      "proposed",
      "approved",
      "invited",
      "declined",
      "proposed",
      "approved",
      "invited",
      "accepted",
      "scheduled",
      "completed",
    ]);
  });

  it("keeps the modal open with field errors when the request says nothing to match on", async () => {
    const response = await slack.submitView({
      userId: REP,
      callbackId: "request.submit",
      values: {},
      privateMetadata: JSON.stringify({
        source: "slash_command",
        channelId: "C0SALES",
        messageTs: null,
        rawText: "",
      }),
    });
    expect(await response.json()).toMatchObject({
      response_action: "errors",
      errors: { prospect: expect.any(String) },
    });
    expect(slack.api.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("rejects requests with a bad or stale signature and processes nothing", async () => {
    const body = new URLSearchParams({
      command: "/reference",
      text: "x",
      user_id: REP,
      trigger_id: "t",
    }).toString();
    const forged = await slack.send(body, "application/x-www-form-urlencoded", { signature: "v0=deadbeef" });
    expect(forged.status).toBe(401);
    const stale = await slack.send(body, "application/x-www-form-urlencoded", {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale.status).toBe(401);
    await slack.settle();
    expect(slack.api.callsTo("views.open")).toHaveLength(0);
  });

  it("answers a malformed button payload politely instead of crashing", async () => {
    const response = await slack.action({ userId: LEAD, actionId: "proposal.approve:not-a-number" });
    expect(response.status).toBe(200);
    const answer = await slack.api.waitFor("chat.postEphemeral", (args) => args.user === LEAD);
    expect(answer.args.text).toBe("That button doesn't say what it acts on.");
    expect(slack.api.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("passes a champion's own words to the request's thread once, however often Slack redelivers them", async () => {
    await requestThroughModal("Need an EMEA fintech CFO to talk to Acme, call or panel");
    const proposal = await slack.api.waitFor("chat.postMessage", (args) => args.channel === LEADS_CHANNEL);
    const [approveDana] = actionIds(proposal).filter((id) => id.startsWith("proposal.approve:"));
    await slack.action({ userId: LEAD, actionId: approveDana ?? "" });
    await slack.api.waitFor("chat.postMessage", (args) => args.channel === "U0DANA");

    const dm = {
      type: "message",
      channel: "DU0DANA",
      channel_type: "im",
      user: "U0DANA",
      text: "What would I need to prepare?",
    };
    await slack.event({ eventId: "Ev1", event: dm });
    await slack.event({ eventId: "Ev1", event: dm, retry: 1 });
    await slack.event({ eventId: "Ev2", event: { ...dm, user: "U0STRANGER" } });
    await slack.event({ eventId: "Ev3", event: { ...dm, bot_id: "B0OTHER", subtype: "bot_message" } });
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === "U0DANA" && /passed that on/.test(String(args.text)),
    );
    await slack.settle();
    const forwarded = slack.api
      .callsTo("chat.postMessage")
      .filter((call) => String(call.args.text).includes("What would I need to prepare?"));
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]?.args).toMatchObject({ channel: LEADS_CHANNEL, thread_ts: expect.any(String) });
    expect(forwarded[0]?.args.text).toMatch(/^Dana Whitfield wrote: /);
    // Leads cannot post in Dana's DM with the app: both sides are pointed at a direct message.
    expect(forwarded[0]?.args.text).toContain("Reply to <@U0DANA> by direct message.");
    const thanked = slack.api
      .callsTo("chat.postMessage")
      .find((call) => call.args.channel === "U0DANA" && /passed that on/.test(String(call.args.text)));
    expect(thanked?.args.text).toContain("One of them will send you a direct message.");
  });
});
