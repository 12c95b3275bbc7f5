import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { testEngine, useTestDatabase } from "../support/database";
import type { RecordedCall } from "../support/slack-api";
import {
  actionIds,
  approveFirst,
  LEAD,
  requestThroughForm,
  startTestSlackApp,
  type TestSlackApp,
} from "../support/slack-app";

// The App Home through the real app: Slack says a user opened the tab, the app publishes the view
// for who they are; the lead pages through the roster; a rep never learns who was asked before a yes.

const database = useTestDatabase();

const HEADER =
  "name,email,slack_user_id,company,title,industry,region,products,motivations,activities,max_asks_per_quarter";
const DANA =
  "Dana Whitfield,dana@northwind.example,U0DANA,Northwind Pay,Chief Financial Officer,Fintech,EMEA,Payments API,spotlight;voice,panel;reference_call,3";
/** Enough quiet champions for three roster pages. */
const OTHERS = Array.from(
  { length: 44 },
  (_, index) =>
    `Champion ${String(index + 1).padStart(2, "0")},c${index + 1}@other.example,U0C${index + 1},Other ${index + 1},CTO,Retail,APAC,Analytics,mastery,,`,
);
const REP = "U0REP";

let slack: TestSlackApp;
let events = 0;

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv([HEADER, DANA, ...OTHERS, ""].join("\n")), "test");
  slack = await startTestSlackApp(database.handle);
});
afterEach(async () => {
  await slack.settle();
  await slack.stop();
});

/** Slack telling the app that `user` opened its Home tab; resolves with the view published for them. */
async function openHome(user: string): Promise<RecordedCall> {
  const before = slack.api.callsTo("views.publish").length;
  await slack.event({
    eventId: `EvHome${++events}`,
    event: { type: "app_home_opened", user, channel: `D${user}`, tab: "home" },
  });
  return slack.api.waitFor(
    "views.publish",
    (args) => args.user_id === user && slack.api.callsTo("views.publish").length > before,
  );
}

const viewOf = (call: RecordedCall) => call.args.view as { type: string; blocks: unknown[] };
const shown = (call: RecordedCall): string => JSON.stringify(viewOf(call));
/** The action IDs in a published view. */
const viewActions = (call: RecordedCall): string[] => actionIds({ args: { blocks: viewOf(call).blocks } });

/** The rep asks through /reference and the lead approves Dana: she holds the invitation. */
async function inviteDana(): Promise<RecordedCall> {
  const proposal = await requestThroughForm(slack, "EMEA fintech CFO to talk to Acme, call or panel", REP);
  expect(JSON.stringify(proposal.args.blocks)).toContain("Dana Whitfield");
  const invitation = await approveFirst(slack, proposal, "U0DANA");
  await slack.settle();
  return invitation;
}

describe(`the App Home, on ${testEngine}`, () => {
  it("shows a lead the program: open requests, roster health, events and quick actions", async () => {
    const home = await openHome(LEAD);
    expect(viewOf(home).type).toBe("home");
    expect(home.args.user_id).toBe(LEAD);
    const text = shown(home);
    expect(text).toContain("Reference program");
    expect(text).toContain("45 champions");
    expect(text).toContain("Page 1 of 3");
    expect(text).toContain("asks 0 · gives 0");
    expect(viewActions(home)).toEqual(["home.add_champion", "home.add_event", "home.report", "home.page:2"]);
    expect(viewOf(home).blocks.length).toBeLessThanOrEqual(100);
  });

  it("pages through the roster when the lead clicks Next and Previous", async () => {
    await openHome(LEAD);
    await slack.action({ userId: LEAD, actionId: "home.page:2" });
    const second = await slack.api.waitFor("views.publish", (args) =>
      JSON.stringify(args.view).includes("Page 2 of 3"),
    );
    expect(second.args.user_id).toBe(LEAD);
    expect(viewActions(second).filter((id) => id.startsWith("home.page:"))).toEqual([
      "home.page:1",
      "home.page:3",
    ]);
    expect(shown(second)).toContain("champions 21–40 of 45");

    await slack.action({ userId: LEAD, actionId: "home.page:3" });
    const last = await slack.api.waitFor("views.publish", (args) =>
      JSON.stringify(args.view).includes("Page 3 of 3"),
    );
    expect(viewActions(last).filter((id) => id.startsWith("home.page:"))).toEqual(["home.page:2"]);
  });

  it("never shows the roster to someone who is not a lead, even from a forged page click", async () => {
    await slack.action({ userId: REP, actionId: "home.page:2" });
    const home = await slack.api.waitFor("views.publish", (args) => args.user_id === REP);
    expect(shown(home)).not.toContain("Roster health");
    expect(shown(home)).not.toContain("Champion 01");
    expect(viewActions(home)).toEqual([]);
  });

  it("shows a champion their own page", async () => {
    const home = await openHome("U0DANA");
    const text = shown(home);
    expect(text).toContain("Your advocacy, Dana");
    expect(text).toContain("spotlight-driven, wants a say in the product");
    expect(text).toContain("3 asks a quarter");
    expect(text).not.toContain("Reference program");
  });

  it("welcomes someone with no role and explains /reference", async () => {
    const home = await openHome("U0NEWCOMER");
    expect(shown(home)).toContain("Welcome to refdesk");
    expect(shown(home)).toContain("/reference");
  });

  it("publishes nothing when the Messages tab is opened", async () => {
    await slack.event({
      eventId: "EvMessages",
      event: { type: "app_home_opened", user: REP, tab: "messages" },
    });
    await slack.settle();
    expect(slack.api.callsTo("views.publish")).toEqual([]);
  });

  it("shows a rep where their request stands, and the champion's name only after they accept", async () => {
    const invitation = await inviteDana();

    const before = shown(await openHome(REP));
    expect(before).toContain("Your reference requests");
    expect(before).toContain("waiting for their answer");
    for (const secret of [
      "Dana",
      "Whitfield",
      "U0DANA",
      "dana@northwind.example",
      "northwind",
      "Northwind",
    ]) {
      expect(before, `the rep's Home leaks ${secret}`).not.toContain(secret);
    }

    const accept = actionIds(invitation).find((id) => id.startsWith("invitation.accept:"));
    await slack.action({ userId: "U0DANA", actionId: accept ?? "", channelId: "DU0DANA" });
    await slack.settle();
    const after = shown(await openHome(REP));
    expect(after).toContain("Dana Whitfield (<@U0DANA>) said yes to a panel");
    expect(after).not.toContain("dana@northwind.example");

    // The lead sees the request among the open ones, and Dana sees what she said yes to.
    expect(shown(await openHome(LEAD))).toContain("Accepted, to schedule: *1*");
    expect(shown(await openHome("U0DANA"))).toContain("*Coming up*\\n• ");
  });
});
