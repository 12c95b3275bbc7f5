import { describe, expect, it } from "vitest";
import { REQUEST_STATUSES } from "../../src/core/lifecycle";
import {
  type ChampionLoad,
  computeProgramMetrics,
  type MetricsInput,
  percentile,
  type RequestTimeline,
} from "../../src/core/metrics";
import { NOW } from "../support/builders";

// NOW is 2026-11-23T10:00Z; with a 30-day window the window opens 2026-10-24T10:00Z (day 2026-10-24).
const WINDOW_DAYS = 30;
const at = (iso: string) => new Date(iso);
const hoursAfter = (start: string, hours: number) => new Date(at(start).getTime() + hours * 3_600_000);

function timeline(
  createdAt: string,
  status: RequestTimeline["status"],
  steps: { proposed?: number; approved?: number; accepted?: number } = {},
): RequestTimeline {
  const step = (hours: number | undefined) => (hours === undefined ? null : hoursAfter(createdAt, hours));
  return {
    status,
    createdAt: at(createdAt),
    proposedAt: step(steps.proposed),
    approvedAt: step(steps.approved),
    acceptedAt: step(steps.accepted),
  };
}

function champion(id: number, overrides: Partial<ChampionLoad> = {}): ChampionLoad {
  return {
    id,
    name: `Champion ${id}`,
    status: "active",
    motivations: [],
    load: 0,
    capacity: 4,
    ...overrides,
  };
}

const empty = (overrides: Partial<MetricsInput> = {}): MetricsInput => ({
  now: NOW,
  windowDays: WINDOW_DAYS,
  requests: [],
  invitations: [],
  historyAsks: [],
  gives: [],
  champions: [],
  deals: [],
  ...overrides,
});

const zeroByStatus = Object.fromEntries(REQUEST_STATUSES.map((status) => [status, 0]));

const DANA = 1;
const OMAR = 2;
const MEI = 3;
const LEE = 4;
const ANA = 5;
const RAJ = 6;
const KIM = 7;

/** A month of program history with some of it just outside the window. */
const HISTORY: MetricsInput = empty({
  requests: [
    timeline("2026-11-01T00:00:00Z", "completed", { proposed: 2, approved: 5, accepted: 26 }),
    timeline("2026-11-02T00:00:00Z", "scheduled", { proposed: 1, approved: 3, accepted: 10 }),
    timeline("2026-11-03T00:00:00Z", "invited", { proposed: 4, approved: 8 }),
    timeline("2026-11-04T00:00:00Z", "proposed", { proposed: 3 }),
    timeline("2026-11-05T00:00:00Z", "request"),
    // Opened before the window: counts nowhere, however slow it was.
    timeline("2026-10-01T00:00:00Z", "completed", { proposed: 100, approved: 200, accepted: 300 }),
  ],
  champions: [
    champion(DANA, { name: "Dana Whitfield", motivations: ["spotlight", "voice"], load: 3.4 }),
    champion(OMAR, { name: "Omar Haddad", motivations: ["duty"], load: 1 }),
    champion(MEI, { name: "Mei Chen", motivations: ["mastery"] }),
    champion(LEE, { name: "Lee Park", status: "paused", load: 2, capacity: 2 }),
    // Inactive and not asked: off the roster. Inactive but asked in the window: on it.
    champion(ANA, { name: "Ana Souza", status: "inactive", motivations: ["altruism"], load: 4 }),
    champion(RAJ, { name: "Raj Patel", status: "inactive", motivations: ["voice"], load: 0.5 }),
    champion(KIM, { name: "Kim Novak", motivations: ["duty"], load: 2 }),
    ...[8, 9, 10, 11, 12].map((id) => champion(id)),
  ],
  invitations: [
    {
      championId: DANA,
      activityType: "reference_call",
      sentAt: at("2026-11-01T06:00:00Z"),
      answer: "accepted",
      answeredAt: at("2026-11-02T02:00:00Z"),
      predictedYes: 0.8,
      closedAt: at("2026-11-02T02:00:00Z"),
    },
    {
      championId: DANA,
      activityType: "panel",
      sentAt: at("2026-11-05T09:00:00Z"),
      answer: "declined",
      answeredAt: at("2026-11-06T09:00:00Z"),
      predictedYes: 0.6,
      closedAt: at("2026-11-06T09:00:00Z"),
    },
    {
      championId: OMAR,
      activityType: "reference_call",
      sentAt: at("2026-11-02T03:00:00Z"),
      answer: "accepted",
      answeredAt: at("2026-11-02T10:00:00Z"),
      predictedYes: null,
      closedAt: at("2026-11-02T10:00:00Z"),
    },
    {
      championId: KIM,
      activityType: "reference_call",
      sentAt: at("2026-11-03T09:00:00Z"),
      answer: "later",
      answeredAt: at("2026-11-04T09:00:00Z"),
      predictedYes: null,
      closedAt: at("2026-11-04T09:00:00Z"),
    },
    {
      championId: KIM,
      activityType: "review",
      sentAt: at("2026-11-06T09:00:00Z"),
      answer: "accepted",
      answeredAt: at("2026-11-07T09:00:00Z"),
      predictedYes: null,
      closedAt: at("2026-11-07T09:00:00Z"),
    },
    {
      championId: LEE,
      activityType: "webinar",
      sentAt: at("2026-11-08T09:00:00Z"),
      answer: null,
      answeredAt: null,
      predictedYes: null,
      closedAt: null,
    },
    // Sent before the window, answered in it: an answer in the window, not an ask in it.
    {
      championId: MEI,
      activityType: "case_study",
      sentAt: at("2026-10-20T09:00:00Z"),
      answer: "declined",
      answeredAt: at("2026-10-25T09:00:00Z"),
      predictedYes: null,
      closedAt: at("2026-10-25T09:00:00Z"),
    },
    {
      championId: LEE,
      activityType: "webinar",
      sentAt: at("2026-10-10T09:00:00Z"),
      answer: "declined",
      answeredAt: at("2026-11-01T09:00:00Z"),
      predictedYes: null,
      closedAt: at("2026-11-01T09:00:00Z"),
    },
    // Entirely before the window.
    {
      championId: OMAR,
      activityType: "panel",
      sentAt: at("2026-10-01T09:00:00Z"),
      answer: "accepted",
      answeredAt: at("2026-10-02T09:00:00Z"),
      predictedYes: null,
      closedAt: at("2026-10-02T09:00:00Z"),
    },
  ],
  historyAsks: [
    { championId: KIM, date: "2026-10-30" },
    { championId: RAJ, date: "2026-11-10" },
    { championId: DANA, date: "2026-10-24" }, // the day the window opens counts
    { championId: OMAR, date: "2026-10-23" }, // the day before does not
  ],
  gives: [
    { championId: DANA, givenAt: at("2026-11-10T12:00:00Z") },
    { championId: OMAR, givenAt: at("2026-11-11T12:00:00Z") },
    { championId: KIM, givenAt: at("2026-10-01T12:00:00Z") }, // before the window: Kim got nothing in it
  ],
  deals: [
    { date: "2026-11-05", result: "won", value: 50_000 },
    { date: "2026-11-12", result: "open", value: 20_000.5 },
    { date: "2026-11-15", result: "lost", value: 30_000 },
    { date: "2026-12-01", result: "open", value: 10_000 }, // outcome recorded ahead of its date: still in
    { date: "2026-10-01", result: "won", value: 99_999 }, // before the window
  ],
});

describe("percentile (nearest rank)", () => {
  it("is null without values and the value itself for one", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 90)).toBe(7);
  });

  it("takes the ⌈p·n⌉-th smallest: the middle of an odd count, the lower middle of an even one", () => {
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([5, 1, 3], 90)).toBe(5);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([4, 1, 3, 2], 90)).toBe(4);
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 90)).toBe(9);
  });
});

describe("program metrics", () => {
  it("computes every metric of a constructed month of history", () => {
    expect(computeProgramMetrics(HISTORY)).toEqual({
      window: { days: 30, from: "2026-10-24T10:00:00.000Z", to: "2026-11-23T10:00:00.000Z" },
      requests: {
        total: 5,
        byStatus: { ...zeroByStatus, request: 1, proposed: 1, invited: 1, scheduled: 1, completed: 1 },
      },
      timeTo: {
        // proposal hours 2, 1, 4, 3 (even count); approval 5, 3, 8 (odd); acceptance 26, 10.
        proposal: { requests: 4, medianHours: 2, p90Hours: 4 },
        approval: { requests: 3, medianHours: 5, p90Hours: 8 },
        acceptance: { requests: 2, medianHours: 10, p90Hours: 26 },
      },
      acceptance: {
        answered: 7,
        accepted: 3,
        rate: 0.429,
        byActivity: [
          { activityType: "reference_call", answered: 3, accepted: 2, rate: 0.667 },
          { activityType: "case_study", answered: 1, accepted: 0, rate: 0 },
          { activityType: "panel", answered: 1, accepted: 0, rate: 0 },
          { activityType: "review", answered: 1, accepted: 1, rate: 1 },
          { activityType: "webinar", answered: 1, accepted: 0, rate: 0 },
        ],
        byMotivation: [
          { motivation: "duty", answered: 3, accepted: 2, rate: 0.667 },
          { motivation: "spotlight", answered: 2, accepted: 1, rate: 0.5 },
          { motivation: "mastery", answered: 1, accepted: 0, rate: 0 },
          { motivation: "unstated", answered: 1, accepted: 0, rate: 0 },
        ],
      },
      load: {
        // Everyone but Ana: Mei, Raj and five idle champions under 25%; Omar at exactly 25%.
        champions: 11,
        buckets: [
          { bucket: "<25%", champions: 7 },
          { bucket: "25–50%", champions: 1 },
          { bucket: "50–75%", champions: 1 },
          { bucket: "75–100%", champions: 1 },
          { bucket: "≥100%", champions: 1 },
        ],
      },
      // Asks: Dana 3, Kim 3, Omar 1, Lee 1, Raj 1. The busiest 10% of 11 rounds up to 2 champions.
      concentration: { busiestChampions: 2, asks: 6, totalAsks: 9, share: 0.667 },
      atRisk: [
        {
          championId: LEE,
          name: "Lee Park",
          load: 2,
          capacity: 2,
          asks: 1,
          gives: 0,
          reasons: ["load 2.0 of 2 (100% of capacity)"],
        },
        {
          championId: DANA,
          name: "Dana Whitfield",
          load: 3.4,
          capacity: 4,
          asks: 3,
          gives: 1,
          reasons: ["load 3.4 of 4 (85% of capacity)"],
        },
        {
          championId: KIM,
          name: "Kim Novak",
          load: 2,
          capacity: 4,
          asks: 3,
          gives: 0,
          reasons: ["asked 3 times in 30 days with nothing given back"],
        },
      ],
      influencedPipeline: { deals: 3, value: 80_000.5 },
      wonRevenue: { deals: 1, value: 50_000 },
      asksToGives: { asks: 9, gives: 2, ratio: 4.5 },
      // Two invitations carry the yes-probability they were proposed with: one accepted, one declined.
      calibration: {
        asks: 2,
        meanPredicted: 0.7,
        actual: 0.5,
        bins: [
          { from: 0.6, to: 0.8, asks: 1, meanPredicted: 0.6, actual: 0 },
          { from: 0.8, to: 1, asks: 1, meanPredicted: 0.8, actual: 1 },
        ],
      },
    });
  });

  it("reports zeros and nulls, never NaN, for an empty program", () => {
    const none = { requests: 0, medianHours: null, p90Hours: null };
    expect(computeProgramMetrics(empty())).toEqual({
      window: { days: 30, from: "2026-10-24T10:00:00.000Z", to: "2026-11-23T10:00:00.000Z" },
      requests: { total: 0, byStatus: zeroByStatus },
      timeTo: { proposal: none, approval: none, acceptance: none },
      acceptance: { answered: 0, accepted: 0, rate: null, byActivity: [], byMotivation: [] },
      load: {
        champions: 0,
        buckets: ["<25%", "25–50%", "50–75%", "75–100%", "≥100%"].map((bucket) => ({ bucket, champions: 0 })),
      },
      concentration: { busiestChampions: 0, asks: 0, totalAsks: 0, share: null },
      atRisk: [],
      influencedPipeline: { deals: 0, value: 0 },
      wonRevenue: { deals: 0, value: 0 },
      asksToGives: { asks: 0, gives: 0, ratio: null },
      calibration: { asks: 0, meanPredicted: 0, actual: 0, bins: [] },
    });
  });

  it("measures concentration the same whichever of the tied champions counts as busiest", () => {
    // 20 champions: the busiest 10% is 2. Asks 4, 2, 2, 2: the second place is a three-way tie.
    const asks = [4, 2, 2, 2];
    const historyAsks = asks.flatMap((count, index) =>
      Array.from({ length: count }, () => ({ championId: index + 1, date: "2026-11-01" })),
    );
    const champions = Array.from({ length: 20 }, (_, index) => champion(index + 1));
    const forward = computeProgramMetrics(empty({ champions, historyAsks }));
    const reversed = computeProgramMetrics(
      empty({ champions: [...champions].reverse(), historyAsks: [...historyAsks].reverse() }),
    );
    expect(forward.concentration).toEqual({ busiestChampions: 2, asks: 6, totalAsks: 10, share: 0.6 });
    expect(reversed.concentration).toEqual(forward.concentration);
  });

  it("rounds the busiest 10% up to at least one champion", () => {
    const champions = [1, 2, 3, 4, 5].map((id) => champion(id));
    const historyAsks = [
      { championId: 1, date: "2026-11-01" },
      { championId: 2, date: "2026-11-01" },
      { championId: 2, date: "2026-11-02" },
    ];
    expect(computeProgramMetrics(empty({ champions, historyAsks })).concentration).toEqual({
      busiestChampions: 1,
      asks: 2,
      totalAsks: 3,
      share: 0.667,
    });
  });

  it("flags champions at or over 80% of capacity, or asked 3+ times with no give back", () => {
    const asked = (championId: number, times: number) =>
      Array.from({ length: times }, (_, day) => ({ championId, date: `2026-11-1${day}` }));
    const metrics = computeProgramMetrics(
      empty({
        champions: [
          champion(1, { name: "At 80%", load: 4, capacity: 5 }),
          champion(2, { name: "Just under", load: 3.16, capacity: 4 }),
          champion(3, { name: "Three asks, one give" }),
          champion(4, { name: "Two asks, no give" }),
          champion(5, { name: "Three asks, no give" }),
          champion(6, { name: "Both", load: 5, capacity: 4 }),
          champion(7, { name: "Inactive, full", status: "inactive", load: 9 }),
        ],
        historyAsks: [...asked(3, 3), ...asked(4, 2), ...asked(5, 3), ...asked(6, 4)],
        gives: [{ championId: 3, givenAt: at("2026-11-20T00:00:00Z") }],
      }),
    );
    expect(metrics.atRisk.map((entry) => [entry.name, entry.reasons])).toEqual([
      ["Both", ["load 5.0 of 4 (125% of capacity)", "asked 4 times in 30 days with nothing given back"]],
      ["At 80%", ["load 4.0 of 5 (80% of capacity)"]],
      ["Three asks, no give", ["asked 3 times in 30 days with nothing given back"]],
    ]);
  });

  it("takes the window from its inputs", () => {
    const wide = computeProgramMetrics({ ...HISTORY, windowDays: 60 });
    expect(wide.window.from).toBe("2026-09-24T10:00:00.000Z");
    expect(wide.requests.total).toBe(6);
    expect(wide.timeTo.acceptance).toEqual({ requests: 3, medianHours: 26, p90Hours: 300 });
    expect(wide.wonRevenue).toEqual({ deals: 2, value: 149_999 });
    expect(wide.asksToGives).toEqual({ asks: 13, gives: 3, ratio: 4.33 });
  });
});
