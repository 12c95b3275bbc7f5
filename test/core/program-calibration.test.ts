import { describe, expect, it } from "vitest";
import { addDays } from "../../src/core/dates";
import { type AnswerEntry, DEFAULT_FATIGUE_PER_ASK, priorYes } from "../../src/core/learning";
import { motivationFit } from "../../src/core/motivation";
import { asksBefore, type CalibrationInput, calibrateProgram } from "../../src/core/program-calibration";
import { TODAY } from "../support/builders";

/** A roster whose duty-driven champions answered calls: `yes` of every ten accepted, each rested. */
function roster(size: number, yesOfTen: number): CalibrationInput[] {
  return Array.from({ length: size }, (_, index) => {
    const date = addDays(TODAY, -1 - (index % 30));
    const answers: AnswerEntry[] = [
      { activityType: "reference_call", answer: index % 10 < yesOfTen ? "accepted" : "declined", date },
    ];
    return { motivations: ["duty"], answers, asks: [date] };
  });
}

describe("program calibration", () => {
  it("leaves the priors alone and assumes the default fatigue without answers", () => {
    expect(calibrateProgram([], TODAY)).toEqual({
      shift: 0,
      fatiguePerAsk: DEFAULT_FATIGUE_PER_ASK,
      evidence: 0,
    });
  });

  it("pulls optimistic priors down to the yes-rate the program sees", () => {
    const prior = priorYes(motivationFit(["duty"], "reference_call"));
    expect(prior).toBeGreaterThan(0.8);
    const { shift } = calibrateProgram(roster(400, 5), TODAY);
    const calibrated = 1 / (1 + Math.exp(-(Math.log(prior / (1 - prior)) + shift)));
    expect(shift).toBeLessThan(0);
    expect(calibrated).toBeGreaterThan(0.45);
    expect(calibrated).toBeLessThan(0.56);
  });

  it("moves little on a handful of answers: a young program stays near the table", () => {
    expect(Math.abs(calibrateProgram(roster(4, 0), TODAY).shift)).toBeLessThan(1.5);
  });

  it("learns a steeper fatigue when people asked often say no far more", () => {
    const rested = roster(200, 7);
    // The same people, asked four times in the month before each answer, saying yes one time in ten.
    const tired: CalibrationInput[] = Array.from({ length: 200 }, (_, index) => {
      const date = addDays(TODAY, -1 - (index % 20));
      const asks = [0, 5, 10, 15, 20].map((back) => addDays(date, -back));
      return {
        motivations: ["duty"],
        answers: [
          { activityType: "reference_call", answer: index % 10 === 0 ? "accepted" : "declined", date },
        ],
        asks,
      };
    });
    const fitted = calibrateProgram([...rested, ...tired], TODAY);
    expect(fitted.fatiguePerAsk).toBeGreaterThan(DEFAULT_FATIGUE_PER_ASK + 0.1);
  });

  it("counts the asks in the quarter before an answer, leaving out the one answered", () => {
    const asks = [addDays(TODAY, -100), addDays(TODAY, -60), addDays(TODAY, -3), TODAY, addDays(TODAY, 2)];
    expect(asksBefore(asks, TODAY)).toBe(2);
    expect(asksBefore([], TODAY)).toBe(0);
  });
});
