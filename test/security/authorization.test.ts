import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadRequestView } from "../../src/db/requests-repository";
import { findChampion, importChampions } from "../../src/db/roster-repository";
import { channelSettings, programEvents } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { testEngine, useTestDatabase } from "../support/database";
import { startOpenAiStandIn, understandingOn } from "../support/openai-stand-in";
import { DANA_OMAR_AND_MEI } from "../support/rosters";
import type { RecordedCall } from "../support/slack-api";
import {
  actionIds,
  hasAction,
  LEAD,
  LEADS_CHANNEL,
  startTestSlackApp,
  type TestSlackApp,
  valuesAsPrefilled,
} from "../support/slack-app";
import { databaseState, isAnswerTo, shownIn, UNEXPECTED_FAILURE } from "./support";

// Who may do what, through the real app: every action is tried by every kind of person. A refused
// person gets a polite private answer and the database is exactly as it was; the allowed person's
// attempt does what it says.

const database = useTestDatabase();

// Dana (fintech, EMEA) is proposed first for the fintech request; Mei has no Slack ID and is
// proposed first for the retail one.
const ROSTER = DANA_OMAR_AND_MEI;

const ACTORS = {
  lead: LEAD,
  rep: "U0REP",
  otherRep: "U0REP2",
  invitee: "U0DANA",
  otherChampion: "U0OMAR",
  stranger: "U0STRANGER",
} as const;
type Actor = keyof typeof ACTORS;
const EVERYONE = Object.keys(ACTORS) as Actor[];
const REP = ACTORS.rep;
const SALES = "C0SALES";

let slack: TestSlackApp;

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv(ROSTER), "test");
  slack = await startTestSlackApp(database.handle);
});
afterEach(async () => {
  await slack.settle();
  await slack.stop();
});

// --- getting the app to where each action can be taken -----------------------------------------

/** The rep asks through /reference and the form as prefilled; resolves with the leads' proposal. */
async function proposed(text = "EMEA fintech CFO to talk to Acme, call or panel"): Promise<string[]> {
  const before = slack.api.callsTo("views.open").length;
  await slack.command({ command: "/reference", text, userId: REP });
  const opened = await slack.api.waitFor("views.open", () => slack.api.callsTo("views.open").length > before);
  const view = opened.args.view as { private_metadata: string; blocks: unknown[] };
  await slack.submitView({
    userId: REP,
    callbackId: "request.submit",
    values: valuesAsPrefilled(view),
    privateMetadata: view.private_metadata,
  });
  const proposal = await slack.api.waitFor(
    "chat.postMessage",
    (args) =>
      args.channel === LEADS_CHANNEL && hasAction("proposal.approve:")(args) && args.text !== undefined,
  );
  await slack.settle();
  return actionIds(proposal);
}

const first = (ids: string[], prefix: string): string => {
  const id = ids.find((candidate) => candidate.startsWith(prefix));
  if (!id) throw new Error(`no ${prefix} in ${ids.join(", ")}`);
  return id;
};

/** Dana, approved by the lead, holds the invitation; resolves with its buttons. */
async function invited(): Promise<string[]> {
  await slack.action({ userId: LEAD, actionId: first(await proposed(), "proposal.approve:") });
  const invitation = await slack.api.waitFor("chat.postMessage", (args) => args.channel === ACTORS.invitee);
  await slack.settle();
  return actionIds(invitation);
}

/** Dana said yes; resolves with the lead's schedule and outcome controls. */
async function accepted(): Promise<string[]> {
  await slack.action({ userId: ACTORS.invitee, actionId: first(await invited(), "invitation.accept:") });
  const controls = await slack.api.waitFor("chat.postMessage", hasAction("activity.schedule:"));
  await slack.settle();
  return actionIds(controls);
}

/** The retail request's first candidate (Mei, no Slack ID) approved: the lead records her answer. */
async function awaitingManualAnswer(): Promise<string> {
  const ids = await proposed("APAC retail CTO who could talk to Acme about Analytics, a call");
  await slack.action({ userId: LEAD, actionId: first(ids, "proposal.approve:") });
  const reachOut = await slack.api.waitFor("chat.postMessage", (args) =>
    /has no Slack ID/.test(String(args.text)),
  );
  await slack.settle();
  return first(actionIds(reachOut), "invitation.record:");
}

/** A request written in a channel by the rep, offered back to them. */
async function offered(): Promise<{ open: string; dismiss: string }> {
  await slack.event({
    eventId: "EvOffer",
    event: {
      type: "message",
      channel: SALES,
      channel_type: "channel",
      user: REP,
      text: "Does anyone have an EMEA fintech CFO who could talk to Acme about Payments API?",
      ts: "1700000001.000100",
    },
  });
  const offer = await slack.api.waitFor("chat.postEphemeral", hasAction("request.open"));
  const buttons = JSON.parse(JSON.stringify(offer.args.blocks)) as {
    elements?: { action_id: string; value: string }[];
  }[];
  const elements = buttons.flatMap((block) => block.elements ?? []);
  const value = (id: string) => elements.find((element) => element.action_id === id)?.value ?? "";
  return { open: value("request.open"), dismiss: value("request.dismiss") };
}

const advocacy = (text: string) => (user: string) =>
  slack.command({ command: "/advocacy", text, userId: user, channelId: LEADS_CHANNEL });

const plainText = (id: string, value: string) => ({ [id]: { [id]: { type: "plain_text_input", value } } });

const newChampionValues = {
  ...plainText("name", "Eve Example"),
  ...plainText("email", "eve@example.com"),
  ...plainText("company", "Example Corp"),
};

const newEventValues = {
  ...plainText("name", "Fintech leaders panel"),
  type: { type: { type: "static_select", selected_option: { value: "panel" } } },
  date: { date: { type: "datepicker", selected_date: "2027-03-12" } },
  slots: { slots: { type: "number_input", value: "3" } },
};

const outcomeValues = {
  held: { held: { type: "radio_buttons", selected_option: { value: "yes" } } },
  rating: { rating: { type: "static_select", selected_option: { value: "5" } } },
  deal: { deal: { type: "static_select", selected_option: { value: "won" } } },
  value: { value: { type: "number_input", value: "120000" } },
  notes: { notes: { type: "plain_text_input", value: "Great call" } },
};

const viewOpened = (callbackId: string) =>
  slack.api.waitFor(
    "views.open",
    (args) => (args.view as { callback_id?: string }).callback_id === callbackId,
  );

const requestStatus = async () => (await loadRequestView(database.db, 1))?.status;

const until = async (check: () => Promise<boolean>, what: string) => {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  throw new Error(`never happened: ${what}`);
};

// --- the matrix -----------------------------------------------------------------------------------

interface Case {
  action: string;
  allowed: readonly Actor[];
  /** Gets the app to where the action can be taken; returns what `attempt` needs. */
  setup: () => Promise<string>;
  attempt: (user: string, target: string) => Promise<Response>;
  /** How a refused person is told; a view submission is refused on the form itself. */
  refusal: RegExp | { formError: RegExp };
  /** Waits until the allowed person's attempt has done what it says. */
  done: (user: string) => Promise<unknown>;
}

const LEADS: readonly Actor[] = ["lead"];

const cases: Case[] = [
  {
    action: "approve a candidate",
    allowed: LEADS,
    setup: async () => first(await proposed(), "proposal.approve:"),
    attempt: (user, id) => slack.action({ userId: user, actionId: id }),
    refusal: /Only advocacy leads can approve/,
    done: () => slack.api.waitFor("chat.postMessage", (args) => args.channel === ACTORS.invitee),
  },
  {
    action: "open the invitation editor",
    allowed: LEADS,
    setup: async () => first(await proposed(), "proposal.compose:"),
    attempt: (user, id) => slack.action({ userId: user, actionId: id }),
    refusal: /Only advocacy leads can approve/,
    done: () => viewOpened("invitation.compose"),
  },
  {
    action: "send an edited invitation",
    allowed: LEADS,
    setup: async () => {
      await slack.action({ userId: LEAD, actionId: first(await proposed(), "proposal.compose:") });
      const view = (await viewOpened("invitation.compose")).args.view as { private_metadata: string };
      return view.private_metadata;
    },
    attempt: (user, metadata) =>
      slack.submitView({
        userId: user,
        callbackId: "invitation.compose",
        privateMetadata: metadata,
        values: {
          message: { message: { type: "plain_text_input", value: "Dana, would you talk to Acme?" } },
        },
      }),
    refusal: { formError: /Only advocacy leads can approve/ },
    done: () =>
      slack.api.waitFor(
        "chat.postMessage",
        (args) =>
          args.channel === ACTORS.invitee && shownIn({ method: "", args }).includes("would you talk to Acme"),
      ),
  },
  {
    action: "swap a candidate's activity",
    allowed: LEADS,
    setup: async () => first(await proposed(), "proposal.swap:"),
    attempt: (user, id) => slack.action({ userId: user, actionId: id, selectedOption: "reference_call" }),
    refusal: /Only advocacy leads can swap/,
    done: () =>
      until(
        async () =>
          (await loadRequestView(database.db, 1))?.proposal?.candidates[0]?.activity === "reference_call",
        "the activity swapped",
      ),
  },
  {
    action: "reject a proposal",
    allowed: LEADS,
    setup: async () => first(await proposed(), "proposal.reject:"),
    attempt: (user, id) => slack.action({ userId: user, actionId: id }),
    refusal: /Only advocacy leads can reject/,
    done: () => until(async () => (await requestStatus()) === "rejected", "the request rejected"),
  },
  {
    action: "answer an invitation by button",
    allowed: ["invitee"],
    setup: async () => first(await invited(), "invitation.accept:"),
    attempt: (user, id) => slack.action({ userId: user, actionId: id, channelId: `D${user}` }),
    refusal: /sent to someone else/,
    done: () => until(async () => (await requestStatus()) === "accepted", "the invitation accepted"),
  },
  {
    action: "answer an invitation in words",
    allowed: ["invitee"],
    setup: async () => {
      await invited();
      return "";
    },
    attempt: (() => {
      let events = 0;
      return (user: string) =>
        slack.event({
          eventId: `EvWords${++events}`,
          event: { type: "message", channel: `D${user}`, channel_type: "im", user, text: "Sure, happy to!" },
        });
    })(),
    refusal: /Nothing is waiting for your answer/,
    done: () => until(async () => (await requestStatus()) === "accepted", "the invitation accepted"),
  },
  {
    action: "record the answer of a champion without Slack",
    allowed: LEADS,
    setup: awaitingManualAnswer,
    attempt: (user, id) => slack.action({ userId: user, actionId: id, selectedOption: "accepted" }),
    refusal: /Only advocacy leads can record an answer/,
    done: () => until(async () => (await requestStatus()) === "accepted", "the answer recorded"),
  },
  {
    action: "mark an activity scheduled",
    allowed: LEADS,
    setup: async () => first(await accepted(), "activity.schedule:"),
    attempt: (user, id) => slack.action({ userId: user, actionId: id, selectedDate: "2026-12-03" }),
    refusal: /Only advocacy leads can schedule/,
    done: () => until(async () => (await requestStatus()) === "scheduled", "the activity scheduled"),
  },
  {
    action: "open the outcome form",
    allowed: LEADS,
    setup: async () => first(await accepted(), "activity.complete:"),
    attempt: (user, id) => slack.action({ userId: user, actionId: id }),
    refusal: /Only advocacy leads can record an outcome/,
    done: () => viewOpened("activity.outcome"),
  },
  {
    // The form is the leads': a forged submission by anyone else records nothing (the rep answers
    // "did it happen?" with its own buttons).
    action: "record an outcome",
    allowed: LEADS,
    setup: async () => {
      await slack.action({ userId: LEAD, actionId: first(await accepted(), "activity.complete:") });
      return ((await viewOpened("activity.outcome")).args.view as { private_metadata: string })
        .private_metadata;
    },
    attempt: (user, metadata) =>
      slack.submitView({
        userId: user,
        callbackId: "activity.outcome",
        privateMetadata: metadata,
        values: outcomeValues,
      }),
    refusal: { formError: /Only advocacy leads can record an outcome/ },
    done: () => until(async () => (await requestStatus()) === "completed", "the outcome recorded"),
  },
  {
    action: "/advocacy roster add",
    allowed: LEADS,
    setup: async () => "",
    attempt: advocacy("roster add"),
    refusal: /Only advocacy leads can use \/advocacy/,
    done: () => viewOpened("champion.submit"),
  },
  {
    action: "/advocacy roster edit",
    allowed: LEADS,
    setup: async () => "",
    attempt: advocacy("roster edit dana@northwind.example"),
    refusal: /Only advocacy leads can use \/advocacy/,
    done: () => viewOpened("champion.submit"),
  },
  {
    action: "submit the champion form",
    allowed: LEADS,
    setup: async () => JSON.stringify({ email: null, channelId: LEADS_CHANNEL }),
    attempt: (user, metadata) =>
      slack.submitView({
        userId: user,
        callbackId: "champion.submit",
        privateMetadata: metadata,
        values: newChampionValues,
      }),
    refusal: { formError: /Only advocacy leads can change the roster/ },
    done: () =>
      until(
        async () => (await findChampion(database.db, { email: "eve@example.com" })) !== null,
        "Eve added",
      ),
  },
  {
    action: "/advocacy pause",
    allowed: LEADS,
    setup: async () => "",
    attempt: advocacy("pause dana@northwind.example"),
    refusal: /Only advocacy leads can use \/advocacy/,
    done: () =>
      until(
        async () =>
          (await findChampion(database.db, { email: "dana@northwind.example" }))?.status === "paused",
        "Dana paused",
      ),
  },
  {
    action: "/advocacy resume",
    allowed: LEADS,
    setup: async () => {
      await advocacy("pause dana@northwind.example")(LEAD);
      await slack.api.waitFor("response_url", (args) => /is paused/.test(String(args.text)));
      return "";
    },
    attempt: advocacy("resume dana@northwind.example"),
    refusal: /Only advocacy leads can use \/advocacy/,
    done: () =>
      until(
        async () =>
          (await findChampion(database.db, { email: "dana@northwind.example" }))?.status === "active",
        "Dana resumed",
      ),
  },
  {
    action: "/advocacy event add",
    allowed: LEADS,
    setup: async () => "",
    attempt: advocacy("event add"),
    refusal: /Only advocacy leads can use \/advocacy/,
    done: () => viewOpened("event.submit"),
  },
  {
    action: "submit the event form",
    allowed: LEADS,
    setup: async () => JSON.stringify({ channelId: LEADS_CHANNEL }),
    attempt: (user, metadata) =>
      slack.submitView({
        userId: user,
        callbackId: "event.submit",
        privateMetadata: metadata,
        values: newEventValues,
      }),
    refusal: { formError: /Only advocacy leads can add events/ },
    done: () =>
      until(async () => (await database.db.select().from(programEvents)).length === 1, "the event added"),
  },
  {
    action: "/advocacy report",
    allowed: LEADS,
    setup: async () => "",
    attempt: advocacy("report"),
    refusal: /Only advocacy leads can use \/advocacy/,
    done: () =>
      slack.api.waitFor(
        "response_url",
        (args) => args.response_type === "ephemeral" && /Program report/.test(JSON.stringify(args.blocks)),
      ),
  },
  {
    action: "/advocacy settings recognition off",
    allowed: LEADS,
    setup: async () => "",
    attempt: advocacy("settings recognition off"),
    refusal: /Only advocacy leads can use \/advocacy/,
    done: () =>
      until(async () => (await database.db.select().from(channelSettings)).length === 1, "the setting saved"),
  },
  {
    action: "/advocacy digest",
    allowed: LEADS,
    setup: async () => "",
    attempt: advocacy("digest"),
    refusal: /Only advocacy leads can use \/advocacy/,
    done: () => slack.api.waitFor("files.completeUploadExternal", undefined, 15_000),
  },
  ...(["home.add_champion", "home.add_event", "home.report"] as const).map(
    (button): Case => ({
      action: `App Home button ${button}`,
      allowed: LEADS,
      setup: async () => button,
      attempt: (user, id) => slack.action({ userId: user, actionId: id }),
      refusal: /Only advocacy leads can use these buttons/,
      done: (user) =>
        button === "home.report"
          ? slack.api.waitFor(
              "chat.postMessage",
              (args) => args.channel === user && /Program report/.test(JSON.stringify(args.blocks)),
            )
          : viewOpened(button === "home.add_champion" ? "champion.submit" : "event.submit"),
    }),
  ),
  {
    action: "open a request from a recognition offer",
    allowed: ["rep"],
    setup: async () => (await offered()).open,
    attempt: (user, value) =>
      slack.action({ userId: user, actionId: "request.open", value, channelId: SALES }),
    refusal: /This offer is for <@U0REP>/,
    done: () => viewOpened("request.submit"),
  },
  {
    action: "dismiss a recognition offer",
    allowed: ["rep"],
    setup: async () => (await offered()).dismiss,
    attempt: (user, value) =>
      slack.action({ userId: user, actionId: "request.dismiss", value, channelId: SALES, ephemeral: true }),
    refusal: /Only <@U0REP> can remove this offer/,
    done: () => slack.api.waitFor("response_url", (args) => args.delete_original === true),
  },
];

describe(`the authorization matrix on ${testEngine}`, () => {
  it.each(cases)("$action: only $allowed", async ({ allowed, setup, attempt, refusal, done }) => {
    const target = await setup();
    for (const actor of EVERYONE.filter((who) => !allowed.includes(who))) {
      const user = ACTORS[actor];
      const before = await databaseState(database.db);
      const answered = slack.api.calls.length;
      const response = await attempt(user, target);
      expect(response.status, actor).toBe(200);
      if (refusal instanceof RegExp) {
        await until(
          async () =>
            slack.api.calls
              .slice(answered)
              .some((call) => isAnswerTo(user, call) && refusal.test(shownIn(call))),
          `${actor} told ${refusal}; calls: ${JSON.stringify(slack.api.calls.slice(answered))}`,
        );
      } else {
        expect(JSON.stringify(await response.json()), actor).toMatch(refusal.formError);
      }
      await slack.settle();
      const madeSince: RecordedCall[] = slack.api.calls.slice(answered);
      expect(
        madeSince.filter((call) => call.method === "views.open"),
        actor,
      ).toEqual([]);
      expect(
        madeSince.filter((call) => UNEXPECTED_FAILURE.test(shownIn(call))),
        actor,
      ).toEqual([]);
      expect(await databaseState(database.db), actor).toEqual(before);
    }
    for (const actor of allowed) {
      const response = await attempt(ACTORS[actor], target);
      expect(response.status).toBe(200);
      await done(ACTORS[actor]);
    }
  });

  it("lets anyone ask for a reference with /reference", async () => {
    for (const [actor, user] of Object.entries(ACTORS)) {
      const before = slack.api.callsTo("views.open").length;
      await slack.command({ command: "/reference", text: "fintech CFO", userId: user });
      const opened = await slack.api.waitFor(
        "views.open",
        () => slack.api.callsTo("views.open").length > before,
      );
      expect((opened.args.view as { callback_id: string }).callback_id, actor).toBe("request.submit");
    }
  });

  it("pages the App Home for everyone, showing the roster to leads only", async () => {
    for (const [actor, user] of Object.entries(ACTORS)) {
      const before = slack.api.callsTo("views.publish").length;
      await slack.action({ userId: user, actionId: "home.page:1" });
      const published = await slack.api.waitFor(
        "views.publish",
        (args) => args.user_id === user && slack.api.callsTo("views.publish").length > before,
      );
      const roster = shownIn(published).includes("Omar Haddad");
      expect(roster, actor).toBe(actor === "lead");
    }
  });
});

// --- contact details ------------------------------------------------------------------------------

const EMAILS = /[\w.+-]+@(northwind|cedar|orbit)\.example/;

describe(`contact details on ${testEngine}`, () => {
  it("never shows a champion's email to a rep or in the leads' proposal, from request to outcome", async () => {
    await proposed();
    await slack.action({
      userId: LEAD,
      actionId: first(await accepted(), "activity.schedule:"),
      selectedDate: "2026-12-03",
    });
    await until(async () => (await requestStatus()) === "scheduled", "scheduled");
    await slack.event({
      eventId: "EvHomeRep",
      event: { type: "app_home_opened", user: REP, channel: `D${REP}`, tab: "home" },
    });
    await slack.api.waitFor("views.publish", (args) => args.user_id === REP);
    await slack.settle();

    const toRep = slack.api.calls.filter(
      (call) =>
        call.args.channel === REP ||
        call.args.user === REP ||
        call.args.user_id === REP ||
        (call.method === "views.open" &&
          (call.args.view as { callback_id?: string }).callback_id === "request.submit"),
    );
    expect(toRep.map((call) => call.method)).toEqual(
      expect.arrayContaining(["chat.postMessage", "chat.update", "views.publish", "views.open"]),
    );
    for (const call of toRep) expect(shownIn(call), call.method).not.toMatch(EMAILS);

    const proposals = slack.api.calls.filter(
      (call) => call.args.channel === LEADS_CHANNEL && hasAction("proposal.approve:")(call.args),
    );
    expect(proposals.length).toBeGreaterThan(0);
    for (const call of proposals) expect(shownIn(call)).not.toMatch(EMAILS);
  });
});

describe(`what reaches the model, on ${testEngine}`, () => {
  it("sends no champion's email or phone number to the OpenAI-compatible server, whatever the step", async () => {
    const privateNotes = "Prefers mornings. Mobile +44 20 7946 0958, private mail dana.private@gmail.com";
    await importChampions(
      database.db,
      parseChampionsCsv(
        `name,email,company,notes\nDana Whitfield,dana@northwind.example,Northwind Pay,"${privateNotes}"\n`,
      ),
      "test",
    );
    const model = await startOpenAiStandIn();
    try {
      // Every model call fails, so each step also runs its fallback: the requests are what matters.
      const understanding = understandingOn(database.db, model);
      // The app from beforeEach is replaced once it is idle (its start-up auth.test answered).
      await slack.settle();
      await slack.stop();
      slack = await startTestSlackApp(database.handle, { understanding });

      await offered();
      await slack.action({ userId: LEAD, actionId: first(await proposed(), "proposal.compose:") });
      await viewOpened("invitation.compose");
      await slack.settle();
      await slack.action({ userId: LEAD, actionId: first(await proposed(), "proposal.approve:") });
      await slack.api.waitFor("chat.postMessage", (args) => args.channel === ACTORS.invitee);
      await slack.event({
        eventId: "EvWordsModel",
        event: {
          type: "message",
          channel: "DU0DANA",
          channel_type: "im",
          user: ACTORS.invitee,
          text: "Maybe; write to me at dana@northwind.example or call +44 20 7946 0958 first",
        },
      });
      await slack.settle();

      const tasks = model.requests.map((request) => request.raw);
      // Recognition, the invitation draft (in the editor; approval sends the template) and the reply all asked.
      expect(tasks.length).toBeGreaterThanOrEqual(3);
      // The champion's own words did reach the model, with the contact details taken out.
      expect(tasks.some((raw) => raw.includes("[email]") && raw.includes("[phone]"))).toBe(true);
      for (const raw of tasks) {
        expect(raw).not.toMatch(EMAILS);
        expect(raw).not.toContain("dana.private@gmail.com");
        expect(raw).not.toMatch(/7946\s?0958/);
      }
    } finally {
      await model.close();
    }
  });
});
