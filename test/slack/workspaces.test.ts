import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { slackInstallations } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { testEngine, useTestDatabase } from "../support/database";
import { COMMUNITY_TEAM, COMMUNITY_TOKEN } from "../support/slack-api";
import {
  actionIds,
  approveFirstCandidate,
  LEAD,
  leadsLine,
  requestThroughForm,
  startTestSlackApp,
  type TestSlackApp,
} from "../support/slack-app";

// Two workspaces on the Slack stand-in: the company's (T0001, its token from the settings) and a
// customer community that installs the app through the OAuth routes. A champion who is in the
// community is invited, nudged and thanked there, with its token; the request, the leads' thread
// and the rep stay in the company's workspace.

const database = useTestDatabase();
const ROSTER = `name,email,slack_user_id,slack_team_id,company,title,industry,region,timezone,products,motivations,activities
Kai Moreno,kai@lumen.example,U0KAI,${COMMUNITY_TEAM},Lumen Pay,Chief Financial Officer,Fintech,EMEA,Europe/Madrid,Payments API,spotlight,reference_call
`;

let slack: TestSlackApp;

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv(ROSTER), "test");
  slack = await startTestSlackApp(database.handle, { oauth: true });
});
afterEach(async () => {
  await slack.settle();
  await slack.stop();
});

/** The community's admin follows the install link, approves on Slack, and lands on the redirect. */
async function installInCommunity(): Promise<Response> {
  const install = await fetch(`${slack.baseUrl}/slack/install`, { redirect: "manual" });
  expect(install.status).toBe(302);
  const authorizeUrl = new URL(install.headers.get("location") ?? "");
  expect(authorizeUrl.searchParams.get("scope")).toBe("chat:write,im:history,im:write");
  const state = authorizeUrl.searchParams.get("state") ?? "";
  const cookie = (install.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return fetch(`${slack.baseUrl}/slack/oauth_redirect?code=from-slack&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
  });
}

const thread = (pattern: RegExp) => leadsLine(slack, pattern);

describe(`more than one workspace on ${testEngine}`, () => {
  it("installs in a community through OAuth, invites the champion there and narrates their answer in the company's thread", async () => {
    const installed = await installInCommunity();
    expect(installed.status).toBe(200);
    expect(await installed.text()).toContain("refdesk is installed in Acme Community");
    const [row] = await database.db.select().from(slackInstallations);
    expect(row).toMatchObject({
      teamId: COMMUNITY_TEAM,
      botToken: COMMUNITY_TOKEN,
      botUserId: "U0BOTCOMMUNITY",
    });

    const proposal = await requestThroughForm(
      slack,
      "EMEA fintech CFO to talk to Acme, reference call",
      "U0REP",
    );
    expect(proposal.token).toBe("xoxb-test");
    await approveFirstCandidate(slack, proposal);

    // The invitation is a DM in the community, sent with the community's token.
    const invitation = await slack.api.waitFor("chat.postMessage", (args) => args.channel === "U0KAI");
    expect(invitation.token).toBe(COMMUNITY_TOKEN);
    await thread(/Invitation sent to Kai Moreno/);

    // Kai answers in words in the community; the app reads it there and answers there.
    await slack.event({
      eventId: "Ev-community-1",
      teamId: COMMUNITY_TEAM,
      event: { type: "message", channel_type: "im", channel: "D0KAI", user: "U0KAI", text: "Happy to help!" },
    });
    const told = await thread(/Kai Moreno accepted: “Happy to help!”/);
    expect(told.token).toBe("xoxb-test");
    const confirmed = await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === "U0KAI" && /Thank you, Kai!/.test(String(args.text)),
    );
    expect(confirmed.token).toBe(COMMUNITY_TOKEN);
    await slack.settle();
    // Every message to the leads and the rep went out with the company's token.
    const company = slack.api.callsTo("chat.postMessage").filter((call) => call.args.channel !== "U0KAI");
    expect(company.map((call) => call.token)).toEqual(company.map(() => "xoxb-test"));
  });

  it("takes only a champion's own answers from the community: no commands, and nobody there is a lead", async () => {
    await installInCommunity();
    const proposal = await requestThroughForm(
      slack,
      "EMEA fintech CFO to talk to Acme, reference call",
      "U0REP",
    );
    const [approve] = actionIds(proposal).filter((id) => id.startsWith("proposal.approve:"));

    // The lead's own user ID, clicking from the community workspace, is not a lead there.
    await slack.action({ userId: LEAD, actionId: approve ?? "", teamId: COMMUNITY_TEAM });
    const refusal = await slack.api.waitFor("chat.postEphemeral", (args) => args.user === LEAD);
    expect(refusal.args.text).toMatch(/company's own Slack workspace only/);
    expect(refusal.token).toBe(COMMUNITY_TOKEN);

    // The invitation's button, clicked by Kai in the community, is taken.
    await slack.action({ userId: LEAD, actionId: approve ?? "" });
    const invitation = await slack.api.waitFor("chat.postMessage", (args) => args.channel === "U0KAI");
    const [accept] = actionIds(invitation).filter((id) => id.startsWith("invitation.accept:"));
    await slack.action({
      userId: "U0KAI",
      actionId: accept ?? "",
      channelId: "D0KAI",
      teamId: COMMUNITY_TEAM,
    });
    await thread(/Kai Moreno accepted/);
  });

  it("refuses a request from a workspace that never installed the app", async () => {
    await slack.action({ userId: "U0KAI", actionId: "invitation.accept:1", teamId: "T0STRANGER" });
    await slack.settle();
    expect(slack.api.calls).toHaveLength(0);
  });
});
