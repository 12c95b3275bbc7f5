import { describe, expect, it } from "vitest";
import { addDays } from "../../src/core/dates";
import { ACTIVITY_TYPES, type ActivityType } from "../../src/core/domain";
import {
  type AnswerEntry,
  belief,
  describeAnswers,
  PRIOR_STRENGTH,
  priorYes,
  yesProbabilities,
  yesProbability,
} from "../../src/core/learning";
import { motivationFit } from "../../src/core/motivation";
import { TODAY } from "../support/builders";

const answer = (activityType: ActivityType, kind: AnswerEntry["answer"], daysAgo: number): AnswerEntry => ({
  activityType,
  answer: kind,
  date: addDays(TODAY, -daysAgo),
});

describe("prior from motivations", () => {
  it("centres each activity's yes-probability on the champion's motivation fit", () => {
    for (const activity of ACTIVITY_TYPES) {
      expect(yesProbability(["spotlight", "duty"], activity, [], TODAY)).toBeCloseTo(
        priorYes(motivationFit(["spotlight", "duty"], activity)),
        10,
      );
    }
    expect(yesProbability(["spotlight"], "panel", [], TODAY)).toBeGreaterThan(
      yesProbability(["spotlight"], "case_study", [], TODAY),
    );
  });

  it("keeps every prior between a likely no and a likely yes, never certain", () => {
    expect(priorYes(0)).toBe(0.35);
    expect(priorYes(1)).toBe(0.85);
    expect(yesProbability([], "reference_call", [], TODAY)).toBeCloseTo(0.6, 10);
  });

  it("is worth two answers", () => {
    const { alpha, beta } = belief(0.4, [], "panel", TODAY);
    expect(alpha + beta).toBeCloseTo(PRIOR_STRENGTH, 10);
    expect(alpha / (alpha + beta)).toBeCloseTo(priorYes(0.4), 10);
  });
});

describe("updates from answers", () => {
  const prior = priorYes(motivationFit(["duty"], "panel"));

  it("adds a yes for an acceptance and a no for a decline", () => {
    const accepted = yesProbability(["duty"], "panel", [answer("panel", "accepted", 0)], TODAY);
    const declined = yesProbability(["duty"], "panel", [answer("panel", "declined", 0)], TODAY);
    expect(accepted).toBeCloseTo((2 * prior + 1) / 3, 10);
    expect(declined).toBeCloseTo((2 * prior) / 3, 10);
  });

  it("counts silence (an invitation left to expire) as half a no", () => {
    const before = belief(motivationFit(["duty"], "panel"), [], "panel", TODAY);
    const after = belief(motivationFit(["duty"], "panel"), [answer("panel", "ignored", 0)], "panel", TODAY);
    expect(after.alpha).toBeCloseTo(before.alpha, 10);
    expect(after.beta - before.beta).toBeCloseTo(0.5, 10);
  });

  it("counts 'not now' as half a no", () => {
    const before = belief(motivationFit(["duty"], "panel"), [], "panel", TODAY);
    const after = belief(motivationFit(["duty"], "panel"), [answer("panel", "later", 0)], "panel", TODAY);
    expect(after.alpha).toBeCloseTo(before.alpha, 10);
    expect(after.beta - before.beta).toBeCloseTo(0.5, 10);
  });

  it("learns per activity type: declined calls say nothing about panels", () => {
    const calls = [answer("reference_call", "declined", 3), answer("reference_call", "declined", 10)];
    expect(yesProbability(["duty"], "panel", calls, TODAY)).toBeCloseTo(prior, 10);
    expect(yesProbability(["duty"], "reference_call", calls, TODAY)).toBeLessThan(
      yesProbability(["duty"], "reference_call", [], TODAY),
    );
  });

  it("lets old answers fade on the same quarter-long scale as load", () => {
    const fit = motivationFit(["duty"], "panel");
    const today = belief(fit, [answer("panel", "declined", 0)], "panel", TODAY);
    const quarterAgo = belief(fit, [answer("panel", "declined", 90)], "panel", TODAY);
    const base = belief(fit, [], "panel", TODAY);
    expect(quarterAgo.beta - base.beta).toBeCloseTo((today.beta - base.beta) * Math.exp(-1), 10);
  });

  it("lets a long record outweigh the motivations", () => {
    const declines = Array.from({ length: 10 }, (_, k) => answer("reference_call", "declined", k * 3));
    expect(yesProbability(["duty"], "reference_call", declines, TODAY)).toBeLessThan(0.2);
    const accepts = Array.from({ length: 10 }, (_, k) => answer("case_study", "accepted", k * 3));
    expect(yesProbability(["spotlight"], "case_study", accepts, TODAY)).toBeGreaterThan(0.85);
  });

  it("computes every type at once as matching needs, the same as one at a time", () => {
    const motivations = ["altruism", "voice"] as const;
    const answers = [answer("panel", "accepted", 4), answer("reference_call", "later", 20)];
    const all = yesProbabilities(
      ACTIVITY_TYPES.map((type) => motivationFit(motivations, type)),
      answers,
      TODAY,
    );
    ACTIVITY_TYPES.forEach((type, index) => {
      expect(all[index]).toBeCloseTo(yesProbability(motivations, type, answers, TODAY), 10);
    });
  });
});

describe("the reason sentence", () => {
  const allowed: ActivityType[] = ["reference_call", "panel", "advisory_board", "case_study", "webinar"];

  it("says what they answered, most recently answered activity first", () => {
    const answers = [
      answer("panel", "accepted", 40),
      answer("reference_call", "declined", 5),
      answer("panel", "accepted", 20),
      answer("reference_call", "declined", 12),
    ];
    expect(describeAnswers(answers, allowed)).toBe("declined both reference calls, accepted both panels");
  });

  it("says when they left invitations unanswered", () => {
    const answers = [answer("reference_call", "ignored", 3), answer("reference_call", "ignored", 30)];
    expect(describeAnswers(answers, allowed)).toBe("left unanswered both reference calls");
  });

  it("tells a recent run apart from an older record", () => {
    const answers = [
      answer("reference_call", "declined", 2),
      answer("reference_call", "declined", 9),
      answer("reference_call", "accepted", 60),
    ];
    expect(describeAnswers(answers, allowed)).toBe("declined the last two of three reference calls");
    expect(describeAnswers([answer("case_study", "accepted", 1), ...answers.slice(1)], allowed)).toBe(
      "accepted a case study, declined the last of two reference calls",
    );
  });

  it("words single answers, 'not now' and plurals plainly", () => {
    expect(describeAnswers([answer("advisory_board", "accepted", 3)], allowed)).toBe(
      "accepted an advisory board seat",
    );
    expect(describeAnswers([answer("webinar", "later", 3)], allowed)).toBe("said not now to a webinar");
    const studies = [1, 2, 3].map((daysAgo) => answer("case_study", "accepted", daysAgo));
    expect(describeAnswers(studies, allowed)).toBe("accepted all three case studies");
  });

  it("only tells answers about the activities the request allows, and nothing when there are none", () => {
    const answers = [answer("press_quote", "declined", 1), answer("panel", "accepted", 9)];
    expect(describeAnswers(answers, ["panel", "reference_call"])).toBe("accepted a panel");
    expect(describeAnswers(answers, ["reference_call"])).toBeNull();
    expect(describeAnswers([], allowed)).toBeNull();
  });

  it("keeps to the three most recently answered activities", () => {
    const answers = allowed.map((type, k) => answer(type, "accepted", k + 1));
    expect(describeAnswers(answers, allowed)).toBe(
      "accepted a reference call, accepted a panel, accepted an advisory board seat",
    );
  });
});
