import { describe, expect, it } from "vitest";
import { REQUEST_STATUSES, type RequestStatus } from "../../../src/core/lifecycle";
import type { ProgramMetrics } from "../../../src/core/metrics";
import { AT_RISK_SHOWN, reportMessage } from "../../../src/slack/blocks/report";
import { assertWithinLimits, long, visibleText } from "./fixtures";

function metrics(overrides: Partial<ProgramMetrics> = {}): ProgramMetrics {
  return {
    window: { days: 30, from: "2026-10-24T10:00:00.000Z", to: "2026-11-23T10:00:00.000Z" },
    requests: {
      total: 7,
      byStatus: {
        ...(Object.fromEntries(REQUEST_STATUSES.map((status) => [status, 0])) as Record<
          RequestStatus,
          number
        >),
        proposed: 2,
        invited: 1,
        accepted: 1,
        scheduled: 1,
        completed: 1,
        rejected: 1,
      },
    },
    timeTo: {
      proposal: { requests: 5, medianHours: 0.2, p90Hours: 1.5 },
      approval: { requests: 4, medianHours: 3.4, p90Hours: 50 },
      acceptance: { requests: 0, medianHours: null, p90Hours: null },
    },
    acceptance: {
      answered: 4,
      accepted: 3,
      rate: 0.75,
      byActivity: [{ activityType: "panel", answered: 4, accepted: 3, rate: 0.75 }],
      byMotivation: [{ motivation: "spotlight", answered: 4, accepted: 3, rate: 0.75 }],
    },
    load: {
      champions: 12,
      buckets: [
        { bucket: "<25%", champions: 8 },
        { bucket: "25–50%", champions: 2 },
        { bucket: "50–75%", champions: 1 },
        { bucket: "75–100%", champions: 0 },
        { bucket: "≥100%", champions: 1 },
      ],
    },
    concentration: { busiestChampions: 2, asks: 6, totalAsks: 9, share: 0.667 },
    atRisk: [
      {
        championId: 1,
        name: "Dana <Whitfield>",
        load: 3.6,
        capacity: 4,
        asks: 4,
        gives: 0,
        reasons: ["load 3.6 of 4 (90% of capacity)"],
      },
    ],
    influencedPipeline: { deals: 2, value: 250000 },
    wonRevenue: { deals: 1, value: 125000.5 },
    asksToGives: { asks: 9, gives: 3, ratio: 3 },
    calibration: {
      asks: 6,
      meanPredicted: 0.6,
      actual: 0.5,
      bins: [
        { from: 0.4, to: 0.6, asks: 2, meanPredicted: 0.5, actual: 0.5 },
        { from: 0.6, to: 0.8, asks: 4, meanPredicted: 0.65, actual: 0.5 },
      ],
    },
    ...overrides,
  };
}

describe("reportMessage", () => {
  it("says every metric the CLI report says, within Slack's limits", () => {
    const message = reportMessage(metrics());
    assertWithinLimits(message);
    const text = visibleText(message);
    for (const expected of [
      "Program report, last 30 days",
      "Requests opened: 7",
      "2 waiting for approval · 1 rejected · 1 waiting for the champion",
      "1 done",
      "first proposal: median 0.2 hours",
      "90th percentile 2.1 days",
      "acceptance: no request got there yet",
      "3 of 4 answered invitations accepted (75%)",
      "panel 3 of 4 (75%)",
      "spotlight-driven 3 of 4 (75%)",
      "12 champions",
      "≥100%: 1",
      "the busiest 2 champions (2 of 12, 17% of the roster) received 6 of 9 asks (67%)",
      "Dana &lt;Whitfield&gt;: load 3.6 of 4 (90% of capacity)",
      "250,000 (2 deals open or won)",
      "125,000.5 (1 deal)",
      "9 asks, 3 gives (3 asks per give)",
    ]) {
      expect(text).toContain(expected);
    }
    expect(message.text).toContain("7 requests, acceptance 75%, 1 champion at risk");
    // Raw statuses and motivation keys stay internal.
    expect(text).not.toMatch(/\bproposed 2\b|\bspotlight 3\b/);
  });

  it("gives the busiest champions' real share of a small roster, in the singular for one", () => {
    const small = metrics({
      load: { ...metrics().load, champions: 4 },
      concentration: { busiestChampions: 1, asks: 3, totalAsks: 4, share: 0.75 },
    });
    expect(visibleText(reportMessage(small))).toContain(
      "Concentration: the busiest champion (1 of 4, 25% of the roster) received 3 of 4 asks (75%).",
    );
  });

  it("names the first champions at risk and counts the rest", () => {
    const atRisk = Array.from({ length: 40 }, (_, index) => ({
      championId: index,
      name: `Champion ${index}`,
      load: 4,
      capacity: 4,
      asks: 5,
      gives: 0,
      reasons: ["load 4.0 of 4 (100% of capacity)"],
    }));
    const text = visibleText(reportMessage(metrics({ atRisk })));
    expect(text).toContain(`Champion ${AT_RISK_SHOWN - 1}:`);
    expect(text).not.toContain(`Champion ${AT_RISK_SHOWN}:`);
    expect(text).toContain(`…and ${40 - AT_RISK_SHOWN} more`);
  });

  it("stays within Slack's limits however long the names and reasons", () => {
    const atRisk = Array.from({ length: 400 }, (_, index) => ({
      championId: index,
      name: `${long(300)} ${index}`,
      load: 4,
      capacity: 4,
      asks: 5,
      gives: 0,
      reasons: [long(500)],
    }));
    assertWithinLimits(reportMessage(metrics({ atRisk })));
  });

  it("says plainly when nothing happened", () => {
    const quiet = metrics({
      acceptance: { answered: 0, accepted: 0, rate: null, byActivity: [], byMotivation: [] },
      concentration: { busiestChampions: 0, asks: 0, totalAsks: 0, share: null },
      atRisk: [],
    });
    const text = visibleText(reportMessage(quiet));
    expect(text).toContain("no invitations were answered");
    expect(text).toContain("no asks in this window");
    expect(text).toMatch(/nothing given back\): none/);
  });
});
