import type { InputBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../../src/core/errors";
import { type OutcomeAnswers, outcomeModal, readOutcomeModal } from "../../../src/slack/blocks/outcome-modal";
import { assertWithinLimits, long, optionValues, stateFromModal } from "./fixtures";

const build = (initial?: Partial<OutcomeAnswers>) =>
  outcomeModal({ activityId: 900, championName: "Dana Whitfield", activity: "panel", initial });

const input = (id: string) =>
  (build().blocks as InputBlock[]).find((block) => block.type === "input" && block.block_id === id);

describe("outcomeModal", () => {
  it("is the activity.outcome modal, carrying the activity id", () => {
    const view = build();
    expect(view.callback_id).toBe("activity.outcome");
    expect(view.private_metadata).toBe("900");
    expect(JSON.stringify(view.blocks[0])).toContain("How did the panel with Dana Whitfield go?");
  });

  it("requires whether it was held and leaves the rest optional", () => {
    expect(input("held")?.optional).not.toBe(true);
    expect(input("held")?.element).toMatchObject({ type: "radio_buttons", action_id: "held" });
    for (const id of ["rating", "deal", "value", "notes"]) {
      expect(input(id)?.optional, id).toBe(true);
      expect(input(id)?.element).toMatchObject({ action_id: id });
    }
  });

  it("offers a 1–5 rating, won/lost/open and a decimal deal value", () => {
    expect(input("rating")?.label.text).toBe("How did the champion find it?");
    const values = (id: string) => optionValues(input(id)?.element as Record<string, unknown> | undefined);
    expect(values("held")).toEqual(["yes", "no"]);
    expect(values("rating").sort()).toEqual(["1", "2", "3", "4", "5"]);
    expect(values("deal")).toEqual(["won", "lost", "open"]);
    expect(input("value")?.element).toMatchObject({ type: "number_input", is_decimal_allowed: true });
  });

  it("stays within limits for a huge name and notes", () => {
    assertWithinLimits(
      outcomeModal({
        activityId: 900,
        championName: long(300),
        activity: "conference_talk",
        initial: { held: true, notes: long(10_000) },
      }),
    );
    assertWithinLimits(build());
  });
});

describe("readOutcomeModal", () => {
  it("round-trips what the modal prefills", () => {
    const answers: OutcomeAnswers[] = [
      { held: true, championRating: 4, dealResult: "won", dealValue: "125000.50", notes: "Great chemistry." },
      { held: false, championRating: null, dealResult: null, dealValue: null, notes: "" },
      { held: true, championRating: 1, dealResult: "open", dealValue: "0", notes: "" },
    ];
    for (const expected of answers)
      expect(readOutcomeModal(stateFromModal(build(expected)))).toEqual(expected);
  });

  it("refuses a submission that does not say whether it took place", () => {
    let error: unknown;
    try {
      readOutcomeModal(stateFromModal(build()));
    } catch (caught) {
      error = caught;
    }
    expect(isAppError(error, "input_invalid")).toBe(true);
    expect(() => readOutcomeModal({})).toThrow(/took place/);
  });

  it("drops values it does not recognise", () => {
    expect(
      readOutcomeModal({
        held: { held: { type: "radio_buttons", selected_option: { value: "no" } } },
        rating: { rating: { type: "static_select", selected_option: { value: "9" } } },
        deal: { deal: { type: "static_select", selected_option: { value: "maybe" } } },
        value: { value: { type: "number_input", value: "-3" } },
        notes: { notes: { type: "plain_text_input", value: "  rescheduled twice  " } },
      }),
    ).toEqual({
      held: false,
      championRating: null,
      dealResult: null,
      dealValue: null,
      notes: "rescheduled twice",
    });
  });
});
