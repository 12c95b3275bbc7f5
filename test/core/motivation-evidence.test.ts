import { describe, expect, it } from "vitest";
import { addDays } from "../../src/core/dates";
import { ACTIVITY_TYPES, type ActivityType } from "../../src/core/domain";
import type { AnswerEntry } from "../../src/core/learning";
import { motivationFit } from "../../src/core/motivation";
import { evidencedFits } from "../../src/core/motivation-evidence";
import { TODAY } from "../support/builders";

const at = (activity: ActivityType) => ACTIVITY_TYPES.indexOf(activity);
const answer = (activityType: ActivityType, kind: AnswerEntry["answer"], daysAgo = 5): AnswerEntry => ({
  activityType,
  answer: kind,
  date: addDays(TODAY, -daysAgo),
});

describe("motivation evidence", () => {
  it("keeps the fits on file while nobody has said yes or no", () => {
    const fits = evidencedFits(
      ["duty", "voice"],
      [answer("panel", "ignored"), answer("panel", "later")],
      TODAY,
    );
    ACTIVITY_TYPES.forEach((type, index) => {
      expect(fits[index]).toBeCloseTo(motivationFit(["duty", "voice"], type), 10);
    });
  });

  it("hears a stage-lover in someone on file as duty-driven who takes panels and turns down calls", () => {
    const answers = [
      answer("panel", "accepted", 10),
      answer("webinar", "accepted", 20),
      answer("reference_call", "declined", 30),
      answer("reference_call", "declined", 40),
      answer("panel", "accepted", 50),
    ];
    const before = evidencedFits(["duty"], [], TODAY);
    const after = evidencedFits(["duty"], answers, TODAY);
    expect(before[at("reference_call")]).toBeGreaterThan((before[at("panel")] ?? 1) + 0.5);
    expect(after[at("panel")]).toBeGreaterThan(after[at("reference_call")] ?? 1);
    // Unasked activities move too: what drives them is what changed.
    expect(after[at("conference_talk")]).toBeGreaterThan((before[at("conference_talk")] ?? 1) + 0.15);
  });

  it("lets a first answer nudge, not overturn, what is on file", () => {
    const fits = evidencedFits(["duty"], [answer("reference_call", "declined")], TODAY);
    expect(fits[at("reference_call")]).toBeGreaterThan(fits[at("conference_talk")] ?? 1);
  });

  it("gives old answers less say than recent ones", () => {
    const recent = evidencedFits(
      ["duty"],
      [answer("panel", "accepted", 1), answer("panel", "accepted", 2)],
      TODAY,
    );
    const old = evidencedFits(
      ["duty"],
      [answer("panel", "accepted", 300), answer("panel", "accepted", 301)],
      TODAY,
    );
    expect(recent[at("panel")]).toBeGreaterThan(old[at("panel")] ?? 1);
  });
});
