import { describe, expect, it } from "vitest";
import { ACTIVITY_TYPES, MOTIVATIONS } from "../../src/core/domain";
import { MOTIVATION_FIT, motivationFit, NEUTRAL_FIT } from "../../src/core/motivation";

describe("motivation fit table", () => {
  it("scores every activity for every motivation within 0..1", () => {
    for (const motivation of MOTIVATIONS) {
      for (const activity of ACTIVITY_TYPES) {
        const fit = MOTIVATION_FIT[motivation][activity];
        expect(fit, `${motivation}/${activity}`).toBeGreaterThanOrEqual(0);
        expect(fit, `${motivation}/${activity}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it.each([
    ["spotlight", ["conference_talk", "panel", "webinar", "press_quote"]],
    ["camaraderie", ["peer_event", "panel"]],
    ["duty", ["reference_call", "review", "product_feedback"]],
    ["altruism", ["reference_call", "case_study"]],
    ["voice", ["advisory_board", "product_feedback"]],
    ["mastery", ["advisory_board", "panel", "case_study"]],
  ] as const)("ranks the seeds' activities for %s above the rest", (motivation, favourites) => {
    const others = ACTIVITY_TYPES.filter((a) => !(favourites as readonly string[]).includes(a));
    const worstFavourite = Math.min(...favourites.map((a) => MOTIVATION_FIT[motivation][a]));
    const bestOther = Math.max(...others.map((a) => MOTIVATION_FIT[motivation][a]));
    expect(worstFavourite).toBeGreaterThan(bestOther);
  });

  it("keeps performers away from long case-study interviews", () => {
    expect(MOTIVATION_FIT.spotlight.case_study).toBeLessThan(0.3);
  });

  it("prefers an advisory board to a reference call for people who want a say", () => {
    expect(MOTIVATION_FIT.voice.advisory_board).toBeGreaterThan(MOTIVATION_FIT.voice.reference_call + 0.5);
  });
});

describe("motivationFit", () => {
  it("is neutral when motivations are unknown", () => {
    expect(motivationFit([], "panel")).toBe(NEUTRAL_FIT);
  });

  it("weighs the strongest motivation most", () => {
    const spotlightFirst = motivationFit(["spotlight", "duty"], "panel");
    const dutyFirst = motivationFit(["duty", "spotlight"], "panel");
    expect(spotlightFirst).toBeGreaterThan(dutyFirst);
  });
});
