import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { testEngine, useTestDatabase } from "../support/database";
import {
  actionIds,
  approveFirstCandidate,
  leadsLine,
  requestThroughForm,
  startTestSlackApp,
  type TestSlackApp,
} from "../support/slack-app";
import { type SmtpStandIn, startSmtp } from "../support/smtp";

// A champion at another organisation: Slack refuses the app's DM for that pair, so the invitation
// is posted in the Slack Connect channel shared with their company, addressed to them, with
// buttons only they can use; when that fails too, it goes by email.

const database = useTestDatabase();
const ROSTER = `name,email,slack_user_id,company,title,industry,region,timezone,products,motivations,activities,shared_channel_id
Dana Whitfield,dana@northwind.example,U0DANA,Northwind Pay,Chief Financial Officer,Fintech,EMEA,Europe/London,Payments API,spotlight,panel;reference_call,C0NORTHWIND
Omar Haddad,omar@cedar.example,U0OMAR,Cedar Bank,VP Finance,Banking,EMEA,Europe/Berlin,Payments API,duty,,
`;

let smtp: SmtpStandIn;
let slack: TestSlackApp;

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv(ROSTER), "test");
  smtp = await startSmtp();
  slack = await startTestSlackApp(database.handle, { smtpUrl: smtp.url });
});
afterEach(async () => {
  await slack.settle();
  await slack.stop();
  await smtp.close();
});

async function approveDana() {
  const proposal = await requestThroughForm(
    slack,
    "EMEA fintech CFO to talk to Acme, call or panel",
    "U0REP",
  );
  await approveFirstCandidate(slack, proposal);
}

const thread = (pattern: RegExp) => leadsLine(slack, pattern);

describe(`Slack Connect on ${testEngine}`, () => {
  it("posts the invitation in the shared channel when the DM is refused, and takes only the champion's click", async () => {
    slack.api.failNext("chat.postMessage", { channel: "U0DANA", error: "invalid_user_combination" });
    await approveDana();
    await thread(
      /Slack would not DM Dana Whitfield \(`invalid_user_combination`\), so the invitation is posted for them in <#C0NORTHWIND>/,
    );
    const shared = await slack.api.waitFor("chat.postMessage", (args) => args.channel === "C0NORTHWIND");
    expect(String(shared.args.text)).toMatch(/^<@U0DANA>, this one is for you:/);
    await thread(/Invitation sent to Dana Whitfield in <#C0NORTHWIND>/);
    const [accept] = actionIds(shared).filter((id) => id.startsWith("invitation.accept:"));

    // Someone else in the shared channel clicks: refused privately, nothing recorded.
    await slack.action({ userId: "U0OMAR", actionId: accept ?? "", channelId: "C0NORTHWIND" });
    await slack.api.waitFor(
      "chat.postEphemeral",
      (args) => args.user === "U0OMAR" && /sent to someone else/.test(String(args.text)),
    );
    await slack.action({ userId: "U0DANA", actionId: accept ?? "", channelId: "C0NORTHWIND" });
    await thread(/Dana Whitfield accepted/);
    expect(smtp.received).toHaveLength(0);
    expect(
      slack.takeErrors(/slack_undelivered: invitation to U0DANA .*invalid_user_combination/),
    ).toHaveLength(1);
  });

  it("moves on to email when the shared channel refuses too", async () => {
    slack.api.failNext("chat.postMessage", { channel: "U0DANA", error: "invalid_user_combination" });
    slack.api.failNext("chat.postMessage", { channel: "C0NORTHWIND", error: "not_in_channel" });
    await approveDana();
    await thread(
      /Slack could not deliver the invitation to Dana Whitfield \(`not_in_channel`\), so it goes by email instead/,
    );
    const email = await smtp.waitFor((sent) => sent.to.includes("dana@northwind.example"));
    expect(email.subject).toMatch(/^Acme: would you help/);
    expect(slack.takeErrors(/slack_undelivered: invitation to (U0DANA|C0NORTHWIND) /)).toHaveLength(2);
  });
});
