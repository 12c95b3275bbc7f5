import { describe, expect, it } from "vitest";
import { invitationAnsweredMessage, invitationMessage } from "../../../src/slack/blocks/invitation";
import { assertWithinLimits, interactiveElements, invitation, long, REP, visibleText } from "./fixtures";

const PITCH = "Hi Dana, would you be up for a speaking slot at Fintech Leaders Panel on 15 Dec 2026?";

const build = (overrides: Partial<Parameters<typeof invitationMessage>[0]> = {}) =>
  invitationMessage({
    invitationId: 55,
    pitch: PITCH,
    activity: "panel",
    event: { name: "Fintech Leaders Panel", date: "2026-12-15" },
    deadline: "2026-12-11",
    ...overrides,
  });

describe("invitationMessage", () => {
  it("has the three answers with their action ids, carrying the invitation id", () => {
    expect(interactiveElements(build().blocks)).toEqual([
      {
        type: "button",
        text: { type: "plain_text", text: "Happy to", emoji: true },
        action_id: "invitation.accept:55",
        value: "55",
        style: "primary",
      },
      {
        type: "button",
        text: { type: "plain_text", text: "Not now", emoji: true },
        action_id: "invitation.later:55",
        value: "55",
      },
      {
        type: "button",
        text: { type: "plain_text", text: "No thanks", emoji: true },
        action_id: "invitation.decline:55",
        value: "55",
      },
    ]);
  });

  it("shows the pitch, the concrete ask, and that they may answer in their own words", () => {
    const message = build();
    const text = visibleText(message);
    expect(message.text).toBe(PITCH);
    expect(text).toContain(PITCH);
    expect(text).toContain("*What:* Panel — Fintech Leaders Panel");
    expect(text).toContain("*When:* 15 Dec 2026");
    expect(text).toContain("reply here in your own words");
  });

  it("asks by the deadline when there is no event", () => {
    const text = visibleText(build({ activity: "reference_call", event: null }));
    expect(text).toContain("*What:* Reference call");
    expect(text).toContain("*When:* by 11 Dec 2026");
  });

  it("stays within limits for a huge pitch and event name", () => {
    assertWithinLimits(build({ pitch: long(10_000), event: { name: long(300), date: "2026-12-15" } }));
  });
});

describe("invitationAnsweredMessage", () => {
  it("has no buttons, whatever the answer", () => {
    for (const view of [
      invitation({ status: "accepted", answer: "accepted" }),
      invitation({ status: "declined", answer: "declined" }),
      invitation({ status: "declined", answer: "later" }),
      invitation({ status: "expired" }),
      invitation({ status: "cancelled" }),
    ]) {
      expect(interactiveElements(invitationAnsweredMessage(view, REP).blocks)).toEqual([]);
    }
  });

  it("thanks them and says what happens next after a yes", () => {
    const message = invitationAnsweredMessage(
      invitation({ status: "accepted", answer: "accepted", answerText: "happy to, but not before March" }),
      REP,
    );
    expect(message.text).toContain("Thank you, Dana!");
    // The rep cannot post in the champion's DM with the app, so the champion is told to expect a DM.
    expect(message.text).toContain(
      `Next: <@${REP}>, who asked for your help, will send you a direct message`,
    );
    expect(message.text).not.toContain("here");
    expect(message.text).toContain("what your help made possible");
    expect(visibleText(message)).toContain("You said: “happy to, but not before March”");
    expect(visibleText(message)).toContain("Fintech Leaders Panel");
  });

  it("respects a no and a not-now", () => {
    expect(
      invitationAnsweredMessage(invitation({ status: "declined", answer: "declined" }), REP).text,
    ).toContain("we won't ask about this one again");
    expect(
      invitationAnsweredMessage(invitation({ status: "declined", answer: "later" }), REP).text,
    ).toContain("check back another time");
    expect(invitationAnsweredMessage(invitation({ status: "expired" }), REP).text).toContain(
      "no action needed",
    );
  });

  it("stays within limits for huge names, messages and replies", () => {
    const view = invitation({
      status: "accepted",
      answer: "accepted",
      championName: long(300),
      message: long(10_000),
      answerText: long(10_000),
      event: { id: 1, name: long(300), date: "2026-12-15" },
    });
    assertWithinLimits(invitationAnsweredMessage(view, REP));
  });
});
