import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { champions, invitations } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import type { RecognitionReply } from "../../src/slack/recognizer";
import { testEngine, useTestDatabase } from "../support/database";
import { type OpenAiStandIn, startOpenAiStandIn, understandingOn } from "../support/openai-stand-in";
import { DANA_AND_OMAR } from "../support/rosters";
import { BOT_USER_ID, type RecordedCall } from "../support/slack-api";
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

// People as they actually write: requests in channels, answers in their own words, and the lead's
// own words in an invitation.

const database = useTestDatabase();

const ROSTER = DANA_AND_OMAR;
const REP = "U0REP";
const SALES = "C0SALES";
const REQUEST_TEXT = "Does anyone have an EMEA fintech CFO who could talk to Acme about Payments API?";

let slack: TestSlackApp;
let model: OpenAiStandIn | undefined;

async function start(recognitionReply: RecognitionReply = "ephemeral") {
  slack = await startTestSlackApp(database.handle, { recognitionReply });
}

/** The app with the model configured as in production, on a local OpenAI-compatible stand-in. */
async function startWithModel() {
  model = await startOpenAiStandIn();
  const understanding = understandingOn(database.db, model);
  slack = await startTestSlackApp(database.handle, { understanding });
  return model;
}

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv(ROSTER), "test");
});
afterEach(async () => {
  await slack.settle();
  await slack.stop();
  await model?.close();
  model = undefined;
});

const channelMessage = (overrides: Record<string, unknown> = {}) => ({
  type: "message",
  channel: SALES,
  channel_type: "channel",
  user: REP,
  text: REQUEST_TEXT,
  ts: "1700000001.000100",
  ...overrides,
});

const offers = () => slack.api.calls.filter((call) => hasAction("request.open")(call.args));

/** A request through /reference, approved by the lead: Dana holds the invitation. */
async function inviteDana() {
  return approveFirst(
    slack,
    await requestThroughForm(slack, "EMEA fintech CFO to talk to Acme, call or panel", REP),
    "U0DANA",
  );
}

const dm = (text: string) => ({
  type: "message",
  channel: "DU0DANA",
  channel_type: "im",
  user: "U0DANA",
  text,
});

describe(`requests written in a channel, on ${testEngine}`, () => {
  it("offers the author alone to open it, once per message however Slack delivers it", async () => {
    await start();
    await slack.event({ eventId: "Ev1", event: channelMessage() });
    await slack.event({ eventId: "Ev1", event: channelMessage(), retry: 1 });
    await slack.event({ eventId: "Ev2", event: channelMessage() });
    const offer = await slack.api.waitFor("chat.postEphemeral", hasAction("request.open"));
    await slack.settle();
    expect(offers()).toHaveLength(1);
    expect(offer.args).toMatchObject({ channel: SALES, user: REP });
    expect(JSON.stringify(offer.args.blocks)).toContain("Acme");
  });

  it("never answers edits, bots, itself, or messages that are not requests", async () => {
    await start();
    await slack.event({ eventId: "Ev1", event: channelMessage({ subtype: "message_changed" }) });
    await slack.event({ eventId: "Ev2", event: channelMessage({ bot_id: "B0OTHER", ts: "2.0" }) });
    await slack.event({ eventId: "Ev3", event: channelMessage({ user: BOT_USER_ID, ts: "3.0" }) });
    await slack.event({
      eventId: "Ev4",
      event: channelMessage({ text: "anyone seen the Acme reference doc?", ts: "4.0" }),
    });
    await slack.settle();
    expect(offers()).toHaveLength(0);
  });

  it("replies in the thread, naming the author, when configured so", async () => {
    await start("thread");
    await slack.event({ eventId: "Ev1", event: channelMessage() });
    const offer = await slack.api.waitFor("chat.postMessage", hasAction("request.open"));
    expect(offer.args).toMatchObject({ channel: SALES, thread_ts: "1700000001.000100" });
    expect(offer.args.text).toContain(`<@${REP}>`);
  });

  it("stays quiet where a lead turned recognition off, and only leads may", async () => {
    await start();
    await slack.command({
      command: "/advocacy",
      text: "settings recognition off",
      userId: REP,
      channelId: SALES,
    });
    await slack.api.waitFor("chat.postEphemeral", (args) => /Only advocacy leads/.test(String(args.text)));
    await slack.command({
      command: "/advocacy",
      text: "settings recognition off",
      userId: LEAD,
      channelId: SALES,
    });
    await slack.api.waitFor("response_url", (args) => /recognition is \*off\*/.test(String(args.text)));
    await slack.event({ eventId: "Ev1", event: channelMessage() });
    await slack.settle();
    expect(offers()).toHaveLength(0);

    await slack.command({ command: "/advocacy", text: "settings on", userId: LEAD, channelId: SALES });
    await slack.api.waitFor("response_url", (args) => /recognition is \*on\*/.test(String(args.text)));
    await slack.event({ eventId: "Ev2", event: channelMessage({ ts: "5.0" }) });
    await slack.api.waitFor("chat.postEphemeral", hasAction("request.open"));
  });

  it("opens the form with what was understood for the author, and not for anyone else", async () => {
    await start();
    await slack.event({ eventId: "Ev1", event: channelMessage() });
    const offer = await slack.api.waitFor("chat.postEphemeral", hasAction("request.open"));
    const blocks = offer.args.blocks as { elements?: { action_id: string; value: string }[] }[];
    const value = blocks
      .flatMap((block) => block.elements ?? [])
      .find((e) => e.action_id === "request.open")?.value;

    await slack.action({ userId: "U0OTHER", actionId: "request.open", value, channelId: SALES });
    await slack.api.waitFor("chat.postEphemeral", (args) => /This offer is for/.test(String(args.text)));
    expect(slack.api.callsTo("views.open")).toHaveLength(0);

    await slack.action({ userId: REP, actionId: "request.open", value, channelId: SALES });
    const opened = await slack.api.waitFor("views.open");
    const view = opened.args.view as { private_metadata: string; blocks: unknown[] };
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"Acme"');
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      source: "message",
      channelId: SALES,
      messageTs: "1700000001.000100",
    });
  });

  it("takes the offer away when its author says it is not a request", async () => {
    await start();
    const dismiss = { userId: REP, actionId: "request.dismiss", value: REP, channelId: SALES };
    await slack.action({ ...dismiss, userId: "U0OTHER", messageTs: "1700000002.000100" });
    await slack.api.waitFor("chat.postEphemeral", (args) =>
      /Only <@U0REP> can remove/.test(String(args.text)),
    );
    expect(slack.api.callsTo("chat.delete")).toHaveLength(0);

    await slack.action({ ...dismiss, ephemeral: true });
    const removed = await slack.api.waitFor("response_url");
    expect(removed.args).toMatchObject({ delete_original: true });
  });

  it("removes an offer posted in a thread only when Slack shows it is the clicker's offer", async () => {
    await start("thread");
    const proposal = await requestThroughForm(slack, "EMEA fintech CFO to talk to Acme, call or panel", REP);
    await slack.event({ eventId: "EvThread", event: channelMessage() });
    const offer = await slack.api.waitFor("chat.postMessage", hasAction("request.dismiss"));
    await slack.settle();
    const tsOf = (call: RecordedCall) => String(call.answer?.ts);
    const refused = (user: string) =>
      slack.api.waitFor(
        "chat.postEphemeral",
        (args) =>
          args.user === user && /isn't an offer of yours, so I left it where it is/.test(String(args.text)),
      );

    // A forged click naming the leads' proposal, the clicker's own ID on the button: refused.
    const forged = { actionId: "request.dismiss", value: LEAD, userId: LEAD, channelId: LEADS_CHANNEL };
    await slack.action({ ...forged, messageTs: tsOf(proposal) });
    await refused(LEAD);
    // Someone else's offer, with their own ID on the button: refused too.
    await slack.action({
      ...forged,
      value: "U0OTHER",
      userId: "U0OTHER",
      channelId: SALES,
      messageTs: tsOf(offer),
    });
    await refused("U0OTHER");
    await slack.settle();
    expect(slack.api.callsTo("chat.delete")).toHaveLength(0);

    await slack.action({
      userId: REP,
      actionId: "request.dismiss",
      value: REP,
      channelId: SALES,
      messageTs: tsOf(offer),
    });
    const deleted = await slack.api.waitFor("chat.delete");
    expect(deleted.args).toMatchObject({ channel: SALES, ts: tsOf(offer) });
  });
});

describe(`champions answering in their own words, on ${testEngine}`, () => {
  it("reads a yes as an acceptance, keeps the words and confirms in the DM", async () => {
    await start();
    await inviteDana();
    await slack.event({ eventId: "Ev1", event: dm("sure, Tuesday works") });
    const narrated = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /Dana Whitfield accepted/.test(String(args.text)),
    );
    expect(narrated.args.text).toContain("sure, Tuesday works");
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === "U0DANA" && /Thank you/.test(String(args.text)),
    );
    const [stored] = await database.db.select().from(invitations);
    expect(stored).toMatchObject({
      status: "accepted",
      answer: "accepted",
      answerText: "sure, Tuesday works",
    });
  });

  it("reads 'not now, try me in April' as later, resting the champion until then, and asks the next one", async () => {
    await start();
    await inviteDana();
    await slack.event({ eventId: "Ev1", event: dm("not this quarter, try me in April") });
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /New proposal:/.test(String(args.text)),
    );
    const [dana] = await database.db.select().from(champions).where(eq(champions.slackUserId, "U0DANA"));
    expect(dana?.restUntil).toMatch(/^2027-04-01$/);
    const [stored] = await database.db.select().from(invitations);
    expect(stored).toMatchObject({ status: "declined", answer: "later" });
  });

  it("answers an unclear reply with a short question and the three answers again", async () => {
    await start();
    const invitation = await inviteDana();
    await slack.event({ eventId: "Ev1", event: dm("hmm") });
    const clarify = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === "U0DANA" && /couldn't tell/.test(String(args.text)),
    );
    expect(actionIds(clarify)).toEqual(actionIds(invitation));
    const [stored] = await database.db.select().from(invitations);
    expect(stored?.status).toBe("invited");
  });
});

describe(`the lead's own words in an invitation, on ${testEngine}`, () => {
  it("opens the draft for a lead, and sends exactly what they submit", async () => {
    await start();
    const proposal = await requestThroughForm(slack, "EMEA fintech CFO to talk to Acme, call or panel", REP);
    const [composeDana] = actionIds(proposal).filter((id) => id.startsWith("proposal.compose:"));

    await slack.action({ userId: REP, actionId: composeDana ?? "" });
    await slack.api.waitFor("chat.postEphemeral", (args) => /Only advocacy leads/.test(String(args.text)));

    await slack.action({ userId: LEAD, actionId: composeDana ?? "" });
    const opened = await slack.api.waitFor("views.open", (args) =>
      JSON.stringify(args.view).includes("invitation.compose"),
    );
    const modal = opened.args.view as { private_metadata: string; blocks: { block_id?: string }[] };
    expect(JSON.stringify(modal.blocks)).toContain("Hi Dana");
    const blockId = modal.blocks.find((block) => block.block_id?.startsWith("message:"))?.block_id ?? "";

    const empty = await slack.submitView({
      userId: LEAD,
      callbackId: "invitation.compose",
      values: { [blockId]: { message: { type: "plain_text_input", value: "   " } } },
      privateMetadata: modal.private_metadata,
    });
    expect(await empty.json()).toMatchObject({ response_action: "errors" });

    const words =
      "Dana, it's Priya from the customer team. Would you join our fintech panel? It'd mean a lot.";
    await slack.submitView({
      userId: LEAD,
      callbackId: "invitation.compose",
      values: { [blockId]: { message: { type: "plain_text_input", value: words } } },
      privateMetadata: modal.private_metadata,
    });
    const invitation = await slack.api.waitFor("chat.postMessage", (args) => args.channel === "U0DANA");
    expect(invitation.args.text).toBe(words);
    await slack.settle();
    const [stored] = await database.db.select().from(invitations);
    expect(stored?.message).toBe(words);
  });
});

describe(`with a language model configured, on ${testEngine}`, () => {
  it("shows the template at once, then the model's draft, and never sends the model contact details", async () => {
    const standIn = await startWithModel();
    const drafted =
      "Dana, a fintech CFO wants to hear how you did it. Would you take the stage on our panel?";
    standIn.always({ content: { text: drafted } });
    const proposal = await requestThroughForm(slack, "EMEA fintech CFO to talk to Acme, call or panel", REP);
    const [composeDana] = actionIds(proposal).filter((id) => id.startsWith("proposal.compose:"));
    await slack.action({ userId: LEAD, actionId: composeDana ?? "" });

    const opened = await slack.api.waitFor("views.open", (args) =>
      JSON.stringify(args.view).includes("invitation.compose"),
    );
    expect(JSON.stringify(opened.args.view)).toContain("Hi Dana");
    // The draft is offered beside the box, which keeps whatever the lead has typed meanwhile.
    const updated = await slack.api.waitFor("views.update");
    const offered = updated.args.view as { private_metadata: string; blocks: unknown[] };
    expect(JSON.stringify(offered)).toContain(drafted);
    expect(JSON.stringify(offered)).toContain("message:template");
    expect(JSON.stringify(offered)).not.toContain("message:model");
    const [useDraft] = actionIds({ args: offered } as never).filter((id) =>
      id.startsWith("compose.use_draft:"),
    );

    // The lead chooses it: now it is in the box.
    await slack.send(
      new URLSearchParams({
        payload: JSON.stringify({
          type: "block_actions",
          team: { id: "T0001", domain: "acme" },
          user: { id: LEAD, team_id: "T0001" },
          api_app_id: "A0001",
          trigger_id: "trigger-use-draft",
          container: { type: "view", view_id: "V-compose" },
          view: { id: "V-compose", type: "modal", private_metadata: offered.private_metadata },
          actions: [
            { type: "button", action_id: useDraft ?? "", block_id: "suggestion.use", action_ts: "1.0" },
          ],
        }),
      }).toString(),
      "application/x-www-form-urlencoded",
    );
    const used = await slack.api.waitFor("views.update", (args) =>
      JSON.stringify(args.view).includes("message:model"),
    );
    expect(used.args.view_id).toBe("V-compose");
    expect(JSON.stringify(used.args.view)).toContain(drafted);
    expect(JSON.stringify(used.args.view)).not.toContain("compose.use_draft");

    const draftRequests = standIn.requests.filter((request) => request.raw.includes("invitation"));
    expect(draftRequests.length).toBeGreaterThan(0);
    for (const request of standIn.requests) {
      expect(request.raw).not.toContain("dana@northwind.example");
      expect(request.raw).not.toContain("U0DANA");
    }
  });

  it("sends on approval only text a person could read first: the template, never an unread model draft", async () => {
    const standIn = await startWithModel();
    const drafted =
      "Dana, a fintech CFO wants to hear how you did it. Would you take the stage on our panel?";
    standIn.always({ content: { text: drafted } });
    const proposal = await requestThroughForm(slack, "EMEA fintech CFO to talk to Acme, call or panel", REP);
    const asked = standIn.requests.length;
    // The proposal shows, word for word, what Approve will send.
    const preview = JSON.stringify(proposal.args.blocks).match(
      /On \*Approve\*, Dana Whitfield receives: “(.*?)”/,
    );
    const invitation = await approveFirst(slack, proposal, "U0DANA");
    expect(String(invitation.args.text)).toMatch(/^Hi Dana,/);
    expect(String(invitation.args.text)).not.toContain(drafted);
    expect(preview?.[1]).toBe(String(invitation.args.text));
    await slack.settle();
    // Approving asked the model nothing: its draft is only ever shown in the editor.
    expect(standIn.requests.slice(asked).filter((request) => request.raw.includes("invitation"))).toEqual([]);
  });

  it("reads a champion's reply through the model, with the date it names", async () => {
    const standIn = await startWithModel();
    standIn.always({ status: 500 });
    await inviteDana();
    standIn.reset();
    standIn.answer({ content: { kind: "later", note: null, until: "2027-02-01" } });
    await slack.event({
      eventId: "Ev1",
      event: dm("Slammed with year-end close. Ping me once February starts."),
    });
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEADS_CHANNEL && /said not now/.test(String(args.text)),
    );
    const [dana] = await database.db.select().from(champions).where(eq(champions.slackUserId, "U0DANA"));
    expect(dana?.restUntil).toBe("2027-02-01");
  });

  it("lets the model overrule the rules on whether a message is a request", async () => {
    const standIn = await startWithModel();
    standIn.always({
      content: {
        is_request: false,
        confidence: 0.9,
        request: {
          prospect_company: null,
          industry: null,
          company_size: null,
          region: null,
          products: [],
          persona: null,
          activities: [],
          deadline: null,
        },
      },
    });
    await slack.event({ eventId: "Ev1", event: channelMessage() });
    await slack.settle();
    expect(standIn.requests).toHaveLength(1);
    expect(offers()).toHaveLength(0);
  });
});
