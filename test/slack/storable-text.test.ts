import { describe, expect, it } from "vitest";
import { invitations, referenceRequests } from "../../src/db/schema";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_AND_OMAR } from "../support/rosters";
import { approveFirst, leadsLine, requestThroughForm, useSlackApp } from "../support/slack-app";

// A NUL byte (or another control character) in what someone types is acknowledged like any other
// text, and stored without it: Postgres cannot hold a NUL, and the person must not lose the rest.

const database = useTestDatabase();
const slack = useSlackApp(database, DANA_AND_OMAR);

describe(`text the database cannot hold, on ${testEngine}`, () => {
  it("keeps a request and a reply with a NUL in them, without the NUL", async () => {
    const proposal = await requestThroughForm(
      slack,
      "EMEA fintech CFO\u0000 to talk to Acme\u0007 about Payments API, call or panel",
      "U0REP",
    );
    const [request] = await database.db.select().from(referenceRequests);
    expect(request?.rawText).toBe("EMEA fintech CFO to talk to Acme about Payments API, call or panel");
    expect(slack.api.callsTo("chat.postEphemeral").map((call) => String(call.args.text))).not.toContainEqual(
      expect.stringMatching(/Sorry/),
    );

    await approveFirst(slack, proposal, "U0DANA");
    await slack.event({
      eventId: "Ev-nul-1",
      event: {
        type: "message",
        channel_type: "im",
        channel: "D0DANA",
        user: "U0DANA",
        text: "Happy to\u0000 help",
      },
    });
    await leadsLine(slack, /Dana Whitfield accepted: “Happy to help”/);
    const [invitation] = await database.db.select().from(invitations);
    expect(invitation?.answerText).toBe("Happy to help");
  });
});
