import { describe, expect, it } from "vitest";
import type { ActivityContext } from "../../../src/db/activity-steps-repository";
import {
  championReminder,
  dealQuestion,
  happenedQuestion,
  ratingQuestion,
  repReminder,
} from "../../../src/slack/blocks/activity-steps";
import { DEAL_CALLBACK, dealValueModal, readDealModal } from "../../../src/slack/blocks/deal-modal";
import { assertWithinLimits, interactiveElements, long } from "./fixtures";

const context = (overrides: Partial<ActivityContext> = {}): ActivityContext => ({
  activityId: 12,
  requestId: 3,
  activity: "panel",
  date: "2026-12-04",
  outcome: "scheduled",
  held: null,
  dealResult: null,
  championId: 7,
  invitationId: 5,
  championName: "Dana Whitfield",
  championSlackId: "U0DANA",
  timezone: "Europe/London",
  repId: "U0REP",
  ...overrides,
});

describe("the messages around an activity", () => {
  it("remind the champion by first name and the rep by full name, with the date", () => {
    expect(championReminder(context()).text).toBe(
      "Hi Dana, a reminder that your panel is tomorrow, 4 Dec 2026. Thank you for doing this!",
    );
    expect(repReminder(context()).text).toContain(
      "Dana Whitfield's panel for your request is tomorrow, 4 Dec 2026",
    );
  });

  it("ask each question with answers whose action_id names the activity, unique in the block", () => {
    const ids = (message: ReturnType<typeof happenedQuestion>) =>
      interactiveElements(message.blocks).map((element) => `${element.action_id}=${element.value}`);
    expect(ids(happenedQuestion(context()))).toEqual([
      "activity.happened:12:yes=yes",
      "activity.happened:12:no=no",
    ]);
    expect(ids(ratingQuestion(context()))).toEqual(
      ["1", "2", "3", "4", "5"].map((n) => `activity.rate:12:${n}=${n}`),
    );
    expect(ids(dealQuestion(context()))).toEqual([
      "activity.deal:12:won=won",
      "activity.deal:12:lost=lost",
      "activity.deal:12:open=open",
    ]);
  });

  it("stay within Block Kit's limits with absurd names, escaped", () => {
    const odd = context({ championName: long(5000, "<Dana & co> ") });
    for (const message of [
      championReminder(odd),
      repReminder(odd),
      happenedQuestion(odd),
      dealQuestion(odd),
    ]) {
      assertWithinLimits(message);
      expect(JSON.stringify(message.blocks)).not.toContain("<Dana");
    }
  });
});

describe("the deal-value form", () => {
  const modal = dealValueModal(12);
  const read = (value: string | null) =>
    readDealModal(modal.private_metadata ?? "", { value: { value: { value } } });

  it("is a modal for that activity, within limits", () => {
    assertWithinLimits(modal);
    expect(modal.callback_id).toBe(DEAL_CALLBACK);
  });

  it("reads a plain amount, or none", () => {
    expect(read("120000")).toEqual({ activityId: 12, value: "120000" });
    expect(read(" 99.50 ")).toEqual({ activityId: 12, value: "99.50" });
    expect(read(null)).toEqual({ activityId: 12, value: null });
  });

  it("refuses what is not an amount, with a clear code", () => {
    expect(() => read("12,000 EUR")).toThrow(expect.objectContaining({ code: "input_invalid" }));
    expect(() => readDealModal("{}", {})).toThrow(/without its context/);
  });
});
