import { describe, expect, it } from "vitest";
import { loadRequestView } from "../../src/db/requests-repository";
import { testEngine, useTestDatabase } from "../support/database";
import { actionIds, LEAD, LEADS_CHANNEL, useSlackApp, valuesAsPrefilled } from "../support/slack-app";

const database = useTestDatabase();

// Mei has no Slack ID and is the only fintech champion: she is proposed first.
const ROSTER = `name,email,slack_user_id,company,title,industry,region,motivations,activities
Mei Chen,mei@orbit.example,,Orbit Pay,CFO,Fintech,EMEA,spotlight,panel;reference_call
Omar Haddad,omar@cedar.example,U0OMAR,Cedar Retail,COO,Retail,APAC,duty,
`;
const REP = "U0REP";

const slack = useSlackApp(database, ROSTER);

async function proposal(text = "EMEA fintech CFO for a call or a panel"): Promise<string[]> {
  await slack.command({ command: "/reference", text, userId: REP });
  const opened = await slack.api.waitFor("views.open");
  const view = opened.args.view as { private_metadata: string; blocks: unknown[] };
  await slack.submitView({
    userId: REP,
    callbackId: "request.submit",
    values: valuesAsPrefilled(view),
    privateMetadata: view.private_metadata,
  });
  const posted = await slack.api.waitFor("chat.postMessage", (args) => args.channel === LEADS_CHANNEL);
  return actionIds(posted);
}

describe(`lead actions on ${testEngine}`, () => {
  it("refuses swap and reject from anyone but a lead, and carries them out for a lead", async () => {
    const ids = await proposal();
    const swap = ids.find((id) => id.startsWith("proposal.swap:")) ?? "";
    const reject = ids.find((id) => id.startsWith("proposal.reject:")) ?? "";

    await slack.action({ userId: REP, actionId: swap, selectedOption: "reference_call" });
    await slack.api.waitFor("chat.postEphemeral", (args) =>
      /Only advocacy leads can swap/.test(String(args.text)),
    );
    await slack.action({ userId: REP, actionId: reject });
    await slack.api.waitFor("chat.postEphemeral", (args) =>
      /Only advocacy leads can reject/.test(String(args.text)),
    );
    expect((await loadRequestView(database.db, 1))?.proposal?.candidates[0]?.activity).toBe("panel");

    await slack.action({ userId: LEAD, actionId: swap, selectedOption: "reference_call" });
    await slack.api.waitFor("chat.postMessage", (args) =>
      /swapped the activity to reference call/.test(String(args.text)),
    );
    expect((await loadRequestView(database.db, 1))?.proposal?.candidates[0]?.activity).toBe("reference_call");

    await slack.action({ userId: LEAD, actionId: reject });
    await slack.api.waitFor("chat.postMessage", (args) => /Rejected by/.test(String(args.text)));
    expect((await loadRequestView(database.db, 1))?.status).toBe("rejected");
  });

  it("asks the lead to reach out to a champion without Slack, and lets only a lead record the answer", async () => {
    const ids = await proposal();
    const approveMei = ids.find((id) => id.startsWith("proposal.approve:")) ?? "";
    await slack.action({ userId: LEAD, actionId: approveMei });
    const reachOut = await slack.api.waitFor("chat.postMessage", (args) =>
      /has no Slack ID/.test(String(args.text)),
    );
    expect(reachOut.args.channel).toBe(LEADS_CHANNEL);
    expect(reachOut.args.thread_ts).toBeTruthy();
    const record = actionIds(reachOut).find((id) => id.startsWith("invitation.record:")) ?? "";
    expect(record).not.toBe("");

    await slack.action({ userId: REP, actionId: record, selectedOption: "accepted" });
    await slack.api.waitFor("chat.postEphemeral", (args) =>
      /Only advocacy leads can record/.test(String(args.text)),
    );

    await slack.action({ userId: LEAD, actionId: record, selectedOption: "accepted" });
    await slack.api.waitFor("chat.postMessage", (args) =>
      /Mei Chen accepted \(recorded by/.test(String(args.text)),
    );
    expect(await loadRequestView(database.db, 1)).toMatchObject({
      status: "accepted",
      invitation: { answer: "accepted" },
    });
  });

  it("refuses a forged record-by-hand for a champion who is on Slack: only they answer their invitation", async () => {
    const ids = await proposal("APAC retail COO for a reference call");
    const approveOmar = ids.find((id) => id.startsWith("proposal.approve:")) ?? "";
    await slack.action({ userId: LEAD, actionId: approveOmar });
    await slack.api.waitFor("chat.postMessage", (args) => args.channel === "U0OMAR");
    const invitationId = (await loadRequestView(database.db, 1))?.invitation?.id;

    // The record-by-hand control was never shown for Omar; a lead's forged click is refused.
    await slack.action({
      userId: LEAD,
      actionId: `invitation.record:${invitationId}`,
      selectedOption: "accepted",
    });
    await slack.api.waitFor("chat.postEphemeral", (args) =>
      /on Slack, so their invitation waits for their own answer/.test(String(args.text)),
    );
    expect(await loadRequestView(database.db, 1)).toMatchObject({
      status: "invited",
      invitation: { status: "invited", answer: null },
    });
  });
});
