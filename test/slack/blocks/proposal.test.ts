import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { RequestStatus } from "../../../src/core/lifecycle";
import {
  leadActivityControls,
  manualAnswerControls,
  proposalMessage,
} from "../../../src/slack/blocks/proposal";
import {
  actionIds,
  activity,
  assertWithinLimits,
  candidate,
  hugeRequestView,
  interactiveElements,
  invitation,
  LEAD,
  optionValues,
  proposal,
  REP,
  requestFields,
  requestView,
} from "./fixtures";

type Json = Record<string, unknown>;

const sectionTexts = (blocks: readonly KnownBlock[]): string =>
  (blocks as unknown as Json[])
    .flatMap((block) => {
      if (block.type === "section" || block.type === "header") return [(block.text as Json).text];
      if (block.type === "context") return (block.elements as Json[]).map((element) => element.text);
      return [];
    })
    .join("\n");

const NOT_PROPOSED: RequestStatus[] = [
  "request",
  "approved",
  "rejected",
  "invited",
  "accepted",
  "declined",
  "expired",
  "scheduled",
  "completed",
  "cancelled",
];

describe("proposalMessage while proposed", () => {
  const message = proposalMessage(requestView(), {});

  it("gives each candidate approve and edit buttons and, with alternatives, a swap menu; one reject at the end", () => {
    expect(actionIds(message.blocks)).toEqual([
      "proposal.approve:101",
      "proposal.compose:101",
      "proposal.swap:101",
      "proposal.approve:102",
      "proposal.compose:102",
      "proposal.approve:103",
      "proposal.compose:103",
      "proposal.swap:103",
      "proposal.reject:7",
    ]);
    const last = message.blocks.at(-1) as unknown as Json;
    expect(last.type).toBe("actions");
    expect((last.elements as Json[]).map((element) => element.action_id)).toEqual(["proposal.reject:7"]);
  });

  it("labels approve buttons with the champion's first name and carries the candidate id", () => {
    const [approve] = interactiveElements(message.blocks);
    expect(approve).toMatchObject({
      type: "button",
      action_id: "proposal.approve:101",
      text: { type: "plain_text", text: "Approve Dana" },
      value: "101",
      style: "primary",
    });
  });

  it("offers the alternatives as the swap menu's options", () => {
    const swap = interactiveElements(message.blocks).find(
      (element) => element.action_id === "proposal.swap:101",
    );
    expect(swap).toMatchObject({ type: "static_select", placeholder: { text: "Swap activity" } });
    expect(optionValues(swap)).toEqual(["reference_call", "webinar"]);
  });

  it("asks for confirmation before rejecting", () => {
    const reject = interactiveElements(message.blocks).find(
      (element) => element.action_id === "proposal.reject:7",
    );
    expect(reject).toMatchObject({ type: "button", style: "danger", text: { text: "Reject" }, value: "7" });
    expect(reject?.confirm).toMatchObject({ confirm: { text: "Reject" }, style: "danger" });
  });

  it("shows the request, who asked, and every candidate with activity, event, score, load, flags and reasons", () => {
    const text = sectionTexts(message.blocks);
    for (const expected of [
      "Acme Payments GmbH",
      "Fintech",
      "enterprise",
      "EMEA",
      "Payments API, Fraud Shield",
      "CFO",
      "reference call, panel",
      "11 Dec 2026",
      "settlement times",
      `Requested by <@${REP}>`,
      "waiting for a lead to approve",
      "Dana Whitfield",
      "Chief Financial Officer, Northwind Bank",
      "panel — Fintech Leaders Panel, 15 Dec 2026",
      "Load 1.3 of 4",
      "near capacity",
      "no Slack ID — a lead will reach out",
      "• Same industry (fintech)",
      "• Uses Payments API",
    ]) {
      expect(text).toContain(expected);
    }
    expect(message.text).toContain("Reference request #42");
    // The matcher's score is internal: the order already ranks the candidates.
    expect(text).not.toContain("Score");
  });

  it("notifies with a sentence: where the request stands, what is next, and who is proposed", () => {
    expect(message.text).toBe(
      "Reference request #42 — Acme Payments GmbH: Proposed — waiting for a lead to approve. Candidates: Dana Whitfield, Chidi Okafor, Ingrid Solberg.",
    );
  });

  it("names the region as the request form does", () => {
    const view = requestView({ fields: requestFields({ region: "NA" }) });
    expect(sectionTexts(proposalMessage(view, {}).blocks)).toContain("*Region:* North America");
  });

  it("shows at most three candidates", () => {
    const many = [101, 102, 103, 104, 105].map((id) => candidate({ id, championName: `Champion ${id}` }));
    const blocks = proposalMessage(requestView({ proposal: proposal({ candidates: many }) }), {}).blocks;
    expect(actionIds(blocks).filter((id) => id.startsWith("proposal.approve"))).toHaveLength(3);
    expect(sectionTexts(blocks)).not.toContain("Champion 104");
  });

  it("escapes user text so it cannot ping a channel", () => {
    const view = requestView({ notes: "ping <!channel> & <@U0EVIL0001>" });
    expect(sectionTexts(proposalMessage(view, {}).blocks)).toContain(
      "&lt;!channel&gt; &amp; &lt;@U0EVIL0001&gt;",
    );
  });
});

describe("proposalMessage after the decision", () => {
  it.each(NOT_PROPOSED)("has no buttons or menus at all when %s", (status) => {
    const view = requestView({
      status,
      lastDecisionBy: LEAD,
      invitation: invitation({ status: status === "declined" || status === "expired" ? status : "invited" }),
      activity: activity(),
    });
    const { blocks } = proposalMessage(view, {});
    expect(interactiveElements(blocks)).toEqual([]);
    expect(sectionTexts(blocks)).toContain("Dana Whitfield");
  });

  const line = (overrides: Parameters<typeof requestView>[0]) =>
    sectionTexts(proposalMessage(requestView({ lastDecisionBy: LEAD, ...overrides }), {}).blocks);

  it("says what happened", () => {
    expect(line({ status: "approved" })).toContain(`Approved by <@${LEAD}>`);
    expect(line({ status: "rejected" })).toContain(`Rejected by <@${LEAD}>`);
    expect(line({ status: "invited", invitation: invitation() })).toContain(
      "Dana Whitfield invited to a panel",
    );
    expect(line({ status: "accepted", invitation: invitation({ status: "accepted" }) })).toContain(
      "Dana Whitfield accepted",
    );
    expect(
      line({ status: "declined", invitation: invitation({ status: "declined", answer: "declined" }) }),
    ).toMatch(/Dana Whitfield declined — proposing the next candidate/);
    expect(
      line({ status: "declined", invitation: invitation({ status: "declined", answer: "later" }) }),
    ).toContain("said not now");
    expect(line({ status: "expired", invitation: invitation({ status: "expired" }) })).toContain(
      "invitation to Dana Whitfield expired",
    );
    expect(line({ status: "scheduled", invitation: invitation(), activity: activity() })).toContain(
      "scheduled for 15 Dec 2026",
    );
    expect(
      line({
        status: "completed",
        activity: activity({ outcome: "completed", held: true, championRating: 5, dealResult: "won" }),
      }),
    ).toContain("Completed — held, champion rated it 5/5, deal won");
    expect(line({ status: "cancelled" })).toContain("Cancelled");
  });

  it("says the next candidate was proposed after a decline, and then offers buttons again", () => {
    const view = requestView({
      status: "proposed",
      invitation: invitation({ status: "declined", answer: "declined" }),
      proposal: proposal({
        id: 8,
        version: 2,
        candidates: [candidate({ id: 201, championName: "Chidi Okafor" })],
      }),
    });
    const { blocks } = proposalMessage(view, {});
    expect(sectionTexts(blocks)).toContain("Dana Whitfield declined — next candidate proposed");
    expect(actionIds(blocks)).toEqual([
      "proposal.approve:201",
      "proposal.compose:201",
      "proposal.swap:201",
      "proposal.reject:8",
    ]);
  });

  it("notes a champion with no Slack ID once invited", () => {
    const view = requestView({ status: "invited", invitation: invitation({ championSlackId: null }) });
    expect(sectionTexts(proposalMessage(view, {}).blocks)).toContain("no Slack ID — a lead will reach out");
  });
});

describe("proposalMessage when nobody fits", () => {
  it("says so, with the exclusions in words", () => {
    const excluded = { over_capacity: 3, paused: 1, prospect_company: 2 };
    for (const view of [
      requestView({ proposal: null, status: "request" }),
      requestView({ proposal: proposal({ candidates: [] }) }),
    ]) {
      const text = sectionTexts(proposalMessage(view, { excluded }).blocks);
      expect(text).toContain("Nobody fits right now");
      expect(text).toContain("3 at capacity");
      expect(text).toContain("1 paused");
      expect(text).toContain("2 work at the prospect");
    }
    const nobody = proposalMessage(requestView({ proposal: proposal({ candidates: [] }) }), { excluded });
    expect(nobody.text).toContain("Nobody fits right now — reject the request, or ask the rep");
    expect(nobody.text).not.toContain("waiting for a lead to approve");
    const blocks = proposalMessage(requestView({ proposal: null, status: "request" }), { excluded }).blocks;
    expect(interactiveElements(blocks)).toEqual([]);
  });
});

describe("proposalMessage limits", () => {
  it.each(["proposed", "invited", "completed"] as const)(
    "stays within Block Kit limits for huge inputs (%s)",
    (status) => {
      const message = proposalMessage(
        hugeRequestView({
          status,
          invitation: invitation({ championName: "Z".repeat(300) }),
          activity: activity(),
        }),
        { excluded: { over_capacity: 12, paused: 3, made_up_reason: 1 } },
      );
      assertWithinLimits(message);
    },
  );
});

describe("leadActivityControls", () => {
  it("offers a date picker and an outcome button once accepted", () => {
    const blocks = leadActivityControls(
      requestView({
        status: "accepted",
        invitation: invitation({ status: "accepted" }),
        activity: activity(),
      }),
    );
    const [picker, button] = interactiveElements(blocks);
    expect(picker).toMatchObject({ type: "datepicker", action_id: "activity.schedule:900" });
    expect(picker?.initial_date).toBeUndefined();
    expect(picker?.placeholder).toMatchObject({ text: "Mark scheduled on…" });
    expect(button).toMatchObject({
      type: "button",
      action_id: "activity.complete:900",
      text: { text: "Record outcome" },
      value: "900",
    });
    assertWithinLimits({ text: "controls", blocks });
  });

  it("shows the scheduled date once scheduled", () => {
    const blocks = leadActivityControls(requestView({ status: "scheduled", activity: activity() }));
    expect(interactiveElements(blocks)[0]?.initial_date).toBe("2026-12-15");
    expect(sectionTexts(blocks)).toContain("15 Dec 2026");
  });

  it.each(["proposed", "invited", "completed", "cancelled"] as const)("is empty when %s", (status) => {
    expect(leadActivityControls(requestView({ status, activity: activity() }))).toEqual([]);
  });

  it("is empty without an activity", () => {
    expect(leadActivityControls(requestView({ status: "accepted", activity: null }))).toEqual([]);
  });
});

describe("manualAnswerControls", () => {
  it("lets a lead record the answer of a champion without Slack", () => {
    const blocks = manualAnswerControls(invitation({ championSlackId: null }));
    const [select] = interactiveElements(blocks);
    expect(select).toMatchObject({ type: "static_select", action_id: "invitation.record:55" });
    expect(optionValues(select)).toEqual(["accepted", "later", "declined"]);
    expect(sectionTexts(blocks)).toContain("Dana Whitfield has no Slack ID");
    expect(sectionTexts(blocks)).toContain("Suggested message: Hi Dana");
    assertWithinLimits({ text: "manual", blocks });
  });

  it("stays within limits for huge names and messages, and disappears once answered", () => {
    const huge = invitation({
      championSlackId: null,
      championName: "N".repeat(300),
      message: "m ".repeat(5000),
    });
    assertWithinLimits({ text: "manual", blocks: manualAnswerControls(huge) });
    expect(manualAnswerControls(invitation({ status: "accepted" }))).toEqual([]);
  });
});

describe("proposalMessage reasons", () => {
  it("keeps whole bullet lines and says how many more there are", () => {
    const reasons = Array.from({ length: 50 }, (_, index) => `Reason ${index}: ${"because ".repeat(30)}`);
    const view = requestView({ proposal: proposal({ candidates: [candidate({ reasons })] }) });
    const text = sectionTexts(proposalMessage(view, {}).blocks);
    expect(text).toContain("• Reason 0:");
    expect(text).toMatch(/_…and \d+ more_/);
    expect(text).not.toContain("Reason 49:");
  });
});
