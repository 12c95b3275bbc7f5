import { describe, expect, it } from "vitest";
import type { RequestStatus } from "../../../src/core/lifecycle";
import type { RequestView } from "../../../src/services/request-view";
import { repStatusMessage } from "../../../src/slack/blocks/rep-status";
import {
  activity,
  assertWithinLimits,
  candidates,
  hugeRequestView,
  interactiveElements,
  invitation,
  LEAD,
  requestView,
  visibleText,
} from "./fixtures";

// Everything that could identify a champion. Emails live where a careless builder might print them: the
// champion's own reply, the invitation text, and the company field.
const SECRET_INVITATION = invitation({
  answerText: "Count me in, write to dana.whitfield@northwind.example",
  message: "Hi Dana, would you be up for a panel? (sent to dana.whitfield@northwind.example)",
});
const SECRETS = [
  ...candidates().flatMap((c) => [...c.championName.split(" "), c.championSlackId ?? "", c.company, c.title]),
  "dana.whitfield@northwind.example",
  "@northwind",
].filter((secret) => secret !== "");

const BEFORE_ACCEPTANCE: [RequestStatus, Partial<RequestView>][] = [
  ["request", { proposal: null }],
  ["proposed", {}],
  ["proposed", { invitation: { ...SECRET_INVITATION, status: "declined", answer: "declined" } }],
  ["approved", {}],
  ["rejected", {}],
  ["invited", { invitation: SECRET_INVITATION }],
  ["declined", { invitation: { ...SECRET_INVITATION, status: "declined", answer: "later" } }],
  ["expired", { invitation: { ...SECRET_INVITATION, status: "expired" } }],
  ["cancelled", { invitation: { ...SECRET_INVITATION, status: "cancelled" } }],
];

const status = (status: RequestStatus, overrides: Partial<RequestView> = {}) =>
  repStatusMessage(requestView({ status, lastDecisionBy: LEAD, ...overrides }));

describe("repStatusMessage before the champion accepts", () => {
  it.each(BEFORE_ACCEPTANCE)("reveals nobody when %s", (state, overrides) => {
    const message = status(state, { invitation: SECRET_INVITATION, ...overrides });
    const text = visibleText(message);
    for (const secret of SECRETS) expect(text, `${state} leaks ${secret}`).not.toContain(secret);
  });

  it("describes who was invited by what the rep asked for", () => {
    const message = status("invited", { invitation: SECRET_INVITATION });
    expect(message.text).toContain(
      "A fintech CFO in EMEA has been invited to a panel — Fintech Leaders Panel",
    );
  });

  it("reads sensibly for a request that names no industry, role or region", () => {
    const view = requestView({ status: "invited", invitation: SECRET_INVITATION });
    view.fields = { ...view.fields, industry: null, persona: null, region: null };
    expect(repStatusMessage(view).text).toContain("A customer has been invited");
  });

  it("names the region as the request form does", () => {
    const view = requestView({ status: "approved" });
    view.fields = { ...view.fields, region: "NA" };
    expect(repStatusMessage(view).text).toContain("inviting a fintech CFO in North America");
  });

  it("tells the rep where it stands at each step", () => {
    expect(status("request").text).toContain("looking for the right champion");
    expect(status("proposed").text).toContain("An advocacy lead is reviewing it");
    expect(status("proposed", { proposal: null }).text).toContain(
      "Nobody on the roster fits this right now. The advocacy team knows and will follow up with you.",
    );
    expect(status("approved").text).toContain("inviting a fintech CFO in EMEA");
    expect(status("rejected").text).toContain(`<@${LEAD}> will follow up`);
    expect(status("declined").text).toContain("lining up the next one");
    expect(status("cancelled").text).toContain("cancelled");
  });

  it("has no buttons", () => {
    for (const [state, overrides] of BEFORE_ACCEPTANCE) {
      expect(interactiveElements(status(state, overrides).blocks)).toEqual([]);
    }
  });
});

describe("repStatusMessage after the champion accepts", () => {
  const accepted = invitation({ status: "accepted", answer: "accepted" });

  it("names the champion with a mention and says what happens next", () => {
    const text = status("accepted", { invitation: accepted }).text;
    expect(text).toContain(
      "Dana Whitfield (<@U0DANA0001>) said yes to a panel — Fintech Leaders Panel, 15 Dec 2026",
    );
    // The champion is not in the rep's DM with the app: the rep is sent to a DM with them.
    expect(text).toContain("Next: send <@U0DANA0001> a direct message to agree the details.");
    expect(text).not.toContain("thread");
  });

  it("says a lead makes the intro for a champion without Slack", () => {
    const text = status("accepted", { invitation: { ...accepted, championSlackId: null } }).text;
    expect(text).toContain("Dana Whitfield said yes");
    expect(text).toContain("Next: an advocacy lead will introduce you.");
    expect(text).not.toContain("thread");
  });

  it("shows the date once scheduled, and asks to close the loop once completed", () => {
    const scheduled = status("scheduled", { invitation: accepted, activity: activity() }).text;
    expect(scheduled).toContain("scheduled for 15 Dec 2026");
    expect(scheduled).toContain("send <@U0DANA0001> a direct message with what Dana should know");
    expect(scheduled).not.toContain("thread");
    const done = status("completed", {
      invitation: accepted,
      activity: activity({ outcome: "completed", held: true, championRating: 4, dealResult: "open" }),
    }).text;
    expect(done).toContain("Please thank Dana");
    expect(done).toContain("close the loop");
  });

  it("marks progress", () => {
    const context = JSON.stringify(
      status("scheduled", { invitation: accepted, activity: activity() }).blocks,
    );
    expect(context).toContain("✓ Accepted  ›  *Scheduled*  ›  Done");
  });
});

describe("repStatusMessage limits", () => {
  it.each(["invited", "accepted", "completed"] as const)(
    "stays within limits for huge inputs (%s)",
    (state) => {
      const view = hugeRequestView({
        status: state,
        invitation: invitation({
          status: state === "invited" ? "invited" : "accepted",
          championName: "Q".repeat(300),
          event: { id: 1, name: "E".repeat(300), date: "2026-12-15" },
        }),
        activity: activity({ dealResult: "won" }),
      });
      assertWithinLimits(repStatusMessage(view));
    },
  );
});
