import { describe, expect, it } from "vitest";
import { canTransition, isTerminal, REQUEST_STATUSES } from "../../src/core/lifecycle";

describe("request lifecycle", () => {
  it.each([
    ["request", "proposed"],
    ["proposed", "approved"],
    ["proposed", "rejected"],
    ["approved", "invited"],
    ["invited", "accepted"],
    ["invited", "declined"],
    ["invited", "expired"],
    ["declined", "proposed"],
    ["expired", "proposed"],
    ["accepted", "scheduled"],
    ["scheduled", "completed"],
    ["invited", "cancelled"],
  ] as const)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each([
    ["request", "invited"],
    ["proposed", "invited"],
    ["invited", "invited"],
    ["accepted", "accepted"],
    ["declined", "accepted"],
    ["completed", "cancelled"],
    ["rejected", "approved"],
  ] as const)("refuses %s → %s (a replay or skipped step changes nothing)", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it("lets nothing leave a terminal status", () => {
    for (const from of REQUEST_STATUSES.filter(isTerminal)) {
      for (const to of REQUEST_STATUSES) expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
    }
  });
});
