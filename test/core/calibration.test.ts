import { describe, expect, it } from "vitest";
import { calibration } from "../../src/core/calibration";

describe("calibration", () => {
  it("sets the mean prediction beside the share accepted, overall and by fifth", () => {
    const result = calibration([
      { predicted: 0.3, accepted: false },
      { predicted: 0.35, accepted: true },
      { predicted: 0.7, accepted: true },
      { predicted: 0.75, accepted: true },
      { predicted: 0.65, accepted: false },
      { predicted: 1, accepted: true },
    ]);
    expect(result.asks).toBe(6);
    expect(result.meanPredicted).toBeCloseTo((0.3 + 0.35 + 0.7 + 0.75 + 0.65 + 1) / 6, 10);
    expect(result.actual).toBeCloseTo(4 / 6, 10);
    expect(result.bins.map((bin) => [bin.from, bin.to, bin.asks])).toEqual([
      [0.2, 0.4, 2],
      [0.6, 0.8, 3],
      [0.8, 1, 1],
    ]);
    expect(result.bins[0]?.meanPredicted).toBeCloseTo(0.325, 10);
    expect(result.bins[0]?.actual).toBe(0.5);
    expect(result.bins[1]?.actual).toBeCloseTo(2 / 3, 10);
  });

  it("reads zero for no predictions instead of dividing by zero", () => {
    expect(calibration([])).toEqual({ asks: 0, meanPredicted: 0, actual: 0, bins: [] });
  });
});
