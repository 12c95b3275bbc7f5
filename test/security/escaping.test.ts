import { describe, expect, it } from "vitest";
import { testEngine, useTestDatabase } from "../support/database";
import type { RecordedCall } from "../support/slack-api";
import {
  actionIds,
  approveFirst,
  LEAD,
  leadsLine,
  requestThroughForm,
  useSlackApp,
} from "../support/slack-app";

// Names and words people wrote, carrying Slack's live formatting (@channel, @here, a disguised
// link, a mention), through the whole loop: whatever the app repeats, in text or in blocks, to
// whomever, reaches Slack escaped, never as a ping or a link.

const database = useTestDatabase();

const HOSTILE = "<!channel> <!here> <https://evil.example|log in here> <@U0EVIL0001>";
const ROSTER = `name,email,slack_user_id,company,title,industry,region,timezone,products,motivations,activities,notes
Dana ${HOSTILE} Whitfield,dana@northwind.example,U0DANA,Northwind ${HOSTILE},CFO ${HOSTILE},Fintech,EMEA,Europe/London,Payments API,spotlight,panel;reference_call,Loves ${HOSTILE}
`;

const slack = useSlackApp(database, ROSTER);

/** What Slack would render from a call: its text, its blocks and its view (not its hidden metadata). */
const rendered = (call: RecordedCall) => {
  const view = call.args.view as { blocks?: unknown; title?: unknown } | undefined;
  return JSON.stringify([
    call.args.text,
    call.args.blocks,
    view?.blocks,
    view?.title,
    call.args.initial_comment,
  ]);
};

const LIVE = [/<!channel>/, /<!here>/, /<https:\/\/evil\.example/, /<@U0EVIL0001>/];

describe(`hostile names and words, end to end, on ${testEngine}`, () => {
  it("reach every message escaped: no ping, no disguised link, no mention", async () => {
    const proposal = await requestThroughForm(
      slack,
      `EMEA fintech CFO to talk to Acme ${HOSTILE}, call or panel`,
      "U0REP",
    );
    const invitation = await approveFirst(slack, proposal, "U0DANA");
    // Her own words, then a yes by button.
    await slack.event({
      eventId: "EvHostile",
      event: {
        type: "message",
        channel: "DU0DANA",
        channel_type: "im",
        user: "U0DANA",
        text: `What would I need to prepare? ${HOSTILE}`,
      },
    });
    await leadsLine(slack, /wrote/);
    const [accept] = actionIds(invitation).filter((id) => id.startsWith("invitation.accept:"));
    await slack.action({ userId: "U0DANA", actionId: accept ?? "", channelId: "DU0DANA" });
    await leadsLine(slack, /accepted/);
    await slack.command({ command: "/advocacy", text: "report", userId: LEAD, channelId: "C0LEADS" });
    await slack.settle();

    const shown = slack.api.calls.filter((call) =>
      [
        "chat.postMessage",
        "chat.update",
        "chat.postEphemeral",
        "views.open",
        "views.update",
        "response_url",
      ].includes(call.method),
    );
    expect(shown.length).toBeGreaterThan(5);
    for (const call of shown) {
      for (const live of LIVE)
        expect(rendered(call), `${call.method} to ${String(call.args.channel)}`).not.toMatch(live);
    }
    // The words are still there, escaped, where the app quotes them.
    expect(shown.some((call) => rendered(call).includes("&lt;!channel&gt;"))).toBe(true);
  });
});
