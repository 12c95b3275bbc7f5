import { describe, expect, it } from "vitest";
import { askCost, currentLoad, type HistoryEntry } from "../../src/core/burnout";
import { addDays } from "../../src/core/dates";
import { TODAY } from "../support/builders";

const entry = (daysAgo: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
  activityType: "reference_call",
  date: addDays(TODAY, -daysAgo),
  outcome: "completed",
  ...overrides,
});

describe("load", () => {
  it("is zero with no history", () => {
    expect(currentLoad([], ["duty"], TODAY)).toBe(0);
  });

  it("counts an ask made today at its full cost", () => {
    expect(currentLoad([entry(0)], ["duty"], TODAY)).toBeCloseTo(askCost(["duty"], "reference_call"), 10);
  });

  it("decays with a mean lifetime of one quarter", () => {
    const fresh = currentLoad([entry(0)], [], TODAY);
    expect(currentLoad([entry(90)], [], TODAY)).toBeCloseTo(fresh * Math.exp(-1), 10);
    expect(currentLoad([entry(180)], [], TODAY)).toBeCloseTo(fresh * Math.exp(-2), 10);
  });

  it("ignores asks older than a year", () => {
    expect(currentLoad([entry(366)], [], TODAY)).toBe(0);
  });

  it("counts upcoming commitments in full", () => {
    const upcoming = currentLoad([entry(-20, { outcome: "scheduled" })], [], TODAY);
    expect(upcoming).toBeCloseTo(currentLoad([entry(0)], [], TODAY), 10);
  });

  it("weighs a declined ask at a quarter of a completed one", () => {
    const declined = currentLoad([entry(10, { outcome: "declined" })], [], TODAY);
    expect(declined).toBeCloseTo(currentLoad([entry(10)], [], TODAY) / 4, 10);
  });

  it("reads against max_asks_per_quarter: steady asking N times a quarter settles near N", () => {
    const everyNineDays = Array.from({ length: 41 }, (_, k) => entry(9 * k));
    const load = currentLoad(everyNineDays, [], TODAY);
    expect(load).toBeGreaterThan(9.5);
    expect(load).toBeLessThan(10.6);
  });

  it("weighs big activities more than small ones", () => {
    const talk = currentLoad([entry(5, { activityType: "conference_talk" })], [], TODAY);
    const call = currentLoad([entry(5)], [], TODAY);
    expect(talk).toBeCloseTo(call * 3, 10);
  });
});

describe("ask cost", () => {
  it("is lower when the activity fits the person's motivation", () => {
    expect(askCost(["spotlight"], "panel")).toBeLessThan(askCost(["duty"], "panel"));
    expect(askCost(["duty"], "reference_call")).toBeLessThan(askCost(["spotlight"], "reference_call"));
  });

  it("is the plain effort for someone whose motivations are unknown", () => {
    expect(askCost([], "case_study")).toBe(3);
  });
});
